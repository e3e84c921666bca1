import {
  ACTIONS_NEEDING_ROLES,
  may,
  rolesFor,
  type Action,
} from '../../domain/roles/permissions.js';
import type { ChatUser } from '../../domain/shared/chat-user.js';
import type { Refusal } from '../../domain/shared/result.js';
import type { RoleDirectory } from '../../domain/shared/shared.ports.js';
import type { MessageKey, Translate } from '../../i18n/translate.js';

/**
 * Undefined when `me` may do `action`; otherwise the refusal to show before any form opens:
 * what they tried, which roles may, and whom to ask (the directors).
 */
export async function needsRole(
  roles: RoleDirectory,
  me: Pick<ChatUser, 'platform' | 'id'>,
  action: Action,
  t: Translate,
  name: (user: ChatUser) => string,
): Promise<string | undefined> {
  if (may(await roles.rolesOf(me), action)) return undefined;
  const directors = (await roles.holdersOf('DCOM')).map(name).join(', ');
  return t('error.NEEDS_ROLE', {
    action: t(`permission.${action}` as MessageKey),
    roles: rolesFor(action).join(', '),
    directors: directors || t('error.NEEDS_ROLE.nobody'),
  });
}

/**
 * A use case's refusal for want of a role (its details name the action) said as the early
 * refusal says it: which roles may, and whom to ask. Undefined for any other refusal.
 */
export async function roleRefusal(
  roles: RoleDirectory,
  me: Pick<ChatUser, 'platform' | 'id'>,
  refusal: Refusal,
  t: Translate,
  name: (user: ChatUser) => string,
): Promise<string | undefined> {
  const action = refusal.error.details?.action as Action | undefined;
  if (!action || !ACTIONS_NEEDING_ROLES.includes(action)) return undefined;
  return needsRole(roles, me, action, t, name);
}
