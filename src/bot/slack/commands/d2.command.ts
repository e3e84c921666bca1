import type { App } from '@slack/bolt';
import { COMMANDS } from '../../ids.js';
import { d2Modal } from '../blocks/modals.js';
import type { LocaleOf } from '../slack-deps.js';

/** `/d2` opens Mod. 07_D2 (the use case checks the secretariat role on submit). */
export function registerD2Command(app: App, localeOf: LocaleOf) {
  app.command(COMMANDS.d2, async ({ command, ack, client }) => {
    await ack();
    const { t } = await localeOf(command.user_id);
    await client.views.open({
      trigger_id: command.trigger_id,
      view: d2Modal(t, { channel: command.channel_id }),
    });
  });
}
