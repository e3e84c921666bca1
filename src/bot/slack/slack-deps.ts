import type { WebClient } from '@slack/web-api';
import type { CareServices } from '../../domain/care/care.ports.js';
import type { DigestServices } from '../../domain/kpi/digest.js';
import type { ComplaintServices } from '../../domain/complaint/complaint.ports.js';
import type { D2Services } from '../../domain/d2/d2.ports.js';
import type { ChatUser } from '../../domain/shared/chat-user.js';
import type {
  Announcements,
  ClientQueries,
  ComplaintQueries,
  D2Queries,
  RoleAdministration,
} from '../../domain/shared/queries.ports.js';
import type { Refusal } from '../../domain/shared/result.js';
import type { RoleDirectory } from '../../domain/shared/shared.ports.js';
import type { FieldProblem } from '../../domain/shared/input.js';
import {
  isMessageKey,
  pickLocale,
  translator,
  type Locale,
  type Translate,
} from '../../i18n/translate.js';

export interface SlackLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

/** Everything the Slack listeners use, passed in by main.ts. */
export interface SlackDeps {
  services: ComplaintServices & D2Services;
  complaints: ComplaintQueries;
  clients: ClientQueries;
  d2Requests: D2Queries;
  roles: RoleAdministration & RoleDirectory;
  announcements: Announcements;
  care: CareServices;
  digest: DigestServices;
  defaultLocale: Locale;
  timeZone: string;
  log: SlackLog;
}

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

/** A refusal from a use case, in the reader's language. */
export function refusalText(refusal: Refusal, t: Translate): string {
  const key = `error.${refusal.error.code}`;
  if (!isMessageKey(key)) return t('error.unknown');
  const details = refusal.error.details ?? {};
  const problems = (details.problems as FieldProblem[] | undefined) ?? [];
  return t(key, {
    missing: ((details.missing as string[] | undefined) ?? []).join(', '),
    fields: problems.map((p) => p.field).join(', '),
  });
}
