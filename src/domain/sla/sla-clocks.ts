import {
  addBusinessMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from '../calendar/business-calendar.js';
import type { Priority } from '../complaint/complaint.js';
import type { SlaClock } from './sla-clock.js';
import type { SlaPolicy, SlaRule } from './sla-policy.js';

const MINUTE = 60_000;

function add(
  clock: Pick<SlaClock, 'basis'>,
  calendar: BusinessCalendar,
  from: Date,
  minutes: number,
): Date {
  const whole = Math.max(0, Math.round(minutes));
  return clock.basis === 'calendar'
    ? new Date(from.getTime() + whole * MINUTE)
    : addBusinessMinutes(calendar, from, whole);
}

function elapsed(clock: SlaClock, calendar: BusinessCalendar, from: Date, to: Date): number {
  return clock.basis === 'calendar'
    ? Math.max(0, Math.round((to.getTime() - from.getTime()) / MINUTE))
    : businessMinutesBetween(calendar, from, to);
}

/** The instant the clock counts as breached: the window's limit, else its due instant. */
export const breachAt = (clock: SlaClock): Date => clock.limitAt ?? clock.dueAt;

/** Due, warning and limit instants for a clock that runs from `at` having used `consumed`. */
function schedule(clock: SlaClock, calendar: BusinessCalendar, at: Date, warnFraction: number) {
  const left = (budget: number) => budget - clock.consumedMinutes;
  const warnBudget = clock.limitMinutes ? clock.budgetMinutes : clock.budgetMinutes * warnFraction;
  return {
    warnAt: add(clock, calendar, at, left(warnBudget)),
    dueAt: add(clock, calendar, at, left(clock.budgetMinutes)),
    ...(clock.limitMinutes ? { limitAt: add(clock, calendar, at, left(clock.limitMinutes)) } : {}),
  };
}

function startClock(
  rule: SlaRule,
  calendar: BusinessCalendar,
  at: Date,
  warnFraction: number,
): SlaClock {
  const clock: SlaClock = {
    target: rule.target,
    basis: rule.basis,
    budgetMinutes: rule.minutes,
    ...(rule.limitMinutes ? { limitMinutes: rule.limitMinutes } : {}),
    startedAt: at,
    runningSince: at,
    warnAt: at,
    dueAt: at,
    state: 'running',
    consumedMinutes: 0,
  };
  return { ...clock, ...schedule(clock, calendar, at, warnFraction) };
}

/** One clock per target of the priority, all starting at `at`. */
export function startClocks(
  policy: SlaPolicy,
  priority: Priority,
  calendar: BusinessCalendar,
  at: Date,
): SlaClock[] {
  return policy.rules[priority].map((rule) => startClock(rule, calendar, at, policy.warnFraction));
}

export function pauseClock(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  if (clock.state !== 'running') return clock;
  const used = elapsed(clock, calendar, clock.runningSince, at);
  return { ...clock, state: 'paused', pausedAt: at, consumedMinutes: clock.consumedMinutes + used };
}

/** Restarts a paused clock: what was left of each budget now counts from `at`. */
export function resumeClock(
  clock: SlaClock,
  calendar: BusinessCalendar,
  at: Date,
  warnFraction: number,
): SlaClock {
  if (clock.state !== 'paused') return clock;
  const { pausedAt, ...rest } = clock;
  const running: SlaClock = { ...rest, state: 'running', runningSince: at };
  return { ...running, ...schedule(running, calendar, at, warnFraction) };
}

/** The target was reached at `at`: met if no later than the breach instant. */
export function stopClock(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  if (clock.stoppedAt || clock.state === 'met') return clock;
  const used = clock.state === 'paused' ? 0 : elapsed(clock, calendar, clock.runningSince, at);
  const late = clock.state === 'breached' || (clock.state === 'running' && at > breachAt(clock));
  return {
    ...clock,
    state: late ? 'breached' : 'met',
    stoppedAt: at,
    consumedMinutes: clock.consumedMinutes + used,
  };
}

/** The case ended without reaching the target (rejected, withdrawn): the clock no longer counts. */
export function cancelClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.stoppedAt || clock.state === 'met' || clock.state === 'breached') return clock;
  const { pausedAt: _pausedAt, ...rest } = clock;
  return { ...rest, state: 'cancelled', stoppedAt: at };
}

/** Marks a running clock breached once its breach instant has passed (the jobs call this). */
export function markBreached(clock: SlaClock, now: Date): SlaClock {
  return clock.state === 'running' && now >= breachAt(clock)
    ? { ...clock, state: 'breached' }
    : clock;
}

/**
 * Minutes (of its basis) the clock stood still, up to `at`: the time it covered less what it
 * counted. A clock that stopped counts to its stop, a running one to its last resume.
 */
export function pausedMinutes(clock: SlaClock, calendar: BusinessCalendar, at: Date): number {
  const end = clock.state === 'paused' ? at : (clock.stoppedAt ?? clock.runningSince);
  return Math.max(0, elapsed(clock, calendar, clock.startedAt, end) - clock.consumedMinutes);
}

/** A running clock that began at `startedAt` but stood still `paused` minutes since. */
export function delayedClock(
  clock: SlaClock,
  calendar: BusinessCalendar,
  paused: number,
  warnFraction: number,
): SlaClock {
  if (paused <= 0) return clock;
  const runningSince = add(clock, calendar, clock.startedAt, paused);
  return { ...clock, runningSince, ...schedule(clock, calendar, runningSince, warnFraction) };
}

export type SlaSignal = 'on_time' | 'warning' | 'breached' | 'paused' | 'met' | 'cancelled';

/** What a person sees next to the case: on time, warning, breached. */
export function signalOf(clock: SlaClock, now: Date): SlaSignal {
  if (clock.state !== 'running') return clock.state;
  if (now >= breachAt(clock)) return 'breached';
  return now >= clock.warnAt ? 'warning' : 'on_time';
}
