import type { ChatUser } from '../../../domain/shared/chat-user.js';
import type { Translate } from '../../../i18n/translate.js';
import { commandWords, taxonomyAnswer } from '../../shared/taxonomy-command.js';
import { escapeText } from '../blocks/block-kit.js';
import { slackNeedsRole } from '../refuse-early.js';
import type { SlackDeps } from '../slack-deps.js';

/**
 * `/sportello taxonomy …`: departments, categories and problem codes, listed and edited by
 * DCOM, managers and admins (others are told whom to ask). `text` is the command's whole text.
 */
export async function taxonomyCommand(
  deps: SlackDeps,
  me: ChatUser,
  text: string,
  t: Translate,
): Promise<string> {
  const refusal = await slackNeedsRole(deps, me.id, 'taxonomy.manage', t);
  if (refusal) return refusal;
  return taxonomyAnswer(deps.taxonomy, me, commandWords(text).slice(1), t, {
    typed: escapeText,
    usage: 'taxonomy.usage',
  });
}
