import type { NewCaseEvent } from '../../domain/audit/case-event.js';
import type { Locale, Translate } from '../../i18n/translate.js';
import type { CatalogueText } from '../../domain/shared/notification.js';
import { approvalReason } from './approval-reason.js';
import { formatInstant } from './format.js';

export interface EventLineStyle {
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** How the platform names who did it (Slack: a mention; Teams: the name). */
  actor: (actor: NewCaseEvent['actor']) => string;
  /** How the platform neutralises people's text in its markup. */
  escape: (text: string) => string;
  /** How the platform names a channel (Slack: a channel link); by default its id. */
  channel?: (destination: { platform: string; channel: string }) => string;
}

/** One line of a case's thread for one recorded event, in the reader's language. */
export function eventLine(event: NewCaseEvent, style: EventLineStyle): string {
  const { t, escape } = style;
  const actor = style.actor(event.actor);
  const data = event.data as Record<string, string>;
  const status = (s: string) =>
    event.caseKind === 'd2' ? t(`d2.status.${s}` as never) : t(`status.${s}` as never);
  const note = data.note ? ` — ${escape(data.note)}` : '';
  const comment = data.comment ? ` — ${escape(data.comment)}` : '';
  switch (event.type) {
    case 'complaint.status_changed':
    case 'd2.sign':
    case 'd2.decline':
    case 'd2.start':
    case 'd2.complete':
      return (
        t('thread.status', { actor, from: status(data.from ?? ''), to: status(data.to ?? '') }) +
        note
      );
    case 'complaint.note_added':
      return t('thread.note', { actor, text: escape(data.text ?? '') });
    case 'approval.requested':
      return t('thread.approval.requested', {
        kind: t(`approval.${data.kind}` as never),
        reason: escape(
          approvalReason(data.reason ?? '', event.data.say as CatalogueText, t, style.locale),
        ),
      });
    case 'approval.given':
      return t('thread.approval.given', { actor, kind: t(`approval.${data.kind}` as never) });
    case 'approval.refused':
      return (
        t('thread.approval.refused', { actor, kind: t(`approval.${data.kind}` as never) }) + note
      );
    case 'service_order.issued':
      return t('thread.service_order', {
        number: data.serviceOrder ?? '',
        due: formatInstant(new Date(data.dueAt ?? 0), style.locale, style.timeZone),
      });
    case 'complaint.satisfaction_recorded':
      return t('thread.satisfaction', { actor, rating: String(data.rating ?? '') }) + comment;
    case 'complaint.reassigned': {
      const to = event.data.to as NewCaseEvent['actor'] | undefined;
      if (!to?.id) return t('thread.other', { actor });
      return t('thread.reassigned', { actor, assignee: style.actor(to) });
    }
    case 'complaint.rerouted': {
      const where = { platform: data.platform ?? '', channel: data.channel ?? '' };
      const channel = style.channel ? style.channel(where) : where.channel;
      const line = t('thread.rerouted', {
        actor,
        from: escape(data.from ?? ''),
        to: escape(data.to ?? ''),
        channel,
      });
      return line + note;
    }
    case 'complaint.priority_changed':
      return t('thread.priority', {
        actor,
        from: data.from ?? '',
        to: data.to ?? '',
        reason: escape(data.reason ?? ''),
      });
    case 'complaint.client_corrected':
      return t('thread.client', {
        actor,
        from: escape(data.fromName ?? ''),
        to: escape(data.toName ?? ''),
      });
    default:
      // A kind of event without its own line still reads as a sentence, never as its type name.
      return t('thread.other', { actor });
  }
}
