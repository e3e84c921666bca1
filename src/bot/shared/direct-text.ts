import type { Notification } from '../../domain/shared/notification.js';
import type { Translate } from '../../i18n/translate.js';
import type { EventLineStyle } from './event-line.js';
import { sayText } from './say-text.js';

/** A direct message's text: its catalogue message when it has one, else its own text; escaped. */
export function directText(
  n: Extract<Notification, { type: 'direct.message' }>,
  t: Translate,
  escape: (text: string) => string,
  actor: EventLineStyle['actor'],
): string {
  // Params may hold what people typed (a decision's note): escaped like any text of theirs.
  const said = n.say && sayText(n.say, t, escape, actor);
  return said ?? escape(n.text);
}
