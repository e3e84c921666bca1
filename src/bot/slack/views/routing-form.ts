import { ANY, routingKey, type RoutingRule } from '../../../domain/routing/routing-rule.js';
import { NO_CHOICES, offered, type TaxonomyChoices } from '../../../domain/taxonomy/taxonomy.js';
import { PRIORITIES } from '../../../domain/complaint/complaint.js';
import type { Translate } from '../../../i18n/translate.js';
import { VIEWS } from '../../ids.js';
import { mention } from '../../shared/format.js';
import type { Naming } from '../../shared/routing-text.js';
import { escapeText, plainText, type Block, type Modal } from '../blocks/block-kit.js';
import { entryOption, taxonomyInput } from '../blocks/taxonomy-select.js';

/** What the routing form carries between opening and submit: the rule edited, where it began. */
export interface RoutingFormMetadata {
  ruleId?: string;
  channel?: string;
}

const textInput = (block: string, label: string, hint: string, initial?: string): Block => ({
  type: 'input',
  block_id: block,
  label: plainText(label),
  hint: plainText(hint),
  element: {
    type: 'plain_text_input',
    action_id: 'value',
    max_length: 80,
    ...(initial ? { initial_value: initial } : {}),
  },
});

/**
 * A rule's department or category: chosen from the taxonomy ("any" first, and the rule's own
 * value when the taxonomy does not list it), typed while the taxonomy lists none of the kind.
 */
function ruleValue(
  kind: 'department' | 'category',
  label: string,
  t: Translate,
  choices: TaxonomyChoices,
  current?: string,
): Block {
  const typed = textInput(kind, label, t('routing.field.match_hint'), current);
  const any = { text: plainText(t('routing.any')), value: ANY };
  const entry = offered(choices.entries, kind).find((e) => routingKey(e.code) === current);
  const own =
    current && current !== ANY && !entry ? [{ text: plainText(current, 75), value: current }] : [];
  const initial = entry ? entryOption(entry, choices.language) : current === ANY ? any : own[0];
  return taxonomyInput(kind, label, t, choices, typed, {
    leading: [any, ...own],
    ...(initial ? { initial } : {}),
  });
}

function prioritySelect(t: Translate, initial: string): Block {
  const options = [...PRIORITIES, ANY].map((p) => ({
    text: plainText(p === ANY ? t('routing.any') : p),
    value: p,
  }));
  return {
    type: 'input',
    block_id: 'priority',
    label: plainText(t('routing.field.priority')),
    element: {
      type: 'static_select',
      action_id: 'value',
      options,
      initial_option: options.find((o) => o.value === initial) ?? options[options.length - 1],
    },
  };
}

/**
 * The routing rule form: department, category, priority, channel (Slack's conversation picker,
 * channels only), people to mention, on-call person. Filled in with `rule` when editing it.
 */
export function routingModal(
  t: Translate,
  metadata: RoutingFormMetadata,
  rule?: RoutingRule,
  choices: TaxonomyChoices = NO_CHOICES,
) {
  const onSlack = rule?.destination.platform === 'slack' ? rule.destination.channel : undefined;
  const people = rule?.mention.filter((u) => u.platform === 'slack').map((u) => u.id) ?? [];
  const onCall = rule?.onCall?.platform === 'slack' ? rule.onCall.id : undefined;
  const modal: Modal = {
    type: 'modal',
    callback_id: VIEWS.routingRule,
    title: plainText(t(rule ? 'routing.modal.edit' : 'routing.modal.add')),
    submit: plainText(t('modal.submit')),
    close: plainText(t('modal.cancel')),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      ruleValue('department', t('routing.field.department'), t, choices, rule?.department),
      ruleValue('category', t('routing.field.category'), t, choices, rule?.category),
      prioritySelect(t, rule?.priority ?? ANY),
      {
        type: 'input',
        block_id: 'channel',
        label: plainText(t('routing.field.channel')),
        hint: plainText(t('routing.field.channel.hint')),
        element: {
          type: 'conversations_select',
          action_id: 'value',
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(onSlack ? { initial_conversation: onSlack } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'mention',
        optional: true,
        label: plainText(t('routing.field.mention')),
        element: {
          type: 'multi_users_select',
          action_id: 'value',
          max_selected_items: 20,
          ...(people.length ? { initial_users: people } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'onCall',
        optional: true,
        label: plainText(t('routing.field.on_call')),
        element: {
          type: 'users_select',
          action_id: 'value',
          ...(onCall ? { initial_user: onCall } : {}),
        },
      },
    ],
  };
  return modal;
}

/** Slack's way of naming people and channels in a rule's line; typed text escaped. */
export const slackNaming: Naming = {
  user: (u) => (u.platform === 'slack' ? mention(u.id) : escapeText(u.name ?? u.id)),
  channel: (d) => (d.platform === 'slack' ? `<#${d.channel}>` : escapeText(d.channel)),
  typed: escapeText,
};
