import { list, type RolesChanged } from '../../domain/roles/change-roles.js';
import type { Refusal, Result } from '../../domain/shared/result.js';
import type { ChatUser } from '../../domain/shared/chat-user.js';
import type { Translate } from '../../i18n/translate.js';
import { refusalText } from './refusal-text.js';

/** What a role change did, or why not, for the person who asked; `who` names a user. */
export function rolesChangedText(
  result: Result<RolesChanged>,
  target: string,
  t: Translate,
): string {
  if (!result.ok) return refusalText(result, t);
  const { added, removed, roles } = result.value;
  if (!added.length && !removed.length)
    return t('roles.unchanged', { user: target, roles: list(roles) });
  return t('roles.changed', {
    user: target,
    added: list(added),
    removed: list(removed),
    roles: list(roles),
  });
}

/** Setup's answer: done, or already done and by whom. */
export function setUpText(
  result: Result<unknown> | Refusal,
  t: Translate,
  who: (user: ChatUser) => string,
  me: Pick<ChatUser, 'platform' | 'id'>,
): string {
  if (result.ok) return t('roles.seeded');
  const directors = (result.error.details?.directors as ChatUser[] | undefined) ?? [];
  if (directors.some((d) => d.platform === me.platform && d.id === me.id))
    return t('roles.already_director');
  return t('roles.already_set_up', { directors: directors.map(who).join(', ') || '—' });
}
