import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Complaint } from '../../domain/complaint/complaint.js';
import type { D2Request } from '../../domain/d2/d2-request.js';
import type { MessageSet } from '../../domain/shared/delivery.ports.js';
import type { CaseRef, Notification } from '../../domain/shared/notification.js';
import { translator, type Locale } from '../../i18n/translate.js';
import { sendToEach } from '../shared/each-message.js';
import { eventLine } from '../shared/event-line.js';
import { formatInstant } from '../shared/format.js';
import { digestChartPng } from '../charts/digest-chart.js';
import { digestLines, digestTitle } from '../shared/digest-text.js';
import { card, text, type Card } from './cards/adaptive.js';
import { teamsApprovalCard, teamsCaseCard, teamsD2Card } from './cards/case-card.js';
import { noticeCard } from './cards/forms.js';
import { approvalReason } from '../shared/approval-reason.js';
import { directText } from '../shared/direct-text.js';
import { carryOutIntro } from '../shared/d2-carry-out.js';
import type { TeamsDeps } from './teams-deps.js';
import { teamsPoster, TeamsDeliveryError } from './teams-post.js';

/** Renders notifications as Adaptive Cards and sends them proactively through the Bot Connector. */
export function teamsDelivery(adapter: TeamsAdapter, deps: TeamsDeps, locale: Locale) {
  const t = translator(locale);
  const ctx = () => ({ t, locale, timeZone: deps.timeZone, now: deps.services.clock.now() });

  const { send, update, reply, direct } = teamsPoster(adapter, deps);
  /** The same card to each Teams user, once each (`key` names the message per person). */
  const toEach = (
    set: MessageSet,
    key: string,
    users: { platform: string; id: string }[],
    card: (user: { id: string }) => Card,
  ) =>
    sendToEach(
      users.filter((u) => u.platform === 'teams'),
      (u) => set.once(`${key}:${u.id}`, () => direct(u.id, card(u))),
    );

  async function render(
    ref: CaseRef,
  ): Promise<{ card: Card; record: Complaint | D2Request } | undefined> {
    if (ref.caseKind === 'complaint') {
      const complaint = await deps.complaints.get(ref.caseId);
      return (
        complaint && {
          card: teamsCaseCard(complaint, await deps.clients.shown(complaint.clientId), ctx()),
          record: complaint,
        }
      );
    }
    const d2 = await deps.d2Requests.get(ref.caseId);
    return (
      d2 && { card: teamsD2Card(d2, await deps.clients.shown(d2.clientId), ctx()), record: d2 }
    );
  }
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
      ...lines.map((line) => text(line.replace(/\*([^*]+)\*/g, '**$1**'))),
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
        const shown = await render(n.case);
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
        const alert = t('p1.alert', {
          number: n.case.caseNumber,
          description: (shown.record as Complaint).description.slice(0, 200),
        });
        return toEach(set, 'alert', n.direct, () => noticeCard(alert));
      }
      case 'case.changed': {
        const shown = await render(n.case);
        if (!shown) return;
        const at = announced(shown.record, n.case.caseNumber);
        if (at.platform !== 'teams') return;
        await set.once('card', () => update(at, shown.card));
        const actor = (who: { platform: string; id: string; name?: string }) =>
          who.platform === 'system' ? 'Sportello' : (who.name ?? who.id);
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
      case 'decision.requested': {
        if (n.case.caseKind === 'd2') {
          const shown = await render(n.case);
          if (!shown) return;
          return toEach(set, 'ask', n.from, () => shown.card);
        }
        const complaint = await deps.complaints.get(n.case.caseId);
        if (!complaint) return;
        const at = announced(complaint, n.case.caseNumber);
        if (at.platform === 'teams')
          await set.once('ask', () =>
            reply(
              at,
              teamsApprovalCard(
                complaint,
                n.approvalKind ?? 'other',
                approvalReason(n.reason, n.say, t, locale),
                t,
              ),
            ),
          );
        return;
      }
      case 'case.reminder': {
        const complaint = await deps.complaints.get(n.case.caseId);
        if (!complaint) return;
        const at = announced(complaint, n.case.caseNumber);
        if (at.platform !== 'teams') return;
        const due = formatInstant(new Date(n.dueAt), locale, deps.timeZone);
        const names = n.to
          .filter((u) => u.platform === 'teams')
          .map((u) => u.name ?? u.id)
          .join(', ');
        const text = t(`reminder.${n.kind}`, {
          mentions: names,
          number: complaint.number,
          target: t(`sla.${n.target}` as never),
          due,
        });
        await set.once('reminder', () => reply(at, noticeCard(text, true)));
        return;
      }
      case 'd2.unsigned': {
        const since = formatInstant(new Date(n.waitingSince), locale, deps.timeZone);
        const text = t('reminder.d2', { number: n.case.caseNumber, since });
        return toEach(set, 'remind', n.to, () => noticeCard(text));
      }
      case 'd2.to_carry_out': {
        const shown = await render(n.case);
        if (!shown) return;
        const { intro, reminder } = carryOutIntro(n, { t, locale, timeZone: deps.timeZone });
        await toEach(set, reminder ? 'remind' : 'intro', n.to, () => noticeCard(intro));
        if (!reminder) await toEach(set, 'carry', n.to, () => shown.card);
        return;
      }
      case 'd2.progress': {
        if (n.to.platform !== 'teams') return;
        const by = n.by.platform === 'teams' ? (n.by.name ?? n.by.id) : (n.by.name ?? 'Sportello');
        const text = t(`d2.progress.${n.step}`, {
          number: n.case.caseNumber,
          by,
          note: n.note ?? '',
        });
        await set.once('told', () => direct(n.to.id, noticeCard(text)));
        return;
      }
      case 'care.call_due': {
        const text = t(n.overdue ? 'care.overdue' : 'care.due', {
          client: n.clientName,
          due: formatInstant(new Date(n.dueAt), locale, deps.timeZone),
        });
        return toEach(set, 'due', n.to, () => noticeCard(text));
      }
      case 'communication.to_protocol': {
        const text = t('communication.toProtocol', { subject: n.subject });
        return toEach(set, 'protocol', n.to, () => noticeCard(text));
      }
      case 'direct.message':
        if (n.to.platform === 'teams')
          await set.once('dm', () => direct(n.to.id, noticeCard(directText(n, t, (x) => x))));
        return;
      case 'digest':
        if (n.destination.platform === 'teams')
          await set.once('digest', async () => send(n.destination.channel, await digestCard(n)));
        return;
    }
  };
}
