import type { Complaint } from '../complaint/complaint.js';
import type { SlaClock, SlaTarget } from './sla-clock.js';
import { REACHES, type ClockContext } from './clocks-on-transition.js';
import { delayedClock, pauseClock, pausedMinutes, startClocks, stopClock } from './sla-clocks.js';

type Timed = Pick<Complaint, 'slaClocks' | 'status' | 'phaseTimes' | 'receivedAt'>;

/**
 * The clocks a case has under a new priority, as if it had been received with it: each target's
 * budget counts from the receipt (a reopened case's resolution from its reopening), the time the
 * case stood still so far still does not count, a target the case already reached stops when it
 * was reached (met or late by the new deadline), and a case on hold keeps its clocks paused.
 */
export function clocksForPriority(complaint: Timed, ctx: ClockContext): SlaClock[] {
  const { policy, calendar, at } = ctx;
  const reopenedAt = complaint.phaseTimes.reopened;
  return startClocks(policy, ctx.priority, calendar, complaint.receivedAt).map((fresh) => {
    const start = fresh.target === 'resolution' && reopenedAt ? reopenedAt : complaint.receivedAt;
    const begun = start === complaint.receivedAt ? fresh : restarted(fresh, start, ctx);
    const old = pickOld(complaint.slaClocks, begun);
    const paused = old ? pausedMinutes(old, calendar, at) : 0;
    const clock = delayedClock(begun, calendar, paused, policy.warnFraction);
    const reached = reachedAt(complaint, fresh.target, start);
    if (reached) return stopClock(clock, calendar, reached);
    return policy.pausedIn.includes(complaint.status) ? pauseClock(clock, calendar, at) : clock;
  });
}

function restarted(fresh: SlaClock, start: Date, ctx: ClockContext): SlaClock {
  const again = startClocks(ctx.policy, ctx.priority, ctx.calendar, start);
  return again.find((c) => c.target === fresh.target) ?? fresh;
}

/** The old clock whose pauses carry over: same target, else one counted the same way. */
function pickOld(clocks: SlaClock[], fresh: SlaClock): SlaClock | undefined {
  const sameBasis = clocks.filter((c) => c.basis === fresh.basis);
  return (
    sameBasis.find((c) => c.target === fresh.target) ??
    sameBasis.find((c) => !c.stoppedAt) ??
    sameBasis[0]
  );
}

/** When the case first reached the target (at or after `since`), if it has. */
function reachedAt(complaint: Timed, target: SlaTarget, since: Date): Date | undefined {
  const stopped = complaint.slaClocks.find(
    (c) => c.target === target && c.stoppedAt && (c.state === 'met' || c.state === 'breached'),
  );
  if (stopped?.stoppedAt && stopped.stoppedAt >= since) return stopped.stoppedAt;
  const times = Object.entries(REACHES)
    .filter(([, targets]) => targets.includes(target))
    .map(([status]) => complaint.phaseTimes[status as keyof Timed['phaseTimes']])
    .filter((t): t is Date => t !== undefined && t >= since)
    .sort((a, b) => a.getTime() - b.getTime());
  return times[0];
}
