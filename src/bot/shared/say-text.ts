import type { CatalogueText } from '../../domain/shared/notification.js';
import { isMessageKey, type Translate } from '../../i18n/translate.js';
import type { EventLineStyle } from './event-line.js';

/**
 * A catalogue message in one reader's words: what people typed is escaped, the people it names
 * shown as the chat shows them (`actor`). Undefined when its key is not in the catalogue.
 */
export function sayText(
  say: CatalogueText,
  t: Translate,
  escape: (text: string) => string,
  actor: EventLineStyle['actor'],
): string | undefined {
  if (!isMessageKey(say.key)) return undefined;
  const params: Record<string, string | number> = Object.fromEntries(
    Object.entries(say.params).map(([k, v]) => [k, typeof v === 'string' ? escape(v) : v]),
  );
  for (const [k, who] of Object.entries(say.people ?? {})) params[k] = actor(who);
  return t(say.key, params);
}
