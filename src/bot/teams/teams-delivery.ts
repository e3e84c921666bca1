import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Complaint } from '../../domain/complaint/complaint.js';
import type { D2Request } from '../../domain/d2/d2-request.js';
import type { MessageSet } from '../../domain/shared/delivery.ports.js';
import type { CaseRef, Notification } from '../../domain/shared/notification.js';
import {
  pickLocale,
  translator,
  type Locale,
  type MessageKey,
  type Translate,
} from '../../i18n/translate.js';
import { sendToEach } from '../shared/each-message.js';
import { eventLine } from '../shared/event-line.js';
import { formatInstant } from '../shared/format.js';
import { digestChartPng } from '../charts/digest-chart.js';
import { digestLines, digestTitle } from '../shared/digest-text.js';
import { card, text, type Card } from './cards/adaptive.js';
import { teamsApprovalCard, teamsCaseCard, teamsD2Card } from './cards/case-card.js';
import { noticeCard } from './cards/forms.js';
import { teamsMarkup } from './cards/teams-markup.js';
import { approvalReason } from '../shared/approval-reason.js';
import { directText } from '../shared/direct-text.js';
import { reminderTexts } from '../shared/reminder-text.js';
import { followText } from '../shared/follow-text.js';
import { carryOutIntro } from '../shared/d2-carry-out.js';
import { teamsChannelName } from './channel-name.js';
import type { TeamsDeps } from './teams-deps.js';
import { teamsPoster, TeamsDeliveryError } from './teams-post.js';

/** Renders notifications as Adaptive Cards and sends them proactively through the Bot Connector. */
export function teamsDelivery(adapter: TeamsAdapter, deps: TeamsDeps, locale: Locale) {
  const t = translator(locale);
  const ctx = (l: Locale = locale, tl: Translate = t) => ({
    t: tl,
    locale: l,
    timeZone: deps.timeZone,
    now: deps.services.clock.now(),
  });
  type Ctx = ReturnType<typeof ctx>;
  /** What one person reads is in their language: the locale their chat with the bot reports. */
  const ctxFor = async (userId: string): Promise<Ctx> => {
    const personal = await deps.conversations.personalFor(userId);
    // A chat saved before its locale was kept may still carry it in its conversation reference.
    const reported = personal?.locale ?? (personal?.reference as { locale?: string })?.locale;
    if (!reported) return ctx();
    const theirs = pickLocale(reported, locale);
    return ctx(theirs, translator(theirs));
  };

  const { send, update, reply, direct } = teamsPoster(adapter, deps);
  /** The same card to each Teams user, once each (`key` names the message per person). */
  const toEach = (
    set: MessageSet,
    key: string,
    users: { platform: string; id: string }[],
    card: (user: { id: string }, c: Ctx) => Card | Promise<Card>,
  ) =>
    sendToEach(
      users.filter((u) => u.platform === 'teams'),
      (u) =>
        set.once(`${key}:${u.id}`, async () => direct(u.id, await card(u, await ctxFor(u.id)))),
    );

  /** A case's card as it stands; `read` for a complaint (its first card: as just filed). */
  async function render(
    ref: CaseRef,
    c: Ctx = ctx(),
    read: (id: string) => Promise<Complaint | undefined> = deps.complaints.get,
  ): Promise<{ card: Card; record: Complaint | D2Request } | undefined> {
    if (ref.caseKind === 'complaint') {
      const complaint = await read(ref.caseId);
      return (
        complaint && {
          card: teamsCaseCard(complaint, await deps.clients.shown(complaint.clientId), c),
          record: complaint,
        }
      );
    }
    const d2 = await deps.d2Requests.get(ref.caseId);
    return d2 && { card: teamsD2Card(d2, await deps.clients.shown(d2.clientId), c), record: d2 };
  }
  const channelName = (id: string) => teamsChannelName(deps.conversations, id);
  const actor = (who: { platform: string; id: string; name?: string }) =>
    who.platform === 'system' ? 'Sportello' : (who.name ?? who.id);
  const announced = (record: Complaint | D2Request, number: string) => {
    if (!record.announcement) throw new TeamsDeliveryError(`${number} has no card yet`);
    return record.announcement;
  };

  /** The digest as a card: one line per indicator, and the chart inline as a PNG data URI. */
  async function digestCard(n: Extract<Notification, { type: 'digest' }>): Promise<Card> {
    const period = { from: new Date(n.current.period.from), to: new Date(n.current.period.to) };
    const current = { ...n.current, period };
    const title = digestTitle(current, t, deps.timeZone);
    const lines = digestLines(current, n.previous, t, locale);
    const png = await digestChartPng(current, n.previous, {
      title: t('digest.chart'),
      current: t('digest.thisPeriod'),
      previous: t('digest.previousPeriod'),
    });
    return card([
      text(title, { size: 'Large', weight: 'Bolder' }),
      ...lines.map((line) => text(teamsMarkup(line))),
      {
        type: 'Image',
        url: `data:image/png;base64,${png.toString('base64')}`,
        altText: t('digest.chart'),
      },
    ]);
  }

  return async (n: Notification, set: MessageSet): Promise<void> => {
    switch (n.type) {
      case 'case.announce': {
        const shown = await render(n.case, ctx(), deps.complaints.forFirstCard);
        if (!shown || n.destination.platform !== 'teams') return;
        const existing = shown.record.announcement;
        const id = await set.once('card', () =>
          existing ? update(existing, shown.card) : send(n.destination.channel, shown.card),
        );
        if (!existing)
          await deps.announcements.remember(n.case.caseKind, n.case.caseId, {
            platform: 'teams',
            channel: n.destination.channel,
            messageId: id,
          });
        if (n.triage) {
          const at = { platform: 'teams' as const, channel: n.destination.channel, messageId: id };
          const who = n.mention.map((u) => u.name ?? u.id).join(', ');
          const said = `${who ? `${who}: ` : ''}${t('triage.what_to_do')}`;
          await set.once('triage', () => reply(existing ?? at, noticeCard(said)));
        }
        const description = (shown.record as Complaint).description.slice(0, 200);
        return toEach(set, 'alert', n.direct, (_, c) =>
          noticeCard(c.t('p1.alert', { number: n.case.caseNumber, description })),
        );
      }
      case 'case.moved': {
        const shown = await render(n.case);
        if (!shown) return;
        const to = n.destination;
        const number = n.case.caseNumber;
        if (to.platform === 'teams') {
          const id = await set.once('card', () => send(to.channel, shown.card));
          const at = { platform: 'teams' as const, channel: to.channel, messageId: id };
          await deps.announcements.remember(n.case.caseKind, n.case.caseId, at);
          const came = n.from && (await channelName(n.from.channel));
          if (came)
            await set.once('here', () =>
              reply(at, noticeCard(t('admin.moved.here', { number, channel: came }))),
            );
        }
        const from = n.from;
        if (from?.platform !== 'teams') return;
        // The old card gives way to a pointer, and its thread says where the case went.
        const channel = to.platform === 'teams' ? await channelName(to.channel) : to.channel;
        const pointer = noticeCard(t('admin.moved', { number, channel }));
        await set.once('old-card', () => update(from, pointer));
        await set.once('pointer', () => reply(from, pointer));
        return;
      }
      case 'case.changed': {
        const shown = await render(n.case);
        if (!shown) return;
        const at = announced(shown.record, n.case.caseNumber);
        if (at.platform !== 'teams') return;
        await set.once('card', () => update(at, shown.card));
        const line = eventLine(n.event, {
          t,
          locale,
          timeZone: deps.timeZone,
          actor,
          escape: (x) => x,
        });
        await set.once('line', () => reply(at, noticeCard(line)));
        return;
      }
      case 'case.followed': {
        if (n.to.platform !== 'teams') return;
        const text = followText(n, { t, locale, timeZone: deps.timeZone, actor, escape: (x) => x });
        if (n.via === 'thread') {
          const complaint = await deps.complaints.get(n.case.caseId);
          if (!complaint) return;
          const at = announced(complaint, n.case.caseNumber);
          // A case whose card is on Slack: the Teams user hears it in their chat with the bot.
          if (at.platform === 'teams') {
            const said = t('follow.thread', { mention: n.to.name ?? n.to.id, text });
            await set.once('thread', () => reply(at, noticeCard(said)));
            return;
          }
        }
        const reader = await ctxFor(n.to.id);
        const theirs = followText(n, { ...reader, actor, escape: (x) => x });
        await set.once('dm', () => direct(n.to.id, noticeCard(theirs)));
        return;
      }
      case 'decision.requested': {
        if (n.case.caseKind === 'd2') {
          return toEach(set, 'ask', n.from, async (_, c) => {
            const shown = await render(n.case, c);
            if (!shown) throw new TeamsDeliveryError(`${n.case.caseNumber} is gone`);
            return shown.card;
          });
        }
        const complaint = await deps.complaints.get(n.case.caseId);
        if (!complaint) return;
        const at = announced(complaint, n.case.caseNumber);
        const kind = n.approvalKind ?? 'other';
        // The thread names who must decide; each of them is asked in their chat too.
        const names = n.from
          .filter((u) => u.platform === 'teams')
          .map((u) => u.name ?? u.id)
          .join(', ');
        const reason = approvalReason(n.reason, n.say, t, locale);
        if (at.platform === 'teams')
          await set.once('ask', () =>
            reply(at, teamsApprovalCard(complaint, kind, reason, t, names)),
          );
        await toEach(set, 'ask-dm', n.from, (_, c) => {
          const dm = c.t('decision.dm', {
            number: complaint.number,
            kind: c.t(`approval.${kind}` as MessageKey),
            reason: approvalReason(n.reason, n.say, c.t, c.locale),
          });
          return noticeCard(withLink(dm, teamsCaseLink(at, c.t)));
        });
        return;
      }
      case 'case.reminder': {
        const shown = await render(n.case);
        if (!shown) return;
        const complaint = shown.record as Complaint;
        const at = announced(complaint, n.case.caseNumber);
        const said = reminderTexts(n, complaint, { t, locale }, deps.timeZone);
        const people = n.to.filter((u) => u.platform === 'teams');
        const names = people.map((u) => u.name ?? u.id).join(', ');
        if (at.platform === 'teams') {
          await set.once('card', () => update(at, shown.card));
          await set.once('reminder', () => reply(at, noticeCard(said.line(names), true)));
        }
        await toEach(set, 'dm', people, (_, r) =>
          noticeCard(
            withLink(reminderTexts(n, complaint, r, deps.timeZone).dm(), teamsCaseLink(at, r.t)),
            true,
          ),
        );
        if (n.escalation?.platform !== 'teams') return;
        const { channel } = n.escalation;
        const text = withLink(said.escalated(names, complaint.department), teamsCaseLink(at, t));
        await set.once('escalation', () => send(channel, noticeCard(text, true)));
        return;
      }
      case 'd2.unsigned': {
        return toEach(set, 'remind', n.to, (_, c) => {
          const since = formatInstant(new Date(n.waitingSince), c.locale, deps.timeZone);
          return noticeCard(c.t('reminder.d2', { number: n.case.caseNumber, since }));
        });
      }
      case 'd2.to_carry_out': {
        if (!(await render(n.case))) return;
        const reminder = carryOutIntro(n, ctx()).reminder;
        await toEach(set, reminder ? 'remind' : 'intro', n.to, (_, c) =>
          noticeCard(carryOutIntro(n, c).intro),
        );
        if (!reminder)
          await toEach(set, 'carry', n.to, async (_, c) => (await render(n.case, c))!.card);
        return;
      }
      case 'd2.progress': {
        if (n.to.platform !== 'teams') return;
        const by = n.by.platform === 'teams' ? (n.by.name ?? n.by.id) : (n.by.name ?? 'Sportello');
        const c = await ctxFor(n.to.id);
        const text = c.t(`d2.progress.${n.step}`, {
          number: n.case.caseNumber,
          by,
          note: n.note ?? '',
        });
        await set.once('told', () => direct(n.to.id, noticeCard(text)));
        return;
      }
      case 'care.call_due': {
        return toEach(set, 'due', n.to, (_, c) =>
          noticeCard(
            c.t(n.overdue ? 'care.overdue' : 'care.due', {
              client: n.clientName,
              due: formatInstant(new Date(n.dueAt), c.locale, deps.timeZone),
            }),
          ),
        );
      }
      case 'communication.to_protocol': {
        return toEach(set, 'protocol', n.to, (_, c) =>
          noticeCard(c.t('communication.toProtocol', { subject: n.subject })),
        );
      }
      case 'direct.message': {
        if (n.to.platform !== 'teams') return;
        const { id } = n.to;
        const at = n.linkCase && n.case ? (await render(n.case))?.record.announcement : undefined;
        await set.once('dm', async () => {
          const reader = (await ctxFor(id)).t;
          const link = at ? teamsCaseLink(at, reader) : '';
          return direct(
            id,
            noticeCard(
              withLink(
                directText(n, reader, (x) => x, actor),
                link,
              ),
            ),
          );
        });
        return;
      }
      case 'digest':
        if (n.destination.platform === 'teams')
          await set.once('digest', async () => send(n.destination.channel, await digestCard(n)));
        return;
    }
  };
}

/** A message and, when there is one, the link to its case after a dash. */
const withLink = (text: string, link: string) => (link ? `${text} — ${link}` : text);

/** A Teams deep link to a case's card in its channel; none for a card elsewhere. */
function teamsCaseLink(at: { platform: string; channel: string; messageId: string }, t: Translate) {
  if (at.platform !== 'teams') return '';
  const channel = encodeURIComponent(at.channel.split(';messageid=')[0]!);
  const url = `https://teams.microsoft.com/l/message/${channel}/${encodeURIComponent(at.messageId)}`;
  return `[${t('case.link')}](${url})`;
}
