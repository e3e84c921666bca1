import type { Clock } from '../shared/shared.ports.js';
import type { SlaReminder } from './remind-sla.js';
import type { SlaClock } from './sla-clock.js';
import { horizonEnd, upcomingReminders } from './upcoming-reminders.js';

export interface SlaPromotionServices {
  clock: Clock;
  /** Cases with a running clock whose warning comes by `until` (a superset is fine). */
  comingDue(until: Date): Promise<{ id: string; slaClocks: SlaClock[] }[]>;
  /** Hands reminders to the scheduler; one already there is left as it is. */
  keep(reminders: SlaReminder[]): Promise<void>;
}

/**
 * Moves the reminders that came within the horizon since the case last changed into the
 * scheduler. Run every PROMOTE_EVERY_MINUTES, well inside the horizon, so each reminder is
 * waiting in the scheduler long before it is due; running it twice changes nothing.
 */
export async function promoteSlaReminders(services: SlaPromotionServices) {
  const now = services.clock.now();
  let reminders = 0;
  for (const complaint of await services.comingDue(horizonEnd(now))) {
    const upcoming = upcomingReminders(complaint.id, complaint.slaClocks, now);
    if (upcoming.length) await services.keep(upcoming);
    reminders += upcoming.length;
  }
  return { reminders };
}
