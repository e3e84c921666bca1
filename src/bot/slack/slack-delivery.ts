import type { WebClient } from '@slack/web-api';
import type { NewCaseEvent } from '../../domain/audit/case-event.js';
import type { Complaint } from '../../domain/complaint/complaint.js';
import type { Indicators } from '../../domain/kpi/kpi.js';
import type { D2Request } from '../../domain/d2/d2-request.js';
import type { MessageSet } from '../../domain/shared/delivery.ports.js';
import type { CaseRef, Notification } from '../../domain/shared/notification.js';
import { translator, type Locale, type MessageKey, type Translate } from '../../i18n/translate.js';
import { ACTIONS } from '../ids.js';
import { escapeText, plainText } from './blocks/block-kit.js';
import { approvalRequest, caseCard, type CardContext } from './blocks/case-card.js';
import { d2Card } from './blocks/d2-card.js';
import { digestBlocks, periodLabel } from './blocks/digest-blocks.js';
import { digestChartPng } from '../charts/digest-chart.js';
import { sendToEach } from '../shared/each-message.js';
import { eventLine } from '../shared/event-line.js';
import { formatInstant, mention } from '../shared/format.js';
import { localeResolver, type SlackDeps } from './slack-deps.js';
import { approvalReason } from '../shared/approval-reason.js';
import { directText } from '../shared/direct-text.js';
import { reminderTexts } from '../shared/reminder-text.js';
import { followText } from '../shared/follow-text.js';
import { carryOutIntro } from '../shared/d2-carry-out.js';
import { slackPace } from './slack-pace.js';
import { SlackDeliveryError, slackPoster, type Card } from './slack-post.js';

/**
 * Renders a notification and sends each of its messages once through `set` with the Web API;
 * throws so the outbox retries the rest. Posts to one channel are `paceMs` apart (Slack's tier).
 */
export function slackDelivery(client: WebClient, deps: SlackDeps, locale: Locale, paceMs = 1_000) {
  const t = translator(locale);
  // Channels read the company's language; a direct message is written in its reader's own.
  const localeOf = localeResolver(client, locale);
  const { post, update, upload } = slackPoster(client, slackPace(paceMs));
  type Reader = { t: Translate; locale: Locale };
  const ctx = (reader: Reader = { t, locale }): CardContext => ({
    ...reader,
    timeZone: deps.timeZone,
    now: deps.services.clock.now(),
  });

  /**
   * A case's card, in the channel's language unless a reader (a DM's) is given; `read` for a
   * complaint (its first card: as just filed).
   */
  async function render(
    ref: CaseRef,
    reader?: Reader,
    read: (id: string) => Promise<Complaint | undefined> = deps.complaints.get,
  ): Promise<{ card: Card; record: Complaint | D2Request } | undefined> {
    if (ref.caseKind === 'complaint') {
      const complaint = await read(ref.caseId);
      if (!complaint) return undefined;
      return {
        card: caseCard(complaint, await deps.clients.shown(complaint.clientId), ctx(reader)),
        record: complaint,
      };
    }
    const d2 = await deps.d2Requests.get(ref.caseId);
    if (!d2) return undefined;
    return { card: d2Card(d2, await deps.clients.shown(d2.clientId), ctx(reader)), record: d2 };
  }

  type Of<K extends Notification['type']> = Extract<Notification, { type: K }>;
  /** The same message to each person, once each (`key` names it per person), in their Slack language. */
  const toEachIn = (
    set: MessageSet,
    key: string,
    users: { platform: string; id: string }[],
    card: (reader: { t: Translate; locale: Locale }) => Card | Promise<Card>,
  ) =>
    sendToEach(users, (u) =>
      set.once(`${key}:${u.id}`, async () => post(u.id, await card(await localeOf(u.id)))),
    );
  // A card's permalink never changes: asked of Slack once per card while the process runs.
  const permalinks = new Map<string, string>();
  /** A link to a case's card in Slack: its permalink, else its channel; none elsewhere. */
  const caseLink = async (
    at: { platform: string; channel: string; messageId: string },
    reader: Translate,
  ) => {
    if (at.platform !== 'slack') return '';
    const key = `${at.channel}:${at.messageId}`;
    const found =
      permalinks.get(key) ??
      (await client.chat
        .getPermalink({ channel: at.channel, message_ts: at.messageId })
        .then((r) => r.permalink)
        .catch(() => undefined));
    if (!found) return `<#${at.channel}>`;
    if (permalinks.size > 1000) permalinks.clear();
    permalinks.set(key, found);
    return `<${found}|${reader('case.link')}>`;
  };

  const handlers = {
    async 'case.announce'(n: Of<'case.announce'>, set: MessageSet) {
      const shown = await render(n.case, undefined, deps.complaints.forFirstCard);
      if (!shown || n.destination.platform !== 'slack') return;
      const existing = shown.record.announcement;
      const ts = await set.once('card', () =>
        existing ? update(existing, shown.card) : post(n.destination.channel, shown.card),
      );
      const channel = existing?.channel ?? n.destination.channel;
      if (!existing)
        await deps.announcements.remember(n.case.caseKind, n.case.caseId, {
          platform: 'slack',
          channel,
          messageId: ts,
        });
      const who = n.mention.map((u) => mention(u.id)).join(' ');
      const said = n.triage ? `${who} ${t('triage.what_to_do')}`.trim() : who;
      if (said) await set.once('mention', () => post(channel, plain(said), ts));
      const complaint = shown.record as Complaint;
      const alert = (reader: { t: Translate }) =>
        reader.t('p1.alert', {
          number: complaint.number,
          description: escapeText(complaint.description.slice(0, 200)),
        });
      await toEachIn(set, 'alert', slackOnly(n.direct), (r) =>
        plain(`${alert(r)} — <#${channel}>`),
      );
    },
    async 'case.changed'(n: Of<'case.changed'>, set: MessageSet) {
      const shown = await render(n.case);
      const at = shown?.record.announcement;
      if (!shown) return;
      if (!at) throw new SlackDeliveryError(`${n.case.caseNumber} has no card yet`);
      if (at.platform !== 'slack') return;
      await set.once('card', () => update(at, shown.card));
      const line = eventLine(n.event, {
        t,
        locale,
        timeZone: deps.timeZone,
        actor: slackActor,
        escape: escapeText,
        channel: slackChannel,
      });
      await set.once('line', () => post(at.channel, plain(line), at.messageId));
    },
    async 'case.moved'(n: Of<'case.moved'>, set: MessageSet) {
      const shown = await render(n.case);
      if (!shown) return;
      const to = n.destination;
      if (to.platform === 'slack') {
        const ts = await set.once('card', () => post(to.channel, shown.card));
        await deps.announcements.remember(n.case.caseKind, n.case.caseId, {
          platform: 'slack',
          channel: to.channel,
          messageId: ts,
        });
        const old = n.from ? slackChannel(n.from) : '';
        const here = t('admin.moved.here', { number: n.case.caseNumber, channel: old });
        const mentions = n.mention.map((u) => mention(u.id)).join(' ');
        if (n.from || mentions)
          await set.once('here', () =>
            post(to.channel, plain(n.from ? `${here} ${mentions}`.trim() : mentions), ts),
          );
      }
      const from = n.from;
      if (from?.platform !== 'slack') return;
      // The old card gives way to a pointer, and its thread says where the case went.
      const pointer = plain(
        t('admin.moved', { number: n.case.caseNumber, channel: slackChannel(to) }),
      );
      await set.once('old-card', () => update(from, pointer));
      await set.once('pointer', () => post(from.channel, pointer, from.messageId));
    },
    async 'case.followed'(n: Of<'case.followed'>, set: MessageSet) {
      if (n.to.platform !== 'slack') return;
      const { id } = n.to;
      const style = { timeZone: deps.timeZone, actor: slackActor, escape: escapeText };
      if (n.via === 'thread') {
        const at = (await deps.complaints.get(n.case.caseId))?.announcement;
        if (!at) throw new SlackDeliveryError(`${n.case.caseNumber} has no card yet`);
        // The thread reads the company's language; a case whose card is on Teams: a DM instead.
        if (at.platform === 'slack') {
          const text = followText(n, { ...style, t, locale });
          const said = t('follow.thread', { mention: mention(id), text });
          return void (await set.once('thread', () => post(at.channel, plain(said), at.messageId)));
        }
      }
      const reader = await localeOf(id);
      await set.once('dm', () => post(id, plain(followText(n, { ...style, ...reader }))));
    },
    async 'decision.requested'(n: Of<'decision.requested'>, set: MessageSet) {
      const deciders = slackOnly(n.from);
      if (n.case.caseKind === 'd2') return askDirectors(n.case, deciders, set);
      const complaint = await deps.complaints.get(n.case.caseId);
      const at = complaint?.announcement;
      if (!complaint) return;
      if (!at) throw new SlackDeliveryError(`${n.case.caseNumber} has no card yet`);
      const who = deciders.map((u) => mention(u.id)).join(' ');
      const reason = approvalReason(n.reason, n.say, t, locale);
      const request = approvalRequest(complaint, n.approvalKind ?? 'other', who, reason, t);
      await set.once('ask', () => post(at.channel, request, at.messageId));
      // Each approver is asked in their DM too, pointing at the thread where the buttons are.
      await toEachIn(set, 'ask-dm', deciders, (r) => {
        const kind = r.t(`approval.${n.approvalKind ?? 'other'}` as MessageKey);
        const why = escapeText(approvalReason(n.reason, n.say, r.t, r.locale));
        const dm = r.t('decision.dm', { number: complaint.number, kind, reason: why });
        return plain(`${dm} — <#${at.channel}>`);
      });
    },
    async 'case.reminder'(n: Of<'case.reminder'>, set: MessageSet) {
      const shown = n.case.caseKind === 'complaint' ? await render(n.case) : undefined;
      if (!shown) return;
      const complaint = shown.record as Complaint;
      const at = complaint.announcement;
      if (!at) throw new SlackDeliveryError(`${n.case.caseNumber} has no card yet`);
      const said = reminderTexts(n, complaint, { t, locale }, deps.timeZone);
      const people = slackOnly(n.to);
      const who = people.map((u) => mention(u.id)).join(' ');
      if (at.platform === 'slack') {
        // The card shows the clock's new state (breached since when, by how much), buttons kept.
        await set.once('card', () => update(at, shown.card));
        await set.once('reminder', () => post(at.channel, plain(said.line(who)), at.messageId));
      }
      await toEachIn(set, 'dm', people, async (r) =>
        plain(
          withLink(reminderTexts(n, complaint, r, deps.timeZone).dm(), await caseLink(at, r.t)),
        ),
      );
      if (n.escalation?.platform !== 'slack') return;
      const { channel } = n.escalation;
      const text = said.escalated(who, escapeText(complaint.department));
      await set.once('escalation', async () =>
        post(channel, plain(withLink(text, await caseLink(at, t)))),
      );
    },
    async 'd2.unsigned'(n: Of<'d2.unsigned'>, set: MessageSet) {
      await toEachIn(set, 'remind', slackOnly(n.to), (r) => {
        const since = formatInstant(new Date(n.waitingSince), r.locale, deps.timeZone);
        return plain(r.t('reminder.d2', { number: n.case.caseNumber, since }));
      });
    },
    async 'd2.to_carry_out'(n: Of<'d2.to_carry_out'>, set: MessageSet) {
      if (!(await deps.d2Requests.get(n.case.caseId))) return;
      const reminder = Boolean(n.waitingSince);
      await toEachIn(set, reminder ? 'remind' : 'carry', slackOnly(n.to), async (r) => {
        const shown = await render(n.case, r);
        const { intro } = carryOutIntro(n, { ...r, timeZone: deps.timeZone });
        return { text: intro, blocks: [...plain(intro).blocks, ...(shown?.card.blocks ?? [])] };
      });
    },
    async 'd2.progress'(n: Of<'d2.progress'>, set: MessageSet) {
      if (n.to.platform !== 'slack') return;
      const { id } = n.to;
      await set.once('told', async () => {
        const reader = await localeOf(id);
        const text = reader.t(`d2.progress.${n.step}`, {
          number: n.case.caseNumber,
          by: slackActor(n.by),
          note: escapeText(n.note ?? ''),
        });
        return post(id, plain(text));
      });
    },
    async 'care.call_due'(n: Of<'care.call_due'>, set: MessageSet) {
      await toEachIn(set, 'due', slackOnly(n.to), (r) =>
        oneButton(
          r.t(n.overdue ? 'care.overdue' : 'care.due', {
            client: escapeText(n.clientName),
            due: formatInstant(new Date(n.dueAt), r.locale, deps.timeZone),
          }),
          'care_actions',
          ACTIONS.logCareCall,
          r.t('action.log_care_call'),
          n.clientId,
        ),
      );
    },
    async digest(n: Of<'digest'>, set: MessageSet) {
      if (n.destination.platform !== 'slack') return;
      const { channel } = n.destination;
      const current = revive(n.current);
      const previous = revive(n.previous);
      await set.once('text', () =>
        post(channel, digestBlocks(current, previous, t, locale, deps.timeZone)),
      );
      await set.once('chart', async () => {
        const png = await digestChartPng(current, previous, {
          title: t('digest.chart'),
          current: t('digest.thisPeriod'),
          previous: t('digest.previousPeriod'),
        });
        const { from, to } = periodLabel(current, deps.timeZone);
        const filename = `kpi-${from.replaceAll('/', '-')}.png`;
        return upload(channel, png, filename, t('digest.title', { from, to }));
      });
    },
    async 'communication.to_protocol'(n: Of<'communication.to_protocol'>, set: MessageSet) {
      await toEachIn(set, 'protocol', slackOnly(n.to), (r) =>
        oneButton(
          r.t('communication.toProtocol', { subject: escapeText(n.subject) }),
          'communication_actions',
          ACTIONS.protocolCommunication,
          r.t('action.protocol'),
          n.communicationId,
        ),
      );
    },
    async 'direct.message'(n: Of<'direct.message'>, set: MessageSet) {
      if (n.to.platform !== 'slack') return;
      const { id } = n.to;
      await set.once('dm', async () => {
        const reader = (await localeOf(id)).t;
        const text = directText(n, reader, escapeText, slackActor);
        const at = n.linkCase && n.case ? (await render(n.case))?.record.announcement : undefined;
        return post(id, plain(withLink(text, at ? await caseLink(at, reader) : '')));
      });
    },
  };

  /** A D2 goes to each director's DM with Sign / Decline; the first one is its card. */
  async function askDirectors(ref: CaseRef, directors: { id: string }[], set: MessageSet) {
    const shown = await render(ref);
    if (!shown) return;
    await sendToEach(directors, async ({ id }) => {
      const ts = await set.once(`ask:${id}`, async () =>
        post(id, (await render(ref, await localeOf(id)))?.card ?? shown.card),
      );
      if (shown.record.announcement) return;
      const at = { platform: 'slack' as const, channel: id, messageId: ts };
      await deps.announcements.remember('d2', ref.caseId, at);
      shown.record.announcement = at;
    });
  }

  return async (notification: Notification, set: MessageSet): Promise<void> => {
    const handle = handlers[notification.type] as (n: Notification, s: MessageSet) => Promise<void>;
    await handle(notification, set);
  };
}

/** A channel as Slack shows it: a link to it when it is Slack's, else its id. */
const slackChannel = (at: { platform: string; channel: string }) =>
  at.platform === 'slack' ? `<#${at.channel}>` : escapeText(at.channel);

/** A message set's people on Slack. */
const slackOnly = <U extends { platform: string }>(users: U[]) =>
  users.filter((u) => u.platform === 'slack');

/** Slack shows its own users as mentions; anyone else (Teams, the system) by name. */
const slackActor = (actor: NewCaseEvent['actor']) =>
  actor.platform === 'slack'
    ? mention(actor.id)
    : ((actor as { name?: string }).name ?? 'Sportello');

/** A message with one primary button (log a care call, protocol a letter). */
const oneButton = (
  text: string,
  blockId: string,
  actionId: string,
  label: string,
  value: string,
): Card => ({
  text,
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text } },
    {
      type: 'actions',
      block_id: blockId,
      elements: [
        { type: 'button', action_id: actionId, text: plainText(label), value, style: 'primary' },
      ],
    },
  ],
});

/** A message and, when there is one, the link to its case after a dash. */
const withLink = (text: string, link: string) => (link ? `${text} — ${link}` : text);

const plain = (text: string): Card => ({
  text,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
});

/** Dates come back from the outbox as Date objects (BSON) or strings (JSON); make them Dates. */
function revive(indicators: Indicators): Indicators {
  const period = { from: new Date(indicators.period.from), to: new Date(indicators.period.to) };
  return { ...indicators, period };
}
