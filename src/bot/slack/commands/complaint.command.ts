import type { SlackRoutes } from '../slack-routes.js';
import type { Complaint } from '../../../domain/complaint/complaint.js';
import {
  recordSatisfaction,
  sendSurvey,
} from '../../../domain/satisfaction/record-satisfaction.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import { formatInstant } from '../../shared/format.js';
import { refusalText } from '../../shared/refusal-text.js';
import type { Locale, Translate } from '../../../i18n/translate.js';
import { COMMANDS } from '../../ids.js';
import { escapeText } from '../blocks/block-kit.js';
import { complaintModal } from '../blocks/modals.js';
import { formChoices } from '../options/taxonomy-options.js';
import { showComplaint } from './complaint-show.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { refusedBeforeForm, slackNeedsRole } from '../refuse-early.js';
import { openModal } from '../slack-views.js';

const LIST_LIMIT = 15;

/** `/complaint` opens the form; `list`, `mine`, `show <number>`, `search <text>` answer privately. */
export function registerComplaintCommand(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.command(COMMANDS.complaint, async ({ command, ack, client }) => {
    const [verb = '', ...rest] = command.text.trim().split(/\s+/);
    if (verb === '') await ack(); // the form: ack at once, then open it
    const { t, locale } = await localeOf(command.user_id);
    if (verb === '') {
      const at = { userId: command.user_id, channel: command.channel_id };
      if (await refusedBeforeForm(deps, client, at, 'complaint.file', t)) return;
      await openModal(
        client,
        command.trigger_id,
        complaintModal(t, { channel: command.channel_id }, {}, await formChoices(deps, locale)),
      );
      return;
    }
    const by = slackUser({ id: command.user_id, name: command.user_name });
    if (verb.toLowerCase() === 'survey' || verb.toLowerCase() === 'rate') {
      await ack({
        response_type: 'ephemeral',
        text: await satisfaction(deps, by, verb.toLowerCase(), rest, { t, locale }),
      });
      return;
    }
    const refusal = await slackNeedsRole(deps, command.user_id, 'complaints.read', t);
    if (refusal) return void (await ack({ response_type: 'ephemeral', text: refusal }));
    if (verb.toLowerCase() === 'show') {
      const number = rest.join(' ').toUpperCase();
      const one = await deps.complaints.findByNumber(number);
      if (one) return void (await ack(await showComplaint(deps, client, one, { t, locale })));
      const text = t('complaint.not_found', { number: escapeText(number.slice(0, 40)) });
      return void (await ack({ response_type: 'ephemeral', text }));
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

/**
 * `survey R-2026-0042`: a one-time link for the customer; `rate R-2026-0042 4 [comment]`: the
 * rating heard on the phone. Both on resolved or closed cases; 1–2 reopens the case.
 */
async function satisfaction(
  deps: SlackDeps,
  by: ChatUser,
  verb: string,
  args: string[],
  { t, locale }: { t: Translate; locale: Locale },
) {
  const [number = '', rating = '', ...comment] = args;
  const complaint = await deps.complaints.findByNumber(number.toUpperCase());
  if (!complaint) return t('error.COMPLAINT.NOT_FOUND');
  if (verb === 'survey') {
    const link = await sendSurvey(deps.satisfaction, by, complaint.id);
    if (!link.ok) return refusalText(link, t);
    const until = formatInstant(link.value.expiresAt, locale, deps.timeZone).slice(0, 10);
    return t('survey.link', {
      number: complaint.number,
      until,
      url: `${deps.publicUrl}/survey/${link.value.token}`,
    });
  }
  const result = await recordSatisfaction(deps.satisfaction, by, {
    complaintId: complaint.id,
    rating,
    ...(comment.length ? { comment: comment.join(' ') } : {}),
  });
  if (!result.ok) return refusalText(result, t);
  const said = { rating: result.value.satisfaction?.rating ?? rating, number: complaint.number };
  return t(
    result.value.status === 'reopened' ? 'satisfaction.recorded_reopened' : 'satisfaction.recorded',
    said,
  );
}
