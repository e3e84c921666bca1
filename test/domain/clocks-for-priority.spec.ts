import { describe, expect, it } from 'vitest';
import { businessDayMinutes } from '../../src/domain/calendar/business-calendar.js';
import type { Complaint } from '../../src/domain/complaint/complaint.js';
import {
  clocksAfterTransition,
  clocksForNewCase,
} from '../../src/domain/sla/clocks-on-transition.js';
import { clocksForPriority } from '../../src/domain/sla/clocks-for-priority.js';
import type { SlaClock } from '../../src/domain/sla/sla-clock.js';
import { breachAt } from '../../src/domain/sla/sla-clocks.js';
import { defaultSlaPolicy } from '../../src/domain/sla/sla-policy.js';
import { rome, romeCalendar } from '../support/calendar.js';

const calendar = romeCalendar();
const policy = defaultSlaPolicy(businessDayMinutes(calendar.hours));
const ctx = (priority: Complaint['priority'], at: Date) => ({ policy, calendar, priority, at });
const of = (clocks: SlaClock[], target: SlaClock['target']) => {
  const found = clocks.find((c) => c.target === target);
  if (!found) throw new Error(`no ${target} clock`);
  return found;
};
// Tuesday 1 December 2026, 10:00 in Rome; Tuesday 8 December is a holiday (Immacolata).
const RECEIVED = rome('2026-12-01 10:00');

describe('SLA clocks under a new priority, counted from the receipt', () => {
  it('P3 → P2 an hour later: one business day and five (over the 8 December holiday) from the receipt', () => {
    const timed = {
      receivedAt: RECEIVED,
      status: 'new' as const,
      phaseTimes: { new: RECEIVED },
      slaClocks: clocksForNewCase('new', ctx('P3', RECEIVED)),
    };
    const clocks = clocksForPriority(timed, ctx('P2', rome('2026-12-01 11:00')));
    expect(clocks.map((c) => c.target)).toEqual(['take_in_charge', 'resolution']);
    expect(of(clocks, 'take_in_charge')).toMatchObject({
      state: 'running',
      startedAt: RECEIVED,
      dueAt: rome('2026-12-02 10:00'),
    });
    expect(of(clocks, 'resolution').dueAt).toEqual(rome('2026-12-09 10:00'));
  });

  it('→ P1 after the first answer: met if it came within 30 minutes of the receipt, late if not', () => {
    const onTime = {
      receivedAt: RECEIVED,
      status: 'acknowledged' as const,
      phaseTimes: { new: RECEIVED, acknowledged: rome('2026-12-01 10:20') },
      slaClocks: clocksForNewCase('new', ctx('P3', RECEIVED)),
    };
    const at = rome('2026-12-01 11:00');
    const clocks = clocksForPriority(onTime, ctx('P1', at));
    expect(of(clocks, 'first_response')).toMatchObject({
      state: 'met',
      stoppedAt: rome('2026-12-01 10:20'),
    });
    expect(of(clocks, 'resolution')).toMatchObject({
      state: 'running',
      dueAt: rome('2026-12-02 10:00'),
    });
    const late = {
      ...onTime,
      phaseTimes: { new: RECEIVED, acknowledged: rome('2026-12-01 10:45') },
    };
    expect(of(clocksForPriority(late, ctx('P1', at)), 'first_response').state).toBe('breached');
  });

  it('keeps the time the case waited for the customer out of the new deadlines, and a case on hold paused', () => {
    const start = clocksForNewCase('new', ctx('P3', RECEIVED));
    const waiting = clocksAfterTransition(
      start,
      'new',
      'waiting_customer',
      ctx('P3', rome('2026-12-01 11:00')),
    );
    const resumed = clocksAfterTransition(
      waiting,
      'waiting_customer',
      'in_progress',
      ctx('P3', rome('2026-12-01 13:00')),
    );
    const timed = {
      receivedAt: RECEIVED,
      status: 'in_progress' as const,
      phaseTimes: { new: RECEIVED, in_progress: rome('2026-12-01 13:00') },
      slaClocks: resumed,
    };
    const p2 = clocksForPriority(timed, ctx('P2', rome('2026-12-01 14:00')));
    // Two business hours on hold: five business days from the receipt, two hours later.
    expect(breachAt(of(p2, 'resolution'))).toEqual(rome('2026-12-09 12:00'));
    expect(of(p2, 'take_in_charge').state).toBe('met');

    const onHold = { ...timed, status: 'waiting_customer' as const, slaClocks: waiting };
    const paused = clocksForPriority(onHold, ctx('P2', rome('2026-12-01 12:00')));
    expect(of(paused, 'resolution')).toMatchObject({ state: 'paused', consumedMinutes: 60 });
  });
});
