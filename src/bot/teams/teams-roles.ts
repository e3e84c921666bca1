import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { may } from '../../domain/roles/permissions.js';
import { ROLES, RoleSchema } from '../../domain/roles/role.js';
import { teamsTranslator, teamsUser } from './teams-app.js';
import type { TeamsDeps } from './teams-deps.js';

const AssignSchema = z.object({
  aadObjectId: z.string().regex(/^[0-9a-f-]{8,64}$/i),
  roles: z.array(RoleSchema).max(ROLES.length),
});

/**
 * `setup` makes the first user director and admin while nobody is; `roles` lists roles;
 * `roles <AAD object id> DCOM,SCOM` assigns them (director or admin only).
 */
export function registerTeamsRoles(app: Application<TurnState>, deps: TeamsDeps) {
  app.message(/^\s*setup\s*$/i, async (context) => {
    const t = teamsTranslator(context, deps);
    if (await deps.roles.anyoneHolds('DCOM'))
      return void (await context.sendActivity(t('error.ROLES.FORBIDDEN')));
    const me = teamsUser(context);
    await deps.roles.assign(me, ['DCOM', 'admin'], me);
    await context.sendActivity(t('roles.seeded'));
  });
  app.message(/^\s*roles(\s|$)/i, async (context) => {
    const t = teamsTranslator(context, deps);
    const [, target = '', list = ''] = (context.activity.text ?? '').trim().split(/\s+/);
    if (!target) {
      const lines = (await deps.roles.list()).map(
        (r) => `- ${r.user.name ?? r.user.id} (${r.user.platform}): ${r.roles.join(', ') || '—'}`,
      );
      return void (await context.sendActivity(t('roles.list', { lines: lines.join('\n') || '—' })));
    }
    const me = teamsUser(context);
    if (!may(await deps.roles.rolesOf(me), 'roles.assign'))
      return void (await context.sendActivity(t('error.ROLES.FORBIDDEN')));
    const parsed = AssignSchema.safeParse({
      aadObjectId: target,
      roles: list ? list.split(',').map((r) => r.trim()) : [],
    });
    if (!parsed.success)
      return void (await context.sendActivity(t('roles.usage', { roles: ROLES.join(', ') })));
    await deps.roles.assign(
      { platform: 'teams', id: parsed.data.aadObjectId },
      parsed.data.roles,
      me,
    );
    await context.sendActivity(
      t('roles.assigned', {
        user: parsed.data.aadObjectId,
        roles: parsed.data.roles.join(', ') || '—',
      }).replace(/<@([^>]+)>/, '$1'),
    );
  });
}
