import type { Locale } from '../../../i18n/translate.js';

/** "24/11/2026 10:00" in the company's time zone and the reader's language. */
export function formatInstant(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

export const mention = (userId: string) => `<@${userId}>`;
