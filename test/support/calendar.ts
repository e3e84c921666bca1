import { createBusinessCalendar } from '../../src/calendar/holidays.js';
import type { CaseRules } from '../../src/domain/complaint/complaint.ports.js';
import { defaultSlaPolicy } from '../../src/domain/sla/sla-policy.js';
import {
  parseBusinessHours,
  type BusinessHours,
} from '../../src/domain/calendar/business-hours.js';

/** The seed company's calendar: Mon–Fri 08:30–17:30, Europe/Rome, Italian holidays. */
export const romeCalendar = (closures: string[] = []) =>
  createBusinessCalendar({
    timeZone: 'Europe/Rome',
    hours: parseBusinessHours('mon-fri 08:30-17:30') as BusinessHours,
    holidays: { country: 'IT' },
    closures,
  });

/** An instant written as Rome local time, e.g. rome('2026-04-24 16:00'). */
export function rome(local: string): Date {
  const [date = '', time = '00:00'] = local.split(' ');
  const probe = new Date(`${date}T${time}:00Z`);
  // Rome is UTC+1 or UTC+2: pick the offset whose local rendering matches.
  for (const offset of [1, 2]) {
    const candidate = new Date(probe.getTime() - offset * 3_600_000);
    const shown = candidate.toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).slice(0, 16);
    if (shown === `${date} ${time}`) return candidate;
  }
  throw new Error(`${local} does not exist in Europe/Rome`);
}

/** The seed company's rules: Rome calendar, seed SLA targets, threshold 1000 EUR, 90-day repeats. */
export const romeRules = (triageChannel = 'C0TRIAGE'): CaseRules => ({
  calendar: romeCalendar(),
  sla: defaultSlaPolicy(540),
  escalation: {
    costThresholdEur: 1000,
    featureChangeNeedsReview: true,
    outsidePolicyNeedsManager: true,
  },
  repeatWindowDays: 90,
  triage: { platform: 'slack', channel: triageChannel },
});
