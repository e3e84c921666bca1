import type { Application, TurnState } from '@microsoft/teams-ai';
import { changeRoles, RoleChangeSchema } from '../../domain/roles/change-roles.js';
import { ROLES } from '../../domain/roles/role.js';
import { setUpRoles } from '../../domain/roles/set-up-roles.js';
import { rolesAnswer, setUpText } from '../shared/roles-text.js';
import { teamsTranslator, teamsUser } from './teams-app.js';
import type { TeamsDeps } from './teams-deps.js';

const AAD_OBJECT_ID = /^[0-9a-f-]{8,64}$/i;

/**
 * `setup` makes the first user director and admin, once per installation; `roles` lists roles;
 * `roles <AAD object id> +SCOM -operator` changes them — the same use cases as Slack's.
 */
export function registerTeamsRoles(app: Application<TurnState>, deps: TeamsDeps) {
  const roleDeps = {
    roles: deps.roles,
    events: deps.services.events,
    notifier: deps.services.notifier,
    clock: deps.services.clock,
  };
  app.message(/^\s*setup\s*$/i, async (context) => {
    const t = teamsTranslator(context, deps);
    const me = teamsUser(context);
    const result = await setUpRoles(roleDeps, me);
    await context.sendActivity(setUpText(result, t, (u) => u.name ?? u.id, me));
  });
  app.message(/^\s*roles(\s|$)/i, async (context) => {
    const t = teamsTranslator(context, deps);
    const [, target = '', ...changes] = (context.activity.text ?? '').trim().split(/\s+/);
    if (!target) {
      const lines = (await deps.roles.list()).map(
        (r) => `- ${r.user.name ?? r.user.id} (${r.user.platform}): ${r.roles.join(', ') || '—'}`,
      );
      return void (await context.sendActivity(t('roles.list', { lines: lines.join('\n') || '—' })));
    }
    const change = RoleChangeSchema.safeParse(changes);
    if (!AAD_OBJECT_ID.test(target) || !change.success)
      return void (await context.sendActivity(t('roles.usage', { roles: ROLES.join(', ') })));
    const user = { platform: 'teams' as const, id: target };
    const result = await changeRoles(roleDeps, teamsUser(context), user, change.data);
    const who = (u: { id: string; name?: string | undefined }) => u.name ?? u.id;
    await context.sendActivity(await rolesAnswer(result, target, t, deps.roles, who));
  });
}
