import type { AckFn, BlockAction, ButtonAction, RespondArguments } from '@slack/bolt';
import type { SlackRoutes } from '../slack-routes.js';
import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { deleteRoutingRule, listRoutingRules } from '../../../domain/routing/manage-routing.js';
import type { RoutingRule } from '../../../domain/routing/routing-rule.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import type { Locale, Translate } from '../../../i18n/translate.js';
import { ACTIONS } from '../../ids.js';
import { routingRefusalText, ruleLine } from '../../shared/routing-text.js';
import { md, plainText, type Block } from '../blocks/block-kit.js';
import { formChoices } from '../options/taxonomy-options.js';
import { refusedBeforeForm, slackNeedsRole } from '../refuse-early.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { routingModal, slackNaming } from '../views/routing-form.js';
import { registerRoutingSubmit } from '../views/routing-submit.js';
import { openModal } from '../slack-views.js';

/** Rules shown with Edit / Delete buttons (two blocks each, within a message's 50 blocks). */
const WITH_BUTTONS = 20;

interface CommandRequest {
  command: SlashCommand;
  ack: AckFn<string | RespondArguments>;
  client: WebClient;
}

/**
 * `/sportello routing`: the rules, numbered, with Edit / Delete; `add` and `edit <n>` open the
 * form; `delete <n>` deletes rule n. DCOM, manager and admin only, refused before any form.
 */
export async function routingCommand(
  deps: SlackDeps,
  { command, ack, client }: CommandRequest,
  me: ChatUser,
  [verb = '', n = '']: string[],
  t: Translate,
  locale: Locale = 'it',
) {
  const at = { userId: me.id, channel: command.channel_id };
  // `edit` and `delete` name a rule by its number in the list; anything else is a wrong command.
  if ((verb === 'edit' || verb === 'delete') && !/^[1-9]\d{0,3}$/.test(n))
    return void (await ack({ response_type: 'ephemeral', text: t('routing.usage') }));
  if (verb === 'add' || verb === 'edit') {
    await ack();
    if (await refusedBeforeForm(deps, client, at, 'routing.manage', t)) return;
    const rule = verb === 'edit' ? await nth(deps, me, n) : undefined;
    if (verb === 'edit' && !rule)
      return void (await client.chat.postEphemeral({
        channel: command.channel_id,
        user: me.id,
        text: t('error.ROUTING.NOT_FOUND'),
      }));
    const metadata = { channel: command.channel_id, ...(rule ? { ruleId: rule.id } : {}) };
    await openModal(
      client,
      command.trigger_id,
      routingModal(t, metadata, rule, await formChoices(deps, locale)),
    );
    return;
  }
  const refusal = await slackNeedsRole(deps, me.id, 'routing.manage', t);
  if (refusal) return void (await ack({ response_type: 'ephemeral', text: refusal }));
  if (verb === 'delete') {
    const rule = await nth(deps, me, n);
    const text = rule ? await deleted(deps, me, rule.id, t) : t('error.ROUTING.NOT_FOUND');
    return void (await ack({ response_type: 'ephemeral', text }));
  }
  if (verb) return void (await ack({ response_type: 'ephemeral', text: t('routing.usage') }));
  await ack({ response_type: 'ephemeral', ...(await listMessage(deps, me, t)) });
}

/** Rule n (1-based) of the list as it reads now. */
async function nth(deps: SlackDeps, me: ChatUser, n: string): Promise<RoutingRule | undefined> {
  const rules = await listRoutingRules(deps.routing, me);
  return rules.ok && /^\d{1,3}$/.test(n) ? rules.value[Number(n) - 1] : undefined;
}

async function deleted(deps: SlackDeps, me: ChatUser, ruleId: string, t: Translate) {
  const result = await deleteRoutingRule(deps.routing, me, { ruleId });
  if (result.ok) return t('routing.deleted', { rule: ruleLine(result.value, t, slackNaming) });
  // Refused for want of the role (and audited): which roles may, and whom to ask.
  const needs =
    result.error.code === 'ROUTING.FORBIDDEN'
      ? await slackNeedsRole(deps, me.id, 'routing.manage', t)
      : undefined;
  return needs ?? routingRefusalText(result, t, slackNaming);
}

async function listMessage(deps: SlackDeps, me: ChatUser, t: Translate) {
  const result = await listRoutingRules(deps.routing, me);
  const rules = result.ok ? result.value : [];
  const triage = slackNaming.channel(deps.services.rules.triage);
  const header = t('routing.list.header', { triage });
  const lines = rules.map((r, i) => ruleLine(r, t, slackNaming, i + 1));
  const text = [header, ...(lines.length ? lines : [t('routing.list.empty')]), t('routing.usage')];
  const blocks: Block[] = [{ type: 'section', text: md(header) }];
  rules.slice(0, WITH_BUTTONS).forEach((rule, i) => {
    blocks.push({ type: 'section', text: md(lines[i]!) });
    blocks.push({
      type: 'actions',
      block_id: `routing_rule_${i + 1}`,
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.routingEdit,
          text: plainText(t('action.edit')),
          value: rule.id,
        },
        {
          type: 'button',
          action_id: ACTIONS.routingDelete,
          style: 'danger',
          text: plainText(t('action.delete')),
          value: rule.id,
        },
      ],
    });
  });
  const rest = lines.slice(WITH_BUTTONS);
  if (rest.length) blocks.push({ type: 'section', text: md(rest.join('\n')) });
  blocks.push({
    type: 'context',
    elements: [md(lines.length ? t('routing.usage') : t('routing.list.empty'))],
  });
  return { text: md(text.join('\n')).text, blocks };
}

/** The routing form's submit and the list's Edit / Delete buttons. */
export function registerRoutingForms(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  registerRoutingSubmit(app, deps, localeOf);
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.routingEdit,
    async ({ ack, body, action, client }) => {
      await ack();
      const { t, locale } = await localeOf(body.user.id);
      const at = { userId: body.user.id, channel: body.channel?.id };
      if (await refusedBeforeForm(deps, client, at, 'routing.manage', t)) return;
      const me = slackUser(body.user);
      const rules = await listRoutingRules(deps.routing, me);
      const rule = rules.ok ? rules.value.find((r) => r.id === action.value) : undefined;
      if (!rule) return void (await tell(client, body, t('error.ROUTING.NOT_FOUND')));
      const metadata = { ruleId: rule.id, ...(body.channel ? { channel: body.channel.id } : {}) };
      await openModal(
        client,
        body.trigger_id,
        routingModal(t, metadata, rule, await formChoices(deps, locale)),
      );
    },
  );
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.routingDelete,
    async ({ ack, body, action, client }) => {
      await ack();
      const { t } = await localeOf(body.user.id);
      const ruleId = String(action.value ?? '').slice(0, 40);
      await tell(client, body, await deleted(deps, slackUser(body.user), ruleId, t));
    },
  );
}

const tell = (client: WebClient, body: BlockAction, text: string) =>
  body.channel
    ? client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text })
    : client.chat.postMessage({ channel: body.user.id, text });
