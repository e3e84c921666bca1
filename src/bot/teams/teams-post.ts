import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference, TurnContext } from 'botbuilder';
import { DeliveryDeferred } from '../../domain/shared/delivery.ports.js';
import { attachment, type Card } from './cards/adaptive.js';
import type { TeamsDeps } from './teams-deps.js';

/** A delivery worth retrying (the outbox backs off); Bot Connector errors end up here. */
export class TeamsDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsDeliveryError';
  }
}

type Announcement = { platform: string; channel: string; messageId: string };

/** The proactive Bot Connector calls a delivery makes, with the connector's no made plain. */
export function teamsPoster(adapter: TeamsAdapter, deps: TeamsDeps) {
  async function inConversation<T>(
    conversationId: string,
    logic: (turn: TurnContext) => Promise<T>,
  ): Promise<T> {
    const [channel, thread] = conversationId.split(';messageid=');
    const stored = await deps.conversations.find(channel!);
    if (!stored)
      throw new TeamsDeliveryError(
        `no conversation reference for ${channel}: install the app there first`,
      );
    const base = stored.reference as Partial<ConversationReference>;
    const reference = thread
      ? { ...base, conversation: { ...base.conversation!, id: `${channel};messageid=${thread}` } }
      : base;
    let result: T | undefined;
    try {
      await adapter.continueConversationAsync(deps.appId, reference, async (turn) => {
        result = await logic(turn);
      });
    } catch (error) {
      throw teamsFailure(error);
    }
    return result as T;
  }
  const send = (conversationId: string, card: Card) =>
    inConversation(
      conversationId,
      async (turn) => (await turn.sendActivity({ attachments: [attachment(card)] }))?.id ?? '',
    );
  const update = (at: Announcement, card: Card) =>
    inConversation(at.channel, async (turn) => {
      await turn.updateActivity({
        id: at.messageId,
        type: 'message',
        attachments: [attachment(card)],
      });
      return at.messageId;
    });
  const reply = (at: Announcement, card: Card) =>
    send(`${at.channel};messageid=${at.messageId}`, card);
  const direct = async (userId: string, card: Card): Promise<string> => {
    const personal = await deps.conversations.personalFor(userId);
    if (personal) return send(personal.id, card);
    deps.log.warn({ userId }, 'no personal chat with this Teams user yet: message skipped');
    return '';
  };
  return { send, update, reply, direct };
}

/**
 * A Bot Connector failure as the outbox understands it. Teams answers a bot over its rate limit
 * with HTTP 429 and asks for backoff with jitter (learn.microsoft.com/microsoftteams/platform/
 * bots/how-to/rate-limit, "Handle HTTP 429 responses"). The Azure client already retries a 429
 * three times, waiting its Retry-After; what is still refused is a wait, not a failure: as long
 * as Retry-After says, else a jittered few seconds.
 */
function teamsFailure(error: unknown): Error {
  const failure = error as {
    statusCode?: number;
    message?: string;
    response?: { status?: number; headers?: { get?(name: string): string | undefined } };
  };
  const status = failure.statusCode ?? failure.response?.status;
  if (status === 429) {
    const seconds = Number(failure.response?.headers?.get?.('retry-after'));
    const retryAfterMs =
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 2_000 + Math.random() * 3_000;
    return new DeliveryDeferred(retryAfterMs, 'teams: rate limited (HTTP 429)');
  }
  return new TeamsDeliveryError(`teams: ${failure.message ?? String(error)}`);
}
