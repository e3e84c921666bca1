import type { Notification } from '../../domain/shared/notification.js';
import { isMessageKey } from '../../i18n/translate.js';
import { eventLine, type EventLineStyle } from './event-line.js';

/** What the person who filed a case reads of one of its changes (thread or DM), escaped. */
export function followText(
  n: Extract<Notification, { type: 'case.followed' }>,
  style: EventLineStyle,
): string {
  const { t, escape } = style;
  if (n.say && isMessageKey(n.say.key)) {
    const params = Object.fromEntries(
      Object.entries(n.say.params).map(([k, v]) => [k, typeof v === 'string' ? escape(v) : v]),
    );
    return t(n.say.key, params);
  }
  const event = { ...n.event, at: new Date(n.event.at) };
  return t('follow.status', { number: n.case.caseNumber, line: eventLine(event, style) });
}
