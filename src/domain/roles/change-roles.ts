import { z } from 'zod';
import type { ChatUser } from '../shared/chat-user.js';
import { ok, refuse, type Result } from '../shared/result.js';
import type { CaseEventLog, Clock, Notifier } from '../shared/shared.ports.js';
import { may } from './permissions.js';
import { RoleSchema, type Role } from './role.js';

/** Where role assignments live; `claimSetup` says who first ran setup (once, ever). */
export interface RoleStore {
  rolesOf(user: Pick<ChatUser, 'platform' | 'id'>): Promise<Role[]>;
  holdersOf(role: Role): Promise<ChatUser[]>;
  assign(user: ChatUser, roles: Role[], assignedBy?: ChatUser): Promise<void>;
  anyoneHoldsAny(): Promise<boolean>;
  claimSetup(by: ChatUser, at: Date): Promise<ChatUser>;
}

export interface RoleDeps {
  roles: RoleStore;
  events: CaseEventLog;
  notifier: Notifier;
  clock: Clock;
}

/** `+SCOM -operator` or `SCOM,operator` (a bare role is added): what to add and remove. */
export const RoleChangeSchema = z
  .array(z.string().max(40))
  .max(20)
  .transform((tokens) => tokens.flatMap((t) => t.split(',')).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[+-]?[A-Za-z]+$/)).min(1))
  .transform((tokens) => ({
    add: tokens.filter((t) => !t.startsWith('-')).map((t) => t.replace(/^\+/, '')),
    remove: tokens.filter((t) => t.startsWith('-')).map((t) => t.slice(1)),
  }))
  .pipe(z.object({ add: z.array(RoleSchema), remove: z.array(RoleSchema) }));
export type RoleChange = z.output<typeof RoleChangeSchema>;

export type RolesChanged = { added: Role[]; removed: Role[]; roles: Role[] };
/** Roles that must always have a holder: nobody could give them back. */
const KEEP_ONE = [
  ['DCOM', 'ROLES.LAST_DCOM'],
  ['admin', 'ROLES.LAST_ADMIN'],
] as const;

/**
 * Adds and removes roles of one person. DCOM and admin may change roles; only a DCOM grants or
 * removes DCOM; the last DCOM and the last admin keep their role. Audited; the person is told.
 */
export async function changeRoles(
  deps: RoleDeps,
  by: ChatUser,
  target: ChatUser,
  change: RoleChange,
): Promise<Result<RolesChanged>> {
  const mine = await deps.roles.rolesOf(by);
  const touchesDcom = change.add.includes('DCOM') || change.remove.includes('DCOM');
  const refusal = !may(mine, 'roles.assign')
    ? 'ROLES.FORBIDDEN'
    : touchesDcom && !mine.includes('DCOM')
      ? 'ROLES.DCOM_ONLY'
      : undefined;
  if (refusal) return refused(deps, by, target, change, refusal);
  const before = await deps.roles.rolesOf(target);
  const removed = before.filter((r) => change.remove.includes(r));
  const added = change.add.filter((r) => !before.includes(r) && !change.remove.includes(r));
  const roles = [...before.filter((r) => !removed.includes(r)), ...new Set(added)];
  if (!added.length && !removed.length) return ok({ added, removed, roles });
  for (const [role, code] of KEEP_ONE)
    if (removed.includes(role) && (await deps.roles.holdersOf(role)).length <= 1)
      return refused(deps, by, target, change, code);
  await deps.roles.assign(target, roles, by);
  // Two people removing each other's last role at once both pass the check above: undo ours.
  for (const [role, code] of KEEP_ONE)
    if (removed.includes(role) && !(await deps.roles.holdersOf(role)).length) {
      await deps.roles.assign(target, before, by);
      return refused(deps, by, target, change, code);
    }
  await audit(deps, by, target, 'roles.changed', { added, removed, roles });
  await deps.notifier.queue({
    type: 'direct.message',
    to: target,
    text: list(roles),
    say: {
      key: 'roles.told',
      params: { added: list(added), removed: list(removed), roles: list(roles) },
    },
  });
  return ok({ added: [...new Set(added)], removed, roles });
}

export const list = (roles: readonly string[]) => (roles.length ? roles.join(', ') : '—');

async function refused(
  deps: RoleDeps,
  by: ChatUser,
  target: ChatUser,
  change: RoleChange,
  code: string,
): Promise<Result<RolesChanged>> {
  await audit(deps, by, target, 'roles.change_refused', { ...change, code });
  return refuse(code);
}

export const audit = (
  deps: Pick<RoleDeps, 'events' | 'clock'>,
  by: ChatUser,
  target: ChatUser,
  type: string,
  data: Record<string, unknown>,
) =>
  deps.events.append({
    caseKind: 'roles',
    caseId: `${target.platform}:${target.id}`,
    type,
    actor: by,
    at: deps.clock.now(),
    data,
  });
