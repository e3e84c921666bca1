import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackRoutes } from '../slack-routes.js';
import { changeRoles, RoleChangeSchema } from '../../../domain/roles/change-roles.js';
import { ROLES } from '../../../domain/roles/role.js';
import type { Translate } from '../../../i18n/translate.js';
import { mention } from '../../shared/format.js';
import { rolesAnswer } from '../../shared/roles-text.js';
import { ACTIONS, VIEWS } from '../../ids.js';
import { md, plainText, type Modal } from '../blocks/block-kit.js';
import { roleDeps } from '../commands/roles.js';
import { refusedBeforeForm } from '../refuse-early.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { tellUser } from './view-reply.js';
import { chosen, readViewState, text } from './view-state.js';
import { openModal } from '../slack-views.js';

const roleChoices = (blockId: 'add' | 'remove', label: string) => ({
  type: 'input' as const,
  block_id: blockId,
  optional: true,
  label: plainText(label),
  element: {
    type: 'checkboxes' as const,
    action_id: 'value',
    options: ROLES.map((role) => ({ text: plainText(role), value: role })),
  },
});

/** The roles form App Home opens for admins: one person, roles to add, roles to remove. */
export function rolesModal(t: Translate): Modal {
  return {
    type: 'modal',
    callback_id: VIEWS.roles,
    title: plainText(t('roles.form.title'), 24),
    submit: plainText(t('roles.form.submit')),
    close: plainText(t('modal.cancel')),
    blocks: [
      { type: 'section', text: md(t('roles.form.intro')) },
      {
        type: 'input',
        block_id: 'user',
        label: plainText(t('roles.form.user')),
        element: { type: 'users_select', action_id: 'value' },
      },
      roleChoices('add', t('roles.form.add')),
      roleChoices('remove', t('roles.form.remove')),
    ],
  };
}

/**
 * App Home's "Roles" button and its form. The form closes at once (a slow answer would make
 * Slack send it again and the second change would read as "nothing changed"); what changed, or
 * why not, reaches the admin in a DM, and the person affected is told by changeRoles.
 */
export function registerRolesForm(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.action<BlockAction<ButtonAction>>(ACTIONS.homeRoles, async ({ ack, body, client }) => {
    await ack();
    const { t } = await localeOf(body.user.id);
    const at = { userId: body.user.id, channel: body.channel?.id };
    if (await refusedBeforeForm(deps, client, at, 'roles.assign', t)) return;
    await openModal(client, body.trigger_id, rolesModal(t));
  });
  app.view(VIEWS.roles, async ({ ack, body, view, client }) => {
    const { t } = await localeOf(body.user.id);
    const values = readViewState(view.state);
    const target = text(values, 'user');
    const words = [
      ...chosen(values, 'add').map((r) => `+${r}`),
      ...chosen(values, 'remove').map((r) => `-${r}`),
    ];
    const change = RoleChangeSchema.safeParse(words);
    if (!target || !change.success)
      return void (await ack({
        response_action: 'errors',
        errors: target ? { add: t('roles.form.nothing') } : { user: t('field.required') },
      }));
    await ack();
    const result = await changeRoles(
      roleDeps(deps),
      slackUser(body.user),
      slackUser({ id: target }),
      change.data,
    );
    const said = await rolesAnswer(result, mention(target), t, deps.roles, (u) => mention(u.id));
    await tellUser(client, body.user.id, undefined, said);
  });
}
