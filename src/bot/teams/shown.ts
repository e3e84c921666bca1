import type { ChatUser } from '../../domain/shared/chat-user.js';
import type { Locale } from '../../i18n/translate.js';
import type { Shown } from '../shared/refusal-text.js';
import { formatInstant } from '../shared/format.js';

/** Teams shows people by name (no mentions in a card's text) and instants in its reader's locale. */
export const teamsShown = (locale: Locale, timeZone: string): Shown => ({
  user: (user: ChatUser) => (user as { name?: string }).name ?? user.id,
  instant: (at: Date) => formatInstant(at, locale, timeZone),
});
