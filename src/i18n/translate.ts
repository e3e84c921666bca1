import { en } from './en.js';
import { it } from './it.js';

export type MessageKey = keyof typeof it;
export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { it, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A Slack or Teams locale ("it-IT", "en-GB", "en") → one we have, else the fallback. */
export function pickLocale(requested: string | undefined, fallback: Locale): Locale {
  const language = requested?.slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : fallback;
}

export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, params = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}

export function isMessageKey(key: string): key is MessageKey {
  return key in it;
}
