import type { Notification } from '../../domain/shared/notification.js';
import type { Locale, Translate } from '../../i18n/translate.js';
import { formatInstant } from './format.js';

/**
 * The line above a D2 handed to SCOM: the first hand-over, or a reminder while it is not started
 * (the same on Slack and Teams).
 */
export function carryOutIntro(
  n: Extract<Notification, { type: 'd2.to_carry_out' }>,
  view: { t: Translate; locale: Locale; timeZone: string },
): { intro: string; reminder: boolean } {
  if (!n.waitingSince)
    return { intro: view.t('d2.toCarryOut', { number: n.case.caseNumber }), reminder: false };
  const since = formatInstant(new Date(n.waitingSince), view.locale, view.timeZone);
  return {
    intro: view.t('reminder.d2.start', { number: n.case.caseNumber, since }),
    reminder: true,
  };
}
