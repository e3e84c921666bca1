import Holidays from 'date-holidays';
import type { BusinessCalendar } from '../domain/calendar/business-calendar.js';
import type { BusinessHours } from '../domain/calendar/business-hours.js';

/**
 * Why a country (and region) has no holiday data, or undefined when it has: date-holidays gives
 * an unknown place no holidays at all, which would silently make every holiday a working day.
 */
export function holidayPlaceProblem(country: string, region?: string): string | undefined {
  const data = new Holidays();
  if (!data.getCountries()[country]) {
    return `HOLIDAYS_COUNTRY: ${country} is not a country with holiday data (ISO 3166 code, e.g. IT)`;
  }
  if (!region) return undefined;
  const regions = data.getStates(country) ?? {};
  if (regions[region.toUpperCase()]) return undefined;
  const known = Object.entries(regions).map(([code, name]) => `${code} ${name}`);
  return `HOLIDAYS_REGION: ${region} is not a region of ${country} (${
    known.length ? `known: ${known.join(', ')}` : `${country} has no regional holidays`
  })`;
}

/** Public holidays of a country (and region) from the maintained date-holidays data. */
export function publicHolidays(country: string, region?: string): (localDate: string) => boolean {
  const source = region ? new Holidays(country, region) : new Holidays(country);
  const byYear = new Map<number, Set<string>>();
  return (localDate) => {
    const year = Number(localDate.slice(0, 4));
    let days = byYear.get(year);
    if (!days) {
      const holidays = source.getHolidays(year) || [];
      days = new Set(holidays.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      byYear.set(year, days);
    }
    return days.has(localDate);
  };
}

export interface CalendarSettings {
  timeZone: string;
  hours: BusinessHours;
  holidays: { country: string; region?: string | undefined };
  /** Company closures, local dates "YYYY-MM-DD". */
  closures?: string[];
}

export function createBusinessCalendar(settings: CalendarSettings): BusinessCalendar {
  const isHoliday = publicHolidays(settings.holidays.country, settings.holidays.region);
  const closures = new Set(settings.closures ?? []);
  return {
    timeZone: settings.timeZone,
    hours: settings.hours,
    isClosed: (localDate) => closures.has(localDate) || isHoliday(localDate),
  };
}
