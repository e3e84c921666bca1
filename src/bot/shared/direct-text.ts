import type { Notification } from '../../domain/shared/notification.js';
import { isMessageKey, type Translate } from '../../i18n/translate.js';

/** A direct message's text: its catalogue message when it has one, else its own text; escaped. */
export function directText(
  n: Extract<Notification, { type: 'direct.message' }>,
  t: Translate,
  escape: (text: string) => string,
): string {
  if (n.say && isMessageKey(n.say.key)) {
    // Params may hold what people typed (a decision's note): escaped like any text of theirs.
    const params = Object.fromEntries(
      Object.entries(n.say.params).map(([k, v]) => [k, typeof v === 'string' ? escape(v) : v]),
    );
    return t(n.say.key, params);
  }
  return escape(n.text);
}
