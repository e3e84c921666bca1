import { changeRoles, RoleChangeSchema } from '../../../domain/roles/change-roles.js';
import { ROLES } from '../../../domain/roles/role.js';
import { setUpRoles } from '../../../domain/roles/set-up-roles.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import type { Translate } from '../../../i18n/translate.js';
import { rolesAnswer, setUpText } from '../../shared/roles-text.js';
import { mention } from '../../shared/format.js';
import { slackUser, type SlackDeps } from '../slack-deps.js';
import { slackNeedsRole } from '../refuse-early.js';

/** What the role use cases need, from the Slack app's dependencies. */
export const roleDeps = (deps: SlackDeps) => ({
  roles: deps.roles,
  events: deps.services.events,
  notifier: deps.services.notifier,
  clock: deps.services.clock,
});

/** `/sportello setup`: the first person becomes director and admin, once per installation. */
export async function setUpCommand(deps: SlackDeps, me: ChatUser, t: Translate) {
  return setUpText(await setUpRoles(roleDeps(deps), me), t, (u) => mention(u.id), me);
}

/** `/sportello roles`: the list; `/sportello roles @user +SCOM -operator`: one change. */
export async function rolesCommand(deps: SlackDeps, me: ChatUser, words: string[], t: Translate) {
  const [target = '', ...changes] = words;
  if (!target) {
    const refusal = await slackNeedsRole(deps, me.id, 'roles.read', t);
    if (refusal) return refusal;
    const lines = (await deps.roles.list()).map(
      (r) => `• ${mention(r.user.id)}: ${r.roles.join(', ') || '—'}`,
    );
    return t('roles.list', { lines: lines.join('\n') || '—' });
  }
  const userId = /^<@([UW][A-Z0-9]{2,20})(\|[^>]*)?>$/.exec(target)?.[1];
  const change = RoleChangeSchema.safeParse(changes);
  if (!userId || !change.success) return t('roles.usage', { roles: ROLES.join(', ') });
  const result = await changeRoles(roleDeps(deps), me, slackUser({ id: userId }), change.data);
  return rolesAnswer(result, mention(userId), t, deps.roles, (u) => mention(u.id));
}
