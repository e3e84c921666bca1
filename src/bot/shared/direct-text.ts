import type { Notification } from '../../domain/shared/notification.js';
import { isMessageKey, type Translate } from '../../i18n/translate.js';

/** A direct message's text: its catalogue message when it has one, else its own text, escaped. */
export function directText(
  n: Extract<Notification, { type: 'direct.message' }>,
  t: Translate,
  escape: (text: string) => string,
): string {
  if (n.say && isMessageKey(n.say.key)) return t(n.say.key, n.say.params);
  return escape(n.text);
}
