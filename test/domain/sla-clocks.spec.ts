import { describe, expect, it } from 'vitest';
import { businessDayMinutes } from '../../src/domain/calendar/business-calendar.js';
import type { SlaClock } from '../../src/domain/sla/sla-clock.js';
import {
  markBreached,
  pauseClock,
  resumeClock,
  signalOf,
  startClocks,
  stopClock,
} from '../../src/domain/sla/sla-clocks.js';
import { defaultSlaPolicy } from '../../src/domain/sla/sla-policy.js';
import { rome, romeCalendar } from '../support/calendar.js';

const calendar = romeCalendar();
const policy = defaultSlaPolicy(businessDayMinutes(calendar.hours));
const clock = (clocks: SlaClock[], target: SlaClock['target']) => {
  const found = clocks.find((c) => c.target === target);
  if (!found) throw new Error(`no ${target} clock`);
  return found;
};

describe('SLA clocks', () => {
  it('P1: first handling within 30 calendar minutes, even on a Saturday night', () => {
    const at = rome('2026-11-21 23:50');
    const first = clock(startClocks(policy, 'P1', calendar, at), 'first_response');
    expect(first).toMatchObject({ basis: 'calendar', state: 'running', budgetMinutes: 30 });
    expect(first.dueAt).toEqual(rome('2026-11-22 00:20'));
    expect(first.warnAt).toEqual(rome('2026-11-22 00:13')); // 75% of 30 = 22.5, rounded
  });

  it('P2: taken in charge within one business day, over a weekend and Easter Monday', () => {
    // Friday 3 April 2026 16:00; Monday 6 April is Easter Monday.
    const clocks = startClocks(policy, 'P2', calendar, rome('2026-04-03 16:00'));
    const takeInCharge = clock(clocks, 'take_in_charge');
    expect(takeInCharge.dueAt).toEqual(rome('2026-04-07 16:00'));
    expect(takeInCharge.warnAt).toEqual(rome('2026-04-07 13:45')); // 405 of 540 minutes
    expect(clock(clocks, 'resolution').dueAt).toEqual(rome('2026-04-13 16:00'));
  });

  it('P3: a window of 3 (warn) to 5 (breach) business days', () => {
    const resolution = clock(
      startClocks(policy, 'P3', calendar, rome('2026-11-23 10:00')),
      'resolution',
    );
    expect(resolution.warnAt).toEqual(rome('2026-11-26 10:00'));
    expect(resolution.dueAt).toEqual(rome('2026-11-26 10:00'));
    expect(resolution.limitAt).toEqual(rome('2026-11-30 10:00'));
    expect(signalOf(resolution, rome('2026-11-26 09:59'))).toBe('on_time');
    expect(signalOf(resolution, rome('2026-11-27 12:00'))).toBe('warning');
    expect(signalOf(resolution, rome('2026-11-30 10:00'))).toBe('breached');
    expect(stopClock(resolution, calendar, rome('2026-11-27 12:00')).state).toBe('met');
    expect(stopClock(resolution, calendar, rome('2026-11-30 10:01')).state).toBe('breached');
  });

  it('stands still while paused and carries the remaining budget after resume', () => {
    const started = clock(
      startClocks(policy, 'P2', calendar, rome('2026-11-23 09:00')),
      'take_in_charge',
    );
    expect(started.dueAt).toEqual(rome('2026-11-24 09:00'));

    const paused = pauseClock(started, calendar, rome('2026-11-23 11:00'));
    expect(paused).toMatchObject({ state: 'paused', consumedMinutes: 120 });
    expect(signalOf(paused, rome('2026-11-27 09:00'))).toBe('paused');
    expect(markBreached(paused, rome('2026-11-27 09:00')).state).toBe('paused');

    const resumed = resumeClock(paused, calendar, rome('2026-11-25 09:00'), policy.warnFraction);
    expect(resumed.state).toBe('running');
    expect(resumed.pausedAt).toBeUndefined();
    expect(resumed.dueAt).toEqual(rome('2026-11-25 16:00')); // 420 minutes left
    expect(resumed.warnAt).toEqual(rome('2026-11-25 13:45')); // 405 − 120 = 285 minutes

    const met = stopClock(resumed, calendar, rome('2026-11-25 10:00'));
    expect(met).toMatchObject({
      state: 'met',
      consumedMinutes: 180,
      stoppedAt: rome('2026-11-25 10:00'),
    });
  });

  it('is marked breached once due has passed, and stays breached when finally met', () => {
    const first = clock(
      startClocks(policy, 'P1', calendar, rome('2026-11-23 10:00')),
      'first_response',
    );
    expect(markBreached(first, rome('2026-11-23 10:29')).state).toBe('running');
    const breached = markBreached(first, rome('2026-11-23 10:30'));
    expect(breached.state).toBe('breached');
    const stopped = stopClock(breached, calendar, rome('2026-11-23 10:45'));
    expect(stopped).toMatchObject({ state: 'breached', consumedMinutes: 45 });
  });
});
