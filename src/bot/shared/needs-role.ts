import { may, rolesFor, type Action } from '../../domain/roles/permissions.js';
import type { ChatUser } from '../../domain/shared/chat-user.js';
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
