import type { SlackRoutes } from '../slack-routes.js';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { saveRoutingRule } from '../../../domain/routing/manage-routing.js';
import type { FieldProblem } from '../../../domain/shared/input.js';
import { VIEWS } from '../../ids.js';
import { routingRefusalText, ruleLine } from '../../shared/routing-text.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { slackNaming } from './routing-form.js';
import { metadataOf, tellUser, viewIntakeKey } from './view-reply.js';
import { chosen, fieldErrors, readViewState, text } from './view-state.js';

/** A channel the conversation picker gives: a public (C…) or private (G… / C…) channel id. */
const SLACK_CHANNEL = /^[CG][A-Z0-9]{2,20}$/;
const MetadataSchema = z.object({
  ruleId: z.string().max(40).optional(),
  channel: z.string().max(30).optional(),
});
const BLOCK_OF: Record<string, string> = {
  department: 'department',
  category: 'category',
  priority: 'priority',
  destination: 'channel',
  mention: 'mention',
  onCall: 'onCall',
};

type Membership = 'member' | 'not_member' | 'unseen';
/**
 * Whether the bot is in the channel (docs.slack.dev/reference/methods/conversations.info:
 * `channel.is_member`; `channel_not_found` for a channel it cannot see, such as a private one
 * it was not invited to). An archived channel takes no posts, so it counts as unseen.
 */
async function membership(client: WebClient, channel: string): Promise<Membership> {
  try {
    const info = await client.conversations.info({ channel });
    if (info.channel?.is_archived) return 'unseen';
    return info.channel?.is_member ? 'member' : 'not_member';
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error === 'channel_not_found')
      return 'unseen';
    throw error;
  }
}

/**
 * The routing form's submit: the channel is checked with Slack first (one the bot cannot see
 * is refused on its block; one it is not in is saved with a note on how to invite it, since
 * `chat:write.public` lets it post in public channels meanwhile), then the rule is saved once
 * per view.
 */
export function registerRoutingSubmit(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.view(VIEWS.routingRule, async ({ ack, body, view, client }) => {
    const { t } = await localeOf(body.user.id);
    const values = readViewState(view.state);
    const channel = text(values, 'channel') ?? '';
    if (!SLACK_CHANNEL.test(channel))
      return void (await ack({
        response_action: 'errors',
        errors: { channel: t('routing.channel_invalid') },
      }));
    const member = await membership(client, channel);
    if (member === 'unseen')
      return void (await ack({
        response_action: 'errors',
        errors: { channel: t('routing.channel_unseen') },
      }));
    const metadata = metadataOf(MetadataSchema, view.private_metadata);
    const onCall = text(values, 'onCall');
    const result = await saveRoutingRule(deps.routing, slackUser(body.user), {
      ...(metadata.ruleId ? { ruleId: metadata.ruleId } : {}),
      department: text(values, 'department') ?? '',
      category: text(values, 'category') ?? '',
      priority: text(values, 'priority') ?? '',
      destination: { platform: 'slack', channel },
      mention: chosen(values, 'mention').map((id) => slackUser({ id })),
      ...(onCall ? { onCall: slackUser({ id: onCall }) } : {}),
      intakeKey: viewIntakeKey(view),
    });
    if (!result.ok) {
      const problems = (result.error.details?.problems as FieldProblem[] | undefined) ?? [];
      const errors = fieldErrors(problems, t, (f) => BLOCK_OF[f]);
      const block = result.error.code === 'ROUTING.DUPLICATE' ? 'priority' : 'department';
      return void (await ack({
        response_action: 'errors',
        errors: Object.keys(errors).length
          ? errors
          : { [block]: routingRefusalText(result, t, slackNaming) },
      }));
    }
    await ack();
    if (result.repeat) return;
    const rule = result.value;
    const saved = t('routing.saved', {
      rule: ruleLine(rule, t, slackNaming),
      channel: slackNaming.channel(rule.destination),
    });
    const note =
      member === 'not_member'
        ? `\n${t('routing.not_member', { channel: slackNaming.channel(rule.destination) })}`
        : '';
    await tellUser(client, body.user.id, metadata.channel, saved + note);
  });
}
