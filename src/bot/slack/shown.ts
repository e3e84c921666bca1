import type { ChatUser } from '../../domain/shared/chat-user.js';
import type { Locale } from '../../i18n/translate.js';
import type { Shown } from '../shared/refusal-text.js';
import { formatInstant, mention } from '../shared/format.js';

/** Slack shows its own users as mentions, anyone else by name; instants in the company's zone. */
export const slackShown = (locale: Locale, timeZone: string): Shown => ({
  user: (user: ChatUser) =>
    user.platform === 'slack' ? mention(user.id) : ((user as { name?: string }).name ?? '—'),
  instant: (at: Date) => formatInstant(at, locale, timeZone),
});
