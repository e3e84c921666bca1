import type { Complaint } from '../../domain/complaint/complaint.js';
import type { Route } from '../../domain/routing/route.js';
import type { Locale, Translate } from '../../i18n/translate.js';
import { approvalReason } from './approval-reason.js';

/**
 * What the operator is told once a case is registered: its number and where it went, or which
 * approvals it waits for. `channel` is how the platform names the destination.
 */
export function registrationMessage(
  complaint: Complaint,
  route: Route,
  t: Translate,
  locale: Locale,
  channel: (id: string) => string,
): string {
  const waiting = complaint.approvals.filter((a) => a.status === 'pending');
  if (waiting.length)
    return t('complaint.registered.waiting', {
      number: complaint.number,
      reasons: waiting.map((a) => approvalReason(a.reason, a.say, t, locale)).join('; '),
    });
  return t('complaint.registered', {
    number: complaint.number,
    priority: complaint.priority,
    channel: channel(route.destination.channel),
  });
}
