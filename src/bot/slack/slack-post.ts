import type { WebClient } from '@slack/web-api';
import { DeliveryDeferred } from '../../domain/shared/delivery.ports.js';
import { checkedMessage } from './blocks/block-kit.js';
import type { SlackPace } from './slack-pace.js';

/** Thrown for deliveries worth retrying (the outbox backs off). */
export class SlackDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackDeliveryError';
  }
}

export type Card = { text: string; blocks: unknown[] };

/** The Web API calls a delivery makes, paced to Slack's tiers and with Slack's no made plain. */
export function slackPoster(client: WebClient, pace: SlackPace) {
  /** Slack's answer → an error the outbox understands; a 429 is a wait, not a failure. */
  async function call<T>(method: string, channel: string | undefined, request: () => Promise<T>) {
    await pace.admit(method, channel);
    try {
      return await request();
    } catch (error) {
      const failure = error as { code?: string; retryAfter?: number; data?: { error?: string } };
      // With rejectRateLimitedCalls the WebClient throws this for HTTP 429, Retry-After in s.
      if (failure.code === 'slack_webapi_rate_limited_error') {
        const retryAfterMs = Math.max(1, failure.retryAfter ?? 1) * 1000;
        pace.limited(method, retryAfterMs);
        throw new DeliveryDeferred(retryAfterMs, `slack: ${method} rate limited (Retry-After)`);
      }
      const reason = failure.data?.error ?? (error as Error).message ?? String(error);
      throw new SlackDeliveryError(`slack: ${reason}`);
    }
  }
  return {
    /** Posts a message (in a thread with `threadTs`); gives back its ts. */
    async post(channel: string, card: Card, threadTs?: string): Promise<string> {
      checkedMessage(card);
      const sent = await call('chat.postMessage', channel, () =>
        client.chat.postMessage({
          channel,
          text: card.text,
          blocks: card.blocks as never,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        }),
      );
      return String(sent.ts);
    },
    /** Replaces the card already posted at `at` (a case's announcement); gives back its ts. */
    async update(at: { channel: string; messageId: string }, card: Card): Promise<string> {
      checkedMessage(card);
      await call('chat.update', undefined, () =>
        client.chat.update({
          channel: at.channel,
          ts: at.messageId,
          text: card.text,
          blocks: card.blocks as never,
        }),
      );
      return at.messageId;
    },
    /** Uploads a file to a channel (files.uploadV2: upload URL, upload, complete). */
    async upload(channel: string, file: Buffer, filename: string, title: string): Promise<string> {
      await call('files.completeUploadExternal', undefined, () =>
        client.filesUploadV2({ channel_id: channel, file, filename, title }),
      );
      return filename;
    },
  };
}
