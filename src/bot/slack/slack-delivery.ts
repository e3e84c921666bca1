import type { WebClient } from '@slack/web-api';
import type { NewCaseEvent } from '../../domain/audit/case-event.js';
import type { Complaint } from '../../domain/complaint/complaint.js';
import type { Indicators } from '../../domain/kpi/kpi.js';
import type { D2Request } from '../../domain/d2/d2-request.js';
import type { CaseRef, Notification } from '../../domain/shared/notification.js';
import { translator, type Locale } from '../../i18n/translate.js';
import { ACTIONS } from '../ids.js';
import { checkedMessage, escapeText, plainText } from './blocks/block-kit.js';
import { approvalRequest, caseCard, type CardContext } from './blocks/case-card.js';
import { d2Card } from './blocks/d2-card.js';
import { digestBlocks, periodLabel } from './blocks/digest-blocks.js';
import { digestChartPng } from '../charts/digest-chart.js';
import { eventLine } from '../shared/event-line.js';
import { formatInstant, mention } from '../shared/format.js';
import type { SlackDeps } from './slack-deps.js';

/** Thrown for deliveries worth retrying; `retryAfterMs` comes from Slack's Retry-After. */
export class SlackDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SlackDeliveryError';
  }
}

type Card = { text: string; blocks: unknown[] };

/** Renders a notification and sends it with the Web API; throws so the outbox retries. */
export function slackDelivery(client: WebClient, deps: SlackDeps, locale: Locale) {
  const t = translator(locale);
  const ctx = (): CardContext => ({
    t,
    locale,
    timeZone: deps.timeZone,
    now: deps.services.clock.now(),
  });

  async function render(
    ref: CaseRef,
  ): Promise<{ card: Card; record: Complaint | D2Request } | undefined> {
    if (ref.caseKind === 'complaint') {
      const complaint = await deps.complaints.get(ref.caseId);
      if (!complaint) return undefined;
      return {
        card: caseCard(complaint, await deps.clients.find(complaint.clientId), ctx()),
        record: complaint,
      };
    }
    const d2 = await deps.d2Requests.get(ref.caseId);
    if (!d2) return undefined;
    return { card: d2Card(d2, await deps.clients.find(d2.clientId), ctx()), record: d2 };
  }

  async function post(channel: string, card: Card, threadTs?: string): Promise<string> {
    checkedMessage(card);
    const sent = await call(() =>
      client.chat.postMessage({
        channel,
        text: card.text,
        blocks: card.blocks as never,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    );
    return String(sent.ts);
  }

  /** Replaces the card already posted at `at` (a case's announcement). */
  async function update(at: { channel: string; messageId: string }, card: Card): Promise<void> {
    checkedMessage(card);
    await call(() =>
      client.chat.update({
        channel: at.channel,
        ts: at.messageId,
        text: card.text,
        blocks: card.blocks as never,
      }),
    );
  }

  const handlers = {
    async 'case.announce'(n: Extract<Notification, { type: 'case.announce' }>) {
      const shown = await render(n.case);
      if (!shown || n.destination.platform !== 'slack') return;
      const existing = shown.record.announcement;
      if (existing) {
        await update(existing, shown.card);
      } else {
        const ts = await post(n.destination.channel, shown.card);
        await deps.announcements.remember(n.case.caseKind, n.case.caseId, {
          platform: 'slack',
          channel: n.destination.channel,
          messageId: ts,
        });
        if (n.mention.length)
          await post(
            n.destination.channel,
            plain(n.mention.map((u) => mention(u.id)).join(' ')),
            ts,
          );
      }
      const channel = existing?.channel ?? n.destination.channel;
      for (const user of n.direct.filter((u) => u.platform === 'slack')) {
        const complaint = shown.record as Complaint;
        const alert = t('p1.alert', {
          number: complaint.number,
          description: escapeText(complaint.description.slice(0, 200)),
        });
        const text = `${alert} — <#${channel}>`;
        await post(user.id, plain(text));
      }
    },
    async 'case.changed'(n: Extract<Notification, { type: 'case.changed' }>) {
      const shown = await render(n.case);
      const at = shown?.record.announcement;
      if (!shown) return;
      if (!at) throw new SlackDeliveryError(`${n.case.caseNumber} has no card yet`);
      if (at.platform !== 'slack') return;
      await update(at, shown.card);
      await post(
        at.channel,
        plain(
          eventLine(n.event, {
            t,
            locale,
            timeZone: deps.timeZone,
            actor: slackActor,
            escape: escapeText,
          }),
        ),
        at.messageId,
      );
    },
    async 'decision.requested'(n: Extract<Notification, { type: 'decision.requested' }>) {
      const deciders = n.from.filter((u) => u.platform === 'slack');
      if (n.case.caseKind === 'd2')
        return askDirectors(
          n.case,
          deciders.map((u) => u.id),
        );
      const complaint = await deps.complaints.get(n.case.caseId);
      const at = complaint?.announcement;
      if (!complaint) return;
      if (!at) throw new SlackDeliveryError(`${n.case.caseNumber} has no card yet`);
      const request = approvalRequest(
        complaint,
        n.approvalKind ?? 'other',
        deciders.map((u) => mention(u.id)).join(' '),
        n.reason,
        t,
      );
      await post(at.channel, request, at.messageId);
    },
    async 'case.reminder'(n: Extract<Notification, { type: 'case.reminder' }>) {
      const complaint =
        n.case.caseKind === 'complaint' ? await deps.complaints.get(n.case.caseId) : undefined;
      const at = complaint?.announcement;
      if (!complaint) return;
      if (!at) throw new SlackDeliveryError(`${n.case.caseNumber} has no card yet`);
      const text = t(`reminder.${n.kind}`, {
        mentions: n.to
          .filter((u) => u.platform === 'slack')
          .map((u) => mention(u.id))
          .join(' '),
        number: complaint.number,
        target: t(`sla.${n.target}` as never),
        due: formatInstant(new Date(n.dueAt), locale, deps.timeZone),
      });
      await post(at.channel, plain(text), at.messageId);
    },
    async 'd2.unsigned'(n: Extract<Notification, { type: 'd2.unsigned' }>) {
      const since = formatInstant(new Date(n.waitingSince), locale, deps.timeZone);
      for (const director of n.to.filter((u) => u.platform === 'slack'))
        await post(director.id, plain(t('reminder.d2', { number: n.case.caseNumber, since })));
    },
    async 'care.call_due'(n: Extract<Notification, { type: 'care.call_due' }>) {
      const text = t(n.overdue ? 'care.overdue' : 'care.due', {
        client: escapeText(n.clientName),
        due: formatInstant(new Date(n.dueAt), locale, deps.timeZone),
      });
      const card = oneButton(
        text,
        'care_actions',
        ACTIONS.logCareCall,
        t('action.log_care_call'),
        n.clientId,
      );
      for (const owner of n.to.filter((u) => u.platform === 'slack')) await post(owner.id, card);
    },
    async digest(n: Extract<Notification, { type: 'digest' }>) {
      if (n.destination.platform !== 'slack') return;
      const current = revive(n.current);
      const previous = revive(n.previous);
      const message = digestBlocks(current, previous, t, deps.timeZone);
      await post(n.destination.channel, message);
      const png = await digestChartPng(current, previous, {
        title: t('digest.chart'),
        current: t('digest.thisPeriod'),
        previous: t('digest.previousPeriod'),
      });
      const { from, to } = periodLabel(current, deps.timeZone);
      await call(() =>
        client.filesUploadV2({
          channel_id: n.destination.channel,
          file: png,
          filename: `kpi-${from.replaceAll('/', '-')}.png`,
          title: t('digest.title', { from, to }),
        }),
      );
    },
    async 'communication.to_protocol'(
      n: Extract<Notification, { type: 'communication.to_protocol' }>,
    ) {
      const text = t('communication.toProtocol', { subject: escapeText(n.subject) });
      const card = oneButton(
        text,
        'communication_actions',
        ACTIONS.protocolCommunication,
        t('action.protocol'),
        n.communicationId,
      );
      for (const clerk of n.to.filter((u) => u.platform === 'slack')) await post(clerk.id, card);
    },
    async 'direct.message'(n: Extract<Notification, { type: 'direct.message' }>) {
      if (n.to.platform === 'slack') await post(n.to.id, plain(escapeText(n.text)));
    },
  };

  /** A D2 goes to each director's DM with Sign / Decline; the first one is its card. */
  async function askDirectors(ref: CaseRef, userIds: string[]) {
    const shown = await render(ref);
    if (!shown) return;
    for (const userId of userIds) {
      const ts = await post(userId, shown.card);
      if (!shown.record.announcement) {
        await deps.announcements.remember('d2', ref.caseId, {
          platform: 'slack',
          channel: userId,
          messageId: ts,
        });
        shown.record.announcement = { platform: 'slack', channel: userId, messageId: ts };
      }
    }
  }

  return async (notification: Notification): Promise<void> => {
    const handle = handlers[notification.type] as (n: Notification) => Promise<void>;
    await handle(notification);
  };
}

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

const plain = (text: string): Card => ({
  text,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
});

/** Slack's answer → an error the outbox understands (429 carries Retry-After). */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const failure = error as {
      code?: string;
      retryAfter?: number;
      message?: string;
      data?: { error?: string };
    };
    const retryAfterMs =
      failure.code === 'slack_webapi_rate_limited_error' && failure.retryAfter
        ? failure.retryAfter * 1000
        : undefined;
    throw new SlackDeliveryError(
      `slack: ${failure.data?.error ?? failure.message ?? String(error)}`,
      retryAfterMs,
    );
  }
}

/** Dates come back from the outbox as Date objects (BSON) or strings (JSON); make them Dates. */
function revive(indicators: Indicators): Indicators {
  const period = { from: new Date(indicators.period.from), to: new Date(indicators.period.to) };
  return { ...indicators, period };
}
