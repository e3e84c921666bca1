/** Mon = index 0, as the company reads its week; JS getDay() has Sunday = 0. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" local times; start < end. */
export interface WorkingSpan {
  start: string;
  end: string;
}
/** Working spans per weekday; a day that is absent is closed. */
export type BusinessHours = Partial<Record<Weekday, WorkingSpan[]>>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function weekdayOf(jsDay: number): Weekday {
  return WEEKDAYS[(jsDay + 6) % 7] as Weekday;
}

export function minutesOfDay(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * "mon-fri 08:30-17:30" or "mon-thu 08:30-12:30,14:00-18:00; fri 08:30-13:00".
 * Returns the hours, or a sentence saying what is wrong.
 */
export function parseBusinessHours(text: string): BusinessHours | string {
  const hours: BusinessHours = {};
  for (const part of text.split(';').map((p) => p.trim().toLowerCase())) {
    if (part === '') continue;
    const match = /^([a-z]{3})(?:-([a-z]{3}))?\s+(.+)$/.exec(part);
    if (!match) return `"${part}" is not "day[-day] HH:MM-HH:MM"`;
    const [, fromDay = '', toDay, spansText = ''] = match;
    const from = WEEKDAYS.indexOf(fromDay as Weekday);
    const to = WEEKDAYS.indexOf((toDay ?? fromDay) as Weekday);
    if (from < 0 || to < 0 || to < from) return `"${part}" has an unknown day range`;
    const spans: WorkingSpan[] = [];
    for (const span of spansText.split(',').map((s) => s.trim())) {
      const [start = '', end = ''] = span.split('-');
      if (!TIME.test(start) || !TIME.test(end) || start >= end) {
        return `"${span}" is not a valid HH:MM-HH:MM span`;
      }
      spans.push({ start, end });
    }
    for (let day = from; day <= to; day++) hours[WEEKDAYS[day] as Weekday] = spans;
  }
  return Object.keys(hours).length > 0 ? hours : 'names no working day';
}
