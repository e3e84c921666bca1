import type { WebClient } from '@slack/web-api';
import type { Action } from '../../domain/roles/permissions.js';
import type { Translate } from '../../i18n/translate.js';
import { needsRole } from '../shared/needs-role.js';
import { mention } from '../shared/format.js';
import type { SlackDeps } from './slack-deps.js';
import { tellUser } from './views/view-reply.js';

/** The refusal text for a Slack user who may not do `action`, naming whom to ask; else none. */
export const slackNeedsRole = (deps: SlackDeps, userId: string, action: Action, t: Translate) =>
  needsRole(deps.roles, { platform: 'slack', id: userId }, action, t, (u) => mention(u.id));

/**
 * Before a form opens (after the ack, so within Slack's 3 s): a person without the role is told
 * privately what they need, and no form opens. True when refused.
 */
export async function refusedBeforeForm(
  deps: SlackDeps,
  client: WebClient,
  at: { userId: string; channel?: string | undefined },
  action: Action,
  t: Translate,
): Promise<boolean> {
  const refusal = await slackNeedsRole(deps, at.userId, action, t);
  if (refusal) await tellUser(client, at.userId, at.channel, refusal);
  return refusal !== undefined;
}
