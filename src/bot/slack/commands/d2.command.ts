import type { SlackRoutes } from '../slack-routes.js';
import { COMMANDS } from '../../ids.js';
import { d2Modal } from '../blocks/modals.js';
import { refusedBeforeForm } from '../refuse-early.js';
import type { LocaleOf, SlackDeps } from '../slack-deps.js';
import { openModal } from '../slack-views.js';

/**
 * `/d2` opens Mod. 07_D2 for the secretariats; anyone else is told which role it needs. Any
 * word after it (`/d2 list`) gets the command's usage, not the form.
 */
export function registerD2Command(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.command(COMMANDS.d2, async ({ command, ack, client }) => {
    // Any word after it gets the command's usage, not the form.
    if (command.text.trim()) {
      const { t } = await localeOf(command.user_id);
      return void (await ack({ response_type: 'ephemeral', text: t('d2.usage') }));
    }
    await ack(); // the form: ack at once, then open it
    const { t } = await localeOf(command.user_id);
    const at = { userId: command.user_id, channel: command.channel_id };
    if (await refusedBeforeForm(deps, client, at, 'd2.raise', t)) return;
    await openModal(client, command.trigger_id, d2Modal(t, { channel: command.channel_id }));
  });
}
