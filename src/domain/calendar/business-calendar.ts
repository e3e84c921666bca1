import { TZDate } from '@date-fns/tz';
import { minutesOfDay, weekdayOf, type BusinessHours } from './business-hours.js';

const MINUTE = 60_000;
/** Far enough for any SLA; stops a calendar with no working day from looping forever. */
const MAX_DAYS_SCANNED = 3 * 366;

/**
 * The company's working time: weekly hours in a time zone, minus closed days (national holidays
 * and company closures, told by `isClosed` for a local date "YYYY-MM-DD").
 */
export interface BusinessCalendar {
  timeZone: string;
  hours: BusinessHours;
  isClosed: (localDate: string) => boolean;
}

interface Span {
  start: number;
  end: number;
}

export function localDateOf(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** The year of an instant where the company is: case numbers restart with it. */
export const localYearOf = (instant: Date, timeZone: string): number =>
  Number(localDateOf(instant, timeZone).slice(0, 4));

/** A calendar's working spans per local date: the time-zone arithmetic is done once a day. */
const spansByDate = new WeakMap<BusinessCalendar, Map<string, Span[]>>();
/** Bounds the memo of a long-running process (about ten years of days). */
const MEMO_DAYS = 4_000;

/** Working spans of one local date (empty on closed days), as epoch ms. */
function spansOfDate(calendar: BusinessCalendar, year: number, month: number, date: number) {
  const memo = spansByDate.get(calendar) ?? new Map<string, Span[]>();
  spansByDate.set(calendar, memo);
  // Plain calendar arithmetic (no time zone): normalises e.g. 32 January to 1 February.
  const civil = new Date(Date.UTC(year, month, date));
  const key = civil.toISOString().slice(0, 10);
  const known = memo.get(key);
  if (known) return known;
  const spans = calendar.isClosed(key) ? [] : localSpans(calendar, civil);
  if (memo.size >= MEMO_DAYS) memo.clear();
  memo.set(key, spans);
  return spans;
}

function localSpans(calendar: BusinessCalendar, civil: Date): Span[] {
  const at = (minutes: number) =>
    new TZDate(
      civil.getUTCFullYear(),
      civil.getUTCMonth(),
      civil.getUTCDate(),
      Math.floor(minutes / 60),
      minutes % 60,
      calendar.timeZone,
    ).getTime();
  return (calendar.hours[weekdayOf(civil.getUTCDay())] ?? []).map((span) => ({
    start: at(minutesOfDay(span.start)),
    end: at(minutesOfDay(span.end)),
  }));
}

/** Walks working spans forward from `from`, clipped to start no earlier than `from`. */
function* workingSpansFrom(calendar: BusinessCalendar, from: Date): Generator<Span> {
  const base = new TZDate(from.getTime(), calendar.timeZone);
  const [year, month, date] = [base.getFullYear(), base.getMonth(), base.getDate()];
  for (let offset = 0; offset < MAX_DAYS_SCANNED; offset++) {
    for (const span of spansOfDate(calendar, year, month, date + offset)) {
      const start = Math.max(span.start, from.getTime());
      if (start < span.end) yield { start, end: span.end };
    }
  }
  throw new RangeError('the business calendar has no working time in the next three years');
}

/** The instant when `minutes` of working time have passed after `from`. */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  let remaining = minutes * MINUTE;
  if (remaining <= 0) return new Date(from);
  for (const span of workingSpansFrom(calendar, from)) {
    const available = span.end - span.start;
    if (remaining <= available) return new Date(span.start + remaining);
    remaining -= available;
  }
  throw new Error('unreachable');
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  let total = 0;
  if (to <= from) return 0;
  for (const span of workingSpansFrom(calendar, from)) {
    if (span.start >= to.getTime()) break;
    total += Math.min(span.end, to.getTime()) - span.start;
  }
  return Math.round(total / MINUTE);
}

/** Minutes of a standard working day: the longest day of the week. */
export function businessDayMinutes(hours: BusinessHours): number {
  const perDay = Object.values(hours).map((spans) =>
    (spans ?? []).reduce((sum, s) => sum + minutesOfDay(s.end) - minutesOfDay(s.start), 0),
  );
  return Math.max(0, ...perDay);
}

export function addBusinessDays(calendar: BusinessCalendar, from: Date, days: number): Date {
  return addBusinessMinutes(calendar, from, days * businessDayMinutes(calendar.hours));
}
