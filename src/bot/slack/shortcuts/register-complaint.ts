import type { MessageShortcut } from '@slack/bolt';
import type { SlackRoutes } from '../slack-routes.js';
import { SHORTCUTS } from '../../ids.js';
import { complaintModal } from '../blocks/modals.js';
import { formChoices } from '../options/taxonomy-options.js';
import { refusedBeforeForm } from '../refuse-early.js';
import type { LocaleOf, SlackDeps } from '../slack-deps.js';
import { openModal } from '../slack-views.js';

/** "Register as complaint" on any message: the form opens with its text and a permalink. */
export function registerComplaintShortcut(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.shortcut<MessageShortcut>(SHORTCUTS.registerComplaint, async ({ ack, shortcut, client }) => {
    await ack();
    const { t, locale } = await localeOf(shortcut.user.id);
    const at = { userId: shortcut.user.id, channel: shortcut.channel.id };
    if (await refusedBeforeForm(deps, client, at, 'complaint.file', t)) return;
    const link = await client.chat
      .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message_ts })
      .then((r) => r.permalink)
      .catch(() => undefined);
    await openModal(
      client,
      shortcut.trigger_id,
      complaintModal(
        t,
        { channel: shortcut.channel.id, ...(link ? { sourceMessageUrl: link } : {}) },
        { description: String(shortcut.message.text ?? '').slice(0, 3000) },
        await formChoices(deps, locale),
      ),
    );
  });
}
