import type { SlaReminder } from './remind-sla.js';
import type { SlaClock } from './sla-clock.js';
import { breachAt } from './sla-clocks.js';

/**
 * Reminders reach the scheduler only once they come this close; the rest wait on their clocks,
 * so the scheduler's work grows with what is due soon rather than with every open case.
 */
export const REMINDER_HORIZON_MINUTES = 120;

/** How often reminders coming within the horizon are handed to the scheduler. */
export const PROMOTE_EVERY_MINUTES = 30;

const MINUTE = 60_000;

export const horizonEnd = (now: Date) =>
  new Date(now.getTime() + REMINDER_HORIZON_MINUTES * MINUTE);

/**
 * The warning and breach reminders of the case's running clocks that fall due by the horizon's
 * end. A breach already past still counts (its clock would be `breached` had it run); a warning
 * older than one horizon is left out, as its breach is what matters by then.
 */
export function upcomingReminders(caseId: string, clocks: SlaClock[], now: Date): SlaReminder[] {
  const until = horizonEnd(now).getTime();
  const since = now.getTime() - REMINDER_HORIZON_MINUTES * MINUTE;
  return clocks
    .filter((clock) => clock.state === 'running')
    .flatMap((clock) => {
      const base = { caseId, target: clock.target };
      const breach = breachAt(clock);
      const warn = clock.warnAt.getTime();
      const warning =
        warn < breach.getTime() && warn >= since && warn <= until
          ? [{ ...base, kind: 'warning' as const, at: clock.warnAt }]
          : [];
      const breached =
        breach.getTime() <= until ? [{ ...base, kind: 'breach' as const, at: breach }] : [];
      return [...warning, ...breached];
    });
}
