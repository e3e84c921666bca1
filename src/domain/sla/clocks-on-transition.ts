import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { ComplaintStatus, Priority } from '../complaint/complaint.js';
import type { SlaClock, SlaTarget } from './sla-clock.js';
import { cancelClock, pauseClock, resumeClock, startClocks, stopClock } from './sla-clocks.js';
import type { SlaPolicy } from './sla-policy.js';

/** Which targets a status reaches: entering it stops those clocks. */
export const REACHES: Partial<Record<ComplaintStatus, SlaTarget[]>> = {
  acknowledged: ['first_response'],
  in_progress: ['first_response', 'take_in_charge'],
  waiting_customer: ['first_response', 'take_in_charge'],
  resolved: ['first_response', 'take_in_charge', 'resolution'],
};
const ENDS: ComplaintStatus[] = ['rejected', 'withdrawn'];

export interface ClockContext {
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  priority: Priority;
  at: Date;
}

/**
 * The clocks of a case after it moved from `from` to `to`: targets reached are stopped,
 * paused statuses pause the rest, leaving them resumes, an ended case cancels what still runs,
 * and a reopened case gets a fresh resolution clock.
 */
export function clocksAfterTransition(
  clocks: SlaClock[],
  from: ComplaintStatus,
  to: ComplaintStatus,
  ctx: ClockContext,
): SlaClock[] {
  const { policy, calendar, at } = ctx;
  if (to === 'reopened') return reopenClocks(clocks, ctx);
  if (ENDS.includes(to)) return clocks.map((c) => cancelClock(c, at));
  const reached = REACHES[to] ?? [];
  const pausing = policy.pausedIn.includes(to);
  const leavingPause = policy.pausedIn.includes(from) && !pausing;
  return clocks.map((clock) => {
    let next = leavingPause ? resumeClock(clock, calendar, at, policy.warnFraction) : clock;
    if (reached.includes(next.target)) next = stopClock(next, calendar, at);
    return pausing ? pauseClock(next, calendar, at) : next;
  });
}

/** Clocks a new case starts with; a case that must wait for approval starts paused. */
export function clocksForNewCase(status: ComplaintStatus, ctx: ClockContext): SlaClock[] {
  const clocks = startClocks(ctx.policy, ctx.priority, ctx.calendar, ctx.at);
  return ctx.policy.pausedIn.includes(status)
    ? clocks.map((c) => pauseClock(c, ctx.calendar, ctx.at))
    : clocks;
}

function reopenClocks(clocks: SlaClock[], ctx: ClockContext): SlaClock[] {
  const fresh = startClocks(ctx.policy, ctx.priority, ctx.calendar, ctx.at).filter(
    (c) => c.target === 'resolution',
  );
  return [...clocks.filter((c) => c.target !== 'resolution'), ...fresh];
}
