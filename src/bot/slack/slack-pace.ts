import { DeliveryDeferred } from '../../domain/shared/delivery.ports.js';

/**
 * Slack's rate limits as the bot keeps them (https://docs.slack.dev/apis/web-api/rate-limits):
 * - chat.postMessage has a "special" tier: about one message per second per channel, short
 *   bursts tolerated but not guaranteed; so posts to one channel are spaced `spacingMs` apart
 *   and a burst queues instead of being refused;
 * - limits apply per method per workspace, and a refused call is answered HTTP 429 with
 *   `Retry-After` (seconds): the method then rests that long, and calls made meanwhile wait
 *   without reaching Slack.
 * Wall time, not the business clock: these are Slack's seconds.
 */
export function slackPace(spacingMs: number) {
  const nextSlot = new Map<string, number>();
  const restingUntil = new Map<string, number>();
  return {
    /** Throws DeliveryDeferred while `method` rests; otherwise waits for `channel`'s next slot. */
    async admit(method: string, channel?: string): Promise<void> {
      const rest = (restingUntil.get(method) ?? 0) - Date.now();
      if (rest > 0)
        throw new DeliveryDeferred(rest, `slack: ${method} is rate limited for ${rest} ms`);
      if (!channel || spacingMs <= 0) return;
      const now = Date.now();
      const slot = Math.max(now, nextSlot.get(channel) ?? 0);
      nextSlot.set(channel, slot + spacingMs);
      if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    },
    /** Slack answered 429: `method` rests for `retryAfterMs`. */
    limited(method: string, retryAfterMs: number): void {
      restingUntil.set(method, Math.max(restingUntil.get(method) ?? 0, Date.now() + retryAfterMs));
    },
  };
}
export type SlackPace = ReturnType<typeof slackPace>;
