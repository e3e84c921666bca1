import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackRoutes } from '../slack-routes.js';
import type { WebClient } from '@slack/web-api';
import { listRoutingRules } from '../../../domain/routing/manage-routing.js';
import { may } from '../../../domain/roles/permissions.js';
import type { Role } from '../../../domain/roles/role.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import type { Translate } from '../../../i18n/translate.js';
import { ACTIONS } from '../../ids.js';
import { ruleLine } from '../../shared/routing-text.js';
import { md, plainText, type Block } from '../blocks/block-kit.js';
import { refusedBeforeForm } from '../refuse-early.js';
import type { LocaleOf, SlackDeps } from '../slack-deps.js';
import { routingModal, slackNaming } from '../views/routing-form.js';
import { registerRolesForm } from '../views/roles-form.js';
import { registerHomeTaxonomy, taxonomyBlocks } from './home-taxonomy.js';
import { openModal } from '../slack-views.js';

const button = (actionId: string, label: string, value = 'open') => ({
  type: 'button' as const,
  action_id: actionId,
  text: plainText(label),
  value,
});

/**
 * App Home's settings for whoever may change them: roles (DCOM, admin) with their form, the
 * taxonomy (imported codes to review), and the routing rules (DCOM, manager, admin) with Edit / Delete and a button for a new one, within
 * `room` blocks (App Home holds 100: docs.slack.dev/surfaces/app-home).
 */
export async function settingsBlocks(
  deps: SlackDeps,
  me: ChatUser,
  roles: Role[],
  t: Translate,
  room: number,
): Promise<Block[]> {
  const blocks: Block[] = [];
  if (may(roles, 'roles.assign'))
    blocks.push({
      type: 'section',
      text: md(t(roles.includes('DCOM') ? 'home.settings.dcom' : 'home.settings.admin')),
      accessory: button(ACTIONS.homeRoles, t('home.settings.roles_button')),
    });
  if (may(roles, 'taxonomy.manage')) blocks.push(...(await taxonomyBlocks(deps, me, t)));
  if (may(roles, 'routing.manage'))
    blocks.push(...(await routingBlocks(deps, me, t, room - 2 - blocks.length)));
  if (!blocks.length) return [];
  const heading: Block[] = [
    { type: 'divider' },
    { type: 'section', text: md(`*${t('home.settings')}*`) },
  ];
  return [...heading, ...blocks].slice(0, room);
}

async function routingBlocks(deps: SlackDeps, me: ChatUser, t: Translate, room: number) {
  const listed = await listRoutingRules(deps.routing, me);
  const rules = listed.ok ? listed.value : [];
  const triage = slackNaming.channel(deps.services.rules.triage);
  const blocks: Block[] = [
    {
      type: 'section',
      text: md(t('routing.list.header', { triage })),
      accessory: button(ACTIONS.homeRoutingAdd, t('home.settings.routing_add')),
    },
  ];
  const shown = Math.max(0, Math.min(rules.length, Math.floor((room - 2) / 2)));
  rules.slice(0, shown).forEach((rule, i) => {
    blocks.push({ type: 'section', text: md(ruleLine(rule, t, slackNaming, i + 1)) });
    blocks.push({
      type: 'actions',
      block_id: `home_routing_rule_${i + 1}`,
      elements: [
        button(ACTIONS.routingEdit, t('action.edit'), rule.id),
        { ...button(ACTIONS.routingDelete, t('action.delete'), rule.id), style: 'danger' },
      ],
    });
  });
  const more = rules.length - shown;
  blocks.push({
    type: 'context',
    elements: [
      md(
        rules.length === 0
          ? t('routing.list.empty')
          : more > 0
            ? t('home.settings.routing_more', { count: more })
            : t('routing.usage'),
      ),
    ],
  });
  return blocks;
}

/** The settings' buttons: the roles form, and the routing form for a new rule. */
export function registerHomeSettings(
  app: SlackRoutes,
  deps: SlackDeps,
  localeOf: LocaleOf,
  republish: (userId: string, client: WebClient) => Promise<void>,
) {
  registerRolesForm(app, deps, localeOf);
  registerHomeTaxonomy(app, deps, localeOf, republish);
  app.action<BlockAction<ButtonAction>>(ACTIONS.homeRoutingAdd, async ({ ack, body, client }) => {
    await ack();
    const { t } = await localeOf(body.user.id);
    const at = { userId: body.user.id, channel: body.channel?.id };
    if (await refusedBeforeForm(deps, client, at, 'routing.manage', t)) return;
    await openModal(client, body.trigger_id, routingModal(t, {}));
  });
}
