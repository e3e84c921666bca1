import { describe, expect, it } from 'vitest';
import { businessDayMinutes } from '../../src/domain/calendar/business-calendar.js';
import { pauseClock, startClocks } from '../../src/domain/sla/sla-clocks.js';
import { defaultSlaPolicy } from '../../src/domain/sla/sla-policy.js';
import { upcomingReminders } from '../../src/domain/sla/upcoming-reminders.js';
import { rome, romeCalendar } from '../support/calendar.js';

const calendar = romeCalendar();
const policy = defaultSlaPolicy(businessDayMinutes(calendar.hours));
const p1 = startClocks(policy, 'P1', calendar, rome('2026-11-21 23:50')); // warns 00:13, due 00:20
const shape = (now: Date, clocks = p1) =>
  upcomingReminders('c1', clocks, now).map((r) => [r.target, r.kind, r.at]);

describe('reminders within the two-hour horizon', () => {
  it('takes a P1 warning and breach as soon as they are two hours away, the edge included', () => {
    expect(shape(rome('2026-11-21 22:12'))).toEqual([]);
    expect(shape(rome('2026-11-21 22:13'))).toEqual([
      ['first_response', 'warning', rome('2026-11-22 00:13')],
    ]);
    expect(shape(rome('2026-11-21 23:50'))).toEqual([
      ['first_response', 'warning', rome('2026-11-22 00:13')],
      ['first_response', 'breach', rome('2026-11-22 00:20')],
    ]);
  });

  it('still hands over a breach that passed while no instance ran, but not a day-old warning', () => {
    expect(shape(rome('2026-11-23 09:00'))).toEqual([
      ['first_response', 'breach', rome('2026-11-22 00:20')],
      ['resolution', 'breach', rome('2026-11-22 23:50')],
    ]);
  });

  it('gives a paused clock nothing, and a P3 window its limit as the breach', () => {
    const paused = p1.map((c) => pauseClock(c, calendar, rome('2026-11-21 23:55')));
    expect(shape(rome('2026-11-21 23:56'), paused)).toEqual([]);
    const p3 = startClocks(policy, 'P3', calendar, rome('2026-11-23 09:00'));
    const resolution = p3.find((c) => c.target === 'resolution')!;
    expect(resolution.limitAt).toBeDefined();
    const near = new Date(resolution.limitAt!.getTime() - 60 * 60_000);
    expect(shape(near, p3).filter(([target]) => target === 'resolution')).toEqual([
      ['resolution', 'breach', resolution.limitAt],
    ]);
  });
});
