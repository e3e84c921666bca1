import type { Notification } from '../../domain/shared/notification.js';
import { eventLine, type EventLineStyle } from './event-line.js';
import { sayText } from './say-text.js';

/** What the person who filed a case reads of one of its changes (thread or DM), escaped. */
export function followText(
  n: Extract<Notification, { type: 'case.followed' }>,
  style: EventLineStyle,
): string {
  const { t, escape } = style;
  const said = n.say && sayText(n.say, t, escape, style.actor);
  if (said !== undefined) return said;
  const event = { ...n.event, at: new Date(n.event.at) };
  return t('follow.status', { number: n.case.caseNumber, line: eventLine(event, style) });
}
