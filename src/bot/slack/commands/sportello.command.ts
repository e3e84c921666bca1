import type { App } from '@slack/bolt';
import { z } from 'zod';
import { may } from '../../../domain/roles/permissions.js';
import { ROLES, RoleSchema } from '../../../domain/roles/role.js';
import { COMMANDS } from '../../ids.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';

const AssignSchema = z.object({
  userId: z.string().regex(/^[UW][A-Z0-9]{2,20}$/),
  roles: z.array(RoleSchema).max(ROLES.length),
});

/**
 * `/sportello roles` lists roles; `/sportello roles @user DCOM,SCOM` assigns them (director or
 * admin only); `/sportello setup` makes the first user director and admin while nobody is.
 */
export function registerSportelloCommand(app: App, deps: SlackDeps, localeOf: LocaleOf) {
  app.command(COMMANDS.sportello, async ({ command, ack }) => {
    const { t } = await localeOf(command.user_id);
    const me = slackUser({ id: command.user_id, name: command.user_name });
    const [verb = '', target = '', list = ''] = command.text.trim().split(/\s+/);
    const reply = (text: string) => ack({ response_type: 'ephemeral', text });

    if (verb === 'setup') {
      if (await deps.roles.anyoneHolds('DCOM')) return reply(t('error.ROLES.FORBIDDEN'));
      await deps.roles.assign(me, ['DCOM', 'admin'], me);
      return reply(t('roles.seeded'));
    }
    if (verb !== 'roles') return reply(t('roles.usage', { roles: ROLES.join(', ') }));
    if (!target) {
      const lines = (await deps.roles.list()).map(
        (r) => `• <@${r.user.id}>: ${r.roles.join(', ') || '—'}`,
      );
      return reply(t('roles.list', { lines: lines.join('\n') || '—' }));
    }
    if (!may(await deps.roles.rolesOf(me), 'roles.assign'))
      return reply(t('error.ROLES.FORBIDDEN'));
    const parsed = AssignSchema.safeParse({
      userId: /^<@([A-Z0-9]+)(\|[^>]*)?>$/.exec(target)?.[1] ?? '',
      roles: list ? list.split(',').map((r) => r.trim()) : [],
    });
    if (!parsed.success) return reply(t('roles.usage', { roles: ROLES.join(', ') }));
    await deps.roles.assign(slackUser({ id: parsed.data.userId }), parsed.data.roles, me);
    return reply(
      t('roles.assigned', { user: parsed.data.userId, roles: parsed.data.roles.join(', ') || '—' }),
    );
  });
}
