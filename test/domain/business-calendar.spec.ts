import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessMinutes,
  businessMinutesBetween,
} from '../../src/domain/calendar/business-calendar.js';
import { rome, romeCalendar } from '../support/calendar.js';

const calendar = romeCalendar(['2026-08-14']);

describe('the business calendar (Mon–Fri 08:30–17:30, Europe/Rome, Italian holidays)', () => {
  it('adds minutes inside one working day', () => {
    expect(addBusinessMinutes(calendar, rome('2026-11-23 09:00'), 90)).toEqual(
      rome('2026-11-23 10:30'),
    );
  });

  it('starts counting at opening time when the case arrives before it', () => {
    expect(addBusinessMinutes(calendar, rome('2026-11-23 07:00'), 30)).toEqual(
      rome('2026-11-23 09:00'),
    );
  });

  it('jumps over the weekend', () => {
    expect(addBusinessDays(calendar, rome('2026-11-20 16:00'), 1)).toEqual(
      rome('2026-11-23 16:00'),
    );
  });

  it('skips Liberation Day (25 April) and Republic Day (2 June)', () => {
    // Fri 24 April 2026 16:00 → Sat, Sun closed; Mon 27 normal.
    expect(addBusinessDays(calendar, rome('2026-04-24 16:00'), 1)).toEqual(
      rome('2026-04-27 16:00'),
    );
    // Mon 1 June 16:00 + 1 day → Tue 2 June is a holiday → Wed 3 June 16:00.
    expect(addBusinessDays(calendar, rome('2026-06-01 16:00'), 1)).toEqual(
      rome('2026-06-03 16:00'),
    );
  });

  it('skips the Immaculate Conception (8 December) and Easter Monday', () => {
    expect(addBusinessDays(calendar, rome('2026-12-07 10:00'), 1)).toEqual(
      rome('2026-12-09 10:00'),
    );
    expect(addBusinessDays(calendar, rome('2026-04-03 10:00'), 1)).toEqual(
      rome('2026-04-07 10:00'),
    );
  });

  it('skips company closures', () => {
    // Thu 13 Aug + 1 day: Fri 14 closed (company), 15 Aug holiday on Saturday → Mon 17.
    expect(addBusinessDays(calendar, rome('2026-08-13 12:00'), 1)).toEqual(
      rome('2026-08-17 12:00'),
    );
  });

  it('keeps local working hours across the spring DST change night', () => {
    // Sat 28 March 2026 → clocks go forward on Sun 29 → first working minute Mon 30 08:30 CEST.
    const due = addBusinessMinutes(calendar, rome('2026-03-28 10:00'), 60);
    expect(due).toEqual(rome('2026-03-30 09:30'));
    expect(due.toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });

  it('keeps local working hours across the autumn DST change night', () => {
    // Fri 23 Oct 17:00 CEST: 30 minutes that day, 510 on Mon 26 Oct (CET, after the change).
    const due = addBusinessDays(calendar, rome('2026-10-23 17:00'), 1);
    expect(due).toEqual(rome('2026-10-26 17:00'));
    expect(due.toISOString()).toBe('2026-10-26T16:00:00.000Z');
  });

  it('measures working time between two instants', () => {
    expect(
      businessMinutesBetween(calendar, rome('2026-11-20 16:00'), rome('2026-11-23 09:00')),
    ).toBe(120);
    expect(
      businessMinutesBetween(calendar, rome('2026-11-21 10:00'), rome('2026-11-22 18:00')),
    ).toBe(0);
    expect(
      businessMinutesBetween(calendar, rome('2026-11-23 12:00'), rome('2026-11-23 11:00')),
    ).toBe(0);
  });

  it('is the inverse of adding minutes', () => {
    const from = rome('2026-12-04 15:10');
    for (const minutes of [1, 59, 540, 541, 2000]) {
      expect(
        businessMinutesBetween(calendar, from, addBusinessMinutes(calendar, from, minutes)),
      ).toBe(minutes);
    }
  });
});
