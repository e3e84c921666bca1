import {
  addBusinessMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from '../calendar/business-calendar.js';
import type { D2Queries } from '../shared/queries.ports.js';
import type { Clock, Notifier, RoleDirectory } from '../shared/shared.ports.js';
import type { Notification } from '../shared/notification.js';
import type { D2Request } from './d2-request.js';
import { d2Ref } from './change-d2.js';

export interface UnsignedD2Policy {
  /** First reminder after this much business time unsigned (default 4 hours). */
  firstAfterMinutes: number;
  /** Then one every this much business time (default one business day). */
  everyMinutes: number;
}

/** Which reminder (1, 2, …) is due for a D2 at `now`; undefined while none is. */
export function unsignedReminderDue(
  d2: D2Request,
  now: Date,
  calendar: BusinessCalendar,
  policy: UnsignedD2Policy,
): number | undefined {
  if (d2.status !== 'submitted') return undefined;
  const first = addBusinessMinutes(calendar, d2.submittedAt, policy.firstAfterMinutes);
  if (now < first) return undefined;
  return 1 + Math.floor(businessMinutesBetween(calendar, first, now) / policy.everyMinutes);
}

export interface UnsignedD2Services {
  d2Requests: D2Queries;
  roles: RoleDirectory;
  notifier: Notifier;
  clock: Clock;
  calendar: BusinessCalendar;
  policy: UnsignedD2Policy;
}

/**
 * Reminds the directors of every D2 still unsigned; each reminder goes out once whatever the
 * sweep's timing. One bad D2 never stops the others: failures are returned, not thrown.
 */
export async function remindUnsignedD2s(services: UnsignedD2Services) {
  const directors = await services.roles.holdersOf('DCOM');
  return remindEach(services, await services.d2Requests.awaitingSignature(1000), (d2, now) => {
    const index = unsignedReminderDue(d2, now, services.calendar, services.policy);
    return index === undefined
      ? undefined
      : {
          notification: {
            type: 'd2.unsigned',
            case: d2Ref(d2),
            to: directors,
            waitingSince: d2.submittedAt,
          },
          once: `d2:${d2.id}:unsigned:${index}`,
        };
  });
}

/**
 * Reminds the commercial secretariat (SCOM) of every D2 signed and still not started, on the same
 * rhythm counted from the signature, with the card's Start / Complete again.
 */
export async function remindUnstartedD2s(services: UnsignedD2Services) {
  const office = await services.roles.holdersOf('SCOM');
  return remindEach(services, await services.d2Requests.toCarryOut(1000), (d2, now) => {
    if (d2.status !== 'signed' || !d2.signature) return undefined;
    const waiting = { ...d2, status: 'submitted' as const, submittedAt: d2.signature.at };
    const index = unsignedReminderDue(waiting, now, services.calendar, services.policy);
    return index === undefined
      ? undefined
      : {
          notification: {
            type: 'd2.to_carry_out',
            case: d2Ref(d2),
            to: office,
            waitingSince: d2.signature.at,
          },
          once: `d2:${d2.id}:unstarted:${index}`,
        };
  });
}

async function remindEach(
  services: UnsignedD2Services,
  d2s: D2Request[],
  due: (d2: D2Request, now: Date) => { notification: Notification; once: string } | undefined,
) {
  const now = services.clock.now();
  const failures: { d2: string; error: unknown }[] = [];
  let sent = 0;
  for (const d2 of d2s) {
    try {
      const reminder = due(d2, now);
      if (!reminder) continue;
      await services.notifier.queue(reminder.notification, { once: reminder.once });
      sent++;
    } catch (error) {
      failures.push({ d2: d2.number, error });
    }
  }
  return { sent, failures };
}
