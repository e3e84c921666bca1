import { list, type RolesChanged } from '../../domain/roles/change-roles.js';
import { rolesFor } from '../../domain/roles/permissions.js';
import type { RoleDirectory } from '../../domain/shared/shared.ports.js';
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

/**
 * The answer to a role change, where a refusal for want of a role (none to change roles, not DCOM
 * to touch DCOM) also says whom to ask: the directors, as `who` shows them.
 */
export async function rolesAnswer(
  result: Result<RolesChanged>,
  target: string,
  t: Translate,
  roles: Pick<RoleDirectory, 'holdersOf'>,
  who: (user: ChatUser) => string,
): Promise<string> {
  const code = result.ok ? undefined : result.error.code;
  if (code !== 'ROLES.FORBIDDEN' && code !== 'ROLES.DCOM_ONLY')
    return rolesChangedText(result, target, t);
  const directors =
    (await roles.holdersOf('DCOM')).map(who).join(', ') || t('error.NEEDS_ROLE.nobody');
  if (code === 'ROLES.DCOM_ONLY') return t('error.ROLES.DCOM_ONLY', { directors });
  return t('error.NEEDS_ROLE', {
    action: t('permission.roles.assign'),
    roles: rolesFor('roles.assign').join(', '),
    directors,
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
