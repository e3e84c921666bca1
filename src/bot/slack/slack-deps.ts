import type { WebClient } from '@slack/web-api';
import type { ChatDeps } from '../shared/chat-deps.js';
import type { ChatUser } from '../../domain/shared/chat-user.js';
import { pickLocale, translator, type Locale, type Translate } from '../../i18n/translate.js';

/** Everything the Slack listeners use, passed in by main.ts. */
export type SlackDeps = ChatDeps;

export const slackUser = (user: { id: string; name?: string; username?: string }): ChatUser => ({
  platform: 'slack',
  id: user.id,
  ...((user.name ?? user.username) ? { name: (user.name ?? user.username)!.slice(0, 200) } : {}),
});

const LOCALE_TTL_MS = 60 * 60_000;
const LOCALE_WAIT_MS = 700;

/** The user's Slack language (cached; the workspace default when Slack is slow or silent). */
export function localeResolver(client: WebClient, fallback: Locale) {
  const cache = new Map<string, { locale: Locale; until: number }>();
  return async (userId: string): Promise<{ locale: Locale; t: Translate }> => {
    const cached = cache.get(userId);
    let locale = cached && cached.until > performance.now() ? cached.locale : undefined;
    if (!locale) {
      const asked = client.users
        .info({ user: userId, include_locale: true })
        .then((r) => pickLocale(r.user?.locale, fallback))
        .catch(() => fallback);
      const timeout = new Promise<Locale>((resolve) =>
        setTimeout(() => resolve(fallback), LOCALE_WAIT_MS).unref(),
      );
      locale = await Promise.race([asked, timeout]);
      cache.set(userId, { locale, until: performance.now() + LOCALE_TTL_MS });
    }
    return { locale, t: translator(locale) };
  };
}
export type LocaleOf = ReturnType<typeof localeResolver>;
