/**
 * The messages one notification becomes (a card, its thread mention, one direct message per
 * director…), as the outbox remembers them. Each message has its own once-key within the entry,
 * so a retry after a partial failure sends exactly the ones not yet delivered.
 */
export interface MessageSet {
  /**
   * Sends the message called `part` unless an earlier attempt already did; gives back what the
   * platform answered then or now (the message id, '' when there is none).
   */
  once(part: string, send: () => Promise<string>): Promise<string>;
}

/**
 * Not now, and not a failure: the chat platform asked us to wait (HTTP 429 with Retry-After, or
 * our own pacing of its rate tiers), or what the message needs (its case's card) is still queued.
 * The message waits `retryAfterMs` and is tried again without spending an attempt.
 */
export class DeliveryDeferred extends Error {
  constructor(
    readonly retryAfterMs: number,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryDeferred';
  }
}
