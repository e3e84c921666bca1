import type { ChatUser } from '../shared/chat-user.js';
import { ok, refuse, type Result } from '../shared/result.js';
import { audit, type RoleDeps } from './change-roles.js';

/**
 * The first role assignment of an installation: whoever runs setup while nobody holds any role
 * becomes director and admin. A unique claim makes it happen once, whoever else runs it at the
 * same moment; afterwards the answer names the directors.
 */
export async function setUpRoles(
  deps: RoleDeps,
  by: ChatUser,
): Promise<Result<{ roles: ['DCOM', 'admin'] }, 'ROLES.ALREADY_SET_UP'>> {
  const already = () =>
    deps.roles
      .holdersOf('DCOM')
      .then((directors) => refuse('ROLES.ALREADY_SET_UP' as const, { directors }));
  if (await deps.roles.anyoneHoldsAny()) return already();
  if (!(await deps.roles.claimOnce('setup', deps.clock.now()))) return already();
  await deps.roles.assign(by, ['DCOM', 'admin'], by);
  await audit(deps, by, by, 'roles.set_up', { roles: ['DCOM', 'admin'] });
  return ok({ roles: ['DCOM', 'admin'] });
}
