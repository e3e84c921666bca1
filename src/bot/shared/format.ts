import type { Locale } from '../../i18n/translate.js';

// Building a formatter costs far more than using one, and every card shows several dates.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "24/11/2026 10:00" in the company's time zone (day first in both of our languages). */
export function formatInstant(at: Date, _locale: Locale, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

export const mention = (userId: string) => `<@${userId}>`;

const TAGS: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' };
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, digits: number, currency: boolean): Intl.NumberFormat {
  const id = `${locale}:${digits}:${currency}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(TAGS[locale], {
      ...(currency ? { style: 'currency', currency: 'EUR' } : {}),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      // Italian CLDR data leaves four-digit numbers ungrouped ("1800,50"); people write 1.800,50.
      useGrouping: 'always',
    } as Intl.NumberFormatOptions);
    numberFormats.set(id, format);
  }
  return format;
}

/** An amount in euro as the reader writes it: "1.800,50 €" in Italian, "€1,800.50" in English. */
export const formatAmount = (eur: number, locale: Locale): string =>
  numberFormat(locale, 2, true).format(eur);

/** A number with a fixed count of decimals in the reader's locale ("4,5" / "4.5"). */
export const formatNumber = (value: number, locale: Locale, digits = 1): string =>
  numberFormat(locale, digits, false).format(value);
