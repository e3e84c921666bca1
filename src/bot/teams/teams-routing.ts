import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import {
  deleteRoutingRule,
  listRoutingRules,
  saveRoutingRule,
} from '../../domain/routing/manage-routing.js';
import type { Translate } from '../../i18n/translate.js';
import { needsRole } from '../shared/needs-role.js';
import { routingRefusalText, ruleLine, type Naming } from '../shared/routing-text.js';
import { teamsTranslator, teamsUser } from './teams-app.js';
import type { TeamsDeps } from './teams-deps.js';

/** Teams text has no `<@…>` markup to smuggle: people by name, conversations by their id. */
const teamsNaming: Naming = {
  user: (u) => u.name ?? u.id,
  channel: (d) => (d.platform === 'teams' ? d.channel : `#${d.channel}`),
  typed: (text) => text,
};

/**
 * `routing` lists the rules; `routing add <department> | <category> | <priority>` sends such
 * complaints to this conversation; `routing delete <n>` deletes rule n — Slack's use cases.
 * People to mention and the on-call person are set from Slack's form (Teams text has no
 * user picker).
 */
export function registerTeamsRouting(app: Application<TurnState>, deps: TeamsDeps) {
  app.message(/^\s*routing(\s|$)/i, async (context) => {
    const t = teamsTranslator(context, deps);
    const me = teamsUser(context);
    const refusal = await needsRole(deps.roles, me, 'routing.manage', t, (u) => u.name ?? u.id);
    if (refusal) return void (await context.sendActivity(refusal));
    const rest = (context.activity.text ?? '').trim().replace(/^routing\s*/i, '');
    const [verb = '', ...words] = rest.split(/\s+/);
    await context.sendActivity(await answer(deps, context, verb.toLowerCase(), words.join(' '), t));
  });
}

async function answer(
  deps: TeamsDeps,
  context: TurnContext,
  verb: string,
  rest: string,
  t: Translate,
): Promise<string> {
  const me = teamsUser(context);
  const rules = await listRoutingRules(deps.routing, me);
  if (!rules.ok) return routingRefusalText(rules, t, teamsNaming);
  if (verb === 'add') {
    const [department = '', category = '', priority = '', ...extra] = rest.split('|');
    if (extra.length) return t('routing.teams.usage');
    const saved = await saveRoutingRule(deps.routing, me, {
      department,
      category,
      priority: priority.trim().toUpperCase(),
      destination: { platform: 'teams', channel: String(context.activity.conversation.id) },
      mention: [],
    });
    if (!saved.ok)
      return saved.error.code === 'INPUT.INVALID'
        ? t('routing.teams.usage')
        : routingRefusalText(saved, t, teamsNaming);
    return t('routing.saved', {
      rule: ruleLine(saved.value, t, teamsNaming),
      channel: teamsNaming.channel(saved.value.destination),
    });
  }
  if (verb === 'delete') {
    const rule = /^\d{1,3}$/.test(rest.trim()) ? rules.value[Number(rest) - 1] : undefined;
    if (!rule) return t('error.ROUTING.NOT_FOUND');
    const gone = await deleteRoutingRule(deps.routing, me, { ruleId: rule.id });
    return gone.ok
      ? t('routing.deleted', { rule: ruleLine(gone.value, t, teamsNaming) })
      : routingRefusalText(gone, t, teamsNaming);
  }
  if (verb) return t('routing.teams.usage');
  const lines = rules.value.map((r, i) => ruleLine(r, t, teamsNaming, i + 1));
  return [
    t('routing.list.header', { triage: teamsNaming.channel(deps.services.rules.triage) }),
    ...(lines.length ? lines : [t('routing.list.empty')]),
    t('routing.teams.usage'),
  ].join('\n\n');
}
