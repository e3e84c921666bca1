import type { App } from '@slack/bolt';
import type { Complaint } from '../../../domain/complaint/complaint.js';
import type { Translate } from '../../../i18n/translate.js';
import { COMMANDS } from '../../ids.js';
import { escapeText } from '../blocks/block-kit.js';
import { complaintModal } from '../blocks/modals.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';

const LIST_LIMIT = 15;

/** `/complaint` opens the form; `list`, `mine`, `show <number>`, `search <text>` answer privately. */
export function registerComplaintCommand(app: App, deps: SlackDeps, localeOf: LocaleOf) {
  app.command(COMMANDS.complaint, async ({ command, ack, client }) => {
    const [verb = '', ...rest] = command.text.trim().split(/\s+/);
    const { t } = await localeOf(command.user_id);
    if (verb === '') {
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: complaintModal(t, { channel: command.channel_id }),
      });
      return;
    }
    const found = await lookup(deps, verb.toLowerCase(), rest.join(' '), command.user_id);
    await ack({
      response_type: 'ephemeral',
      text: found ? listing(found, t) : t('complaint.usage'),
    });
  });
}

async function lookup(deps: SlackDeps, verb: string, argument: string, userId: string) {
  switch (verb) {
    case 'list':
      return deps.complaints.recent(LIST_LIMIT);
    case 'mine':
      return deps.complaints.openFor(slackUser({ id: userId }), LIST_LIMIT);
    case 'show': {
      const one = await deps.complaints.findByNumber(argument.toUpperCase());
      return one ? [one] : [];
    }
    case 'search':
      return argument ? deps.complaints.search(argument, LIST_LIMIT) : undefined;
    default:
      return undefined;
  }
}

function listing(complaints: Complaint[], t: Translate): string {
  if (!complaints.length) return t('complaint.list.empty');
  const lines = complaints.map(
    (c) =>
      `• *${c.number}* ${c.priority} · ${t(`status.${c.status}`)} · ${escapeText(c.product)} — ${escapeText(c.description.slice(0, 80))}`,
  );
  return [t('complaint.list.header', { count: complaints.length }), ...lines].join('\n');
}
