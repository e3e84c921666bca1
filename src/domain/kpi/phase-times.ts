import { businessMinutesBetween, type BusinessCalendar } from '../calendar/business-calendar.js';
import type { Priority } from '../complaint/complaint.js';
import type { Period } from './kpi.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** When a case was received and handled, as its phase times tell (an imported case has no clocks). */
export interface PhaseSpan {
  priority: Priority;
  receivedAt: Date;
  phaseTimes: Partial<Record<string, Date>>;
  /** It has SLA clocks: its minutes come from them, which count pauses; phases do not. */
  clocked: boolean;
}

/** The first handling: taken in charge, or work started, whichever came first. */
const firstResponseOf = (s: PhaseSpan) =>
  [s.phaseTimes.acknowledged, s.phaseTimes.in_progress]
    .filter((d): d is Date => d instanceof Date)
    .sort((a, b) => a.getTime() - b.getTime())[0];
const resolutionOf = (s: PhaseSpan) => s.phaseTimes.resolved ?? s.phaseTimes.closed;

/**
 * Times from phase times, for the first responses and resolutions that happened in the period.
 * `minutes`: only cases without SLA clocks, in the clocks' own measure (wall-clock for P1, the
 * company's working time for the rest; none without a calendar). `days`: every case, calendar days.
 */
export function phaseDurations(spans: PhaseSpan[], period: Period, calendar?: BusinessCalendar) {
  const inside = (at: Date | undefined): at is Date =>
    at !== undefined && at >= period.from && at < period.to;
  const measure = (ofSpan: (s: PhaseSpan) => Date | undefined) => {
    const minutes: number[] = [];
    const days: number[] = [];
    for (const s of spans) {
      const at = ofSpan(s);
      if (!inside(at) || at < s.receivedAt) continue;
      days.push(Math.round(((at.getTime() - s.receivedAt.getTime()) / DAY) * 100) / 100);
      if (s.clocked) continue;
      if (s.priority === 'P1')
        minutes.push(Math.round((at.getTime() - s.receivedAt.getTime()) / MINUTE));
      else if (calendar) minutes.push(businessMinutesBetween(calendar, s.receivedAt, at));
    }
    return { minutes, days };
  };
  return { firstResponse: measure(firstResponseOf), resolution: measure(resolutionOf) };
}
