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
  const winner = await deps.roles.claimSetup(by, deps.clock.now());
  // Lost to a setup run at the same moment: its winner is the director (maybe not saved yet).
  if (winner.platform !== by.platform || winner.id !== by.id)
    return refuse('ROLES.ALREADY_SET_UP' as const, { directors: [winner] });
  await deps.roles.assign(by, ['DCOM', 'admin'], by);
  await audit(deps, by, by, 'roles.set_up', { roles: ['DCOM', 'admin'] });
  return ok({ roles: ['DCOM', 'admin'] });
}
