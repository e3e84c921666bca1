import { DeliveryDeferred, type MessageSet } from '../domain/shared/delivery.ports.js';
import type { Notification } from '../domain/shared/notification.js';
import type { Clock } from '../domain/shared/shared.ports.js';
import { interruptedPart, outboxMessageSet } from './outbox-message-set.js';

/** A message of an entry's set that went out, with what the platform answered (its id). */
export interface SentPart {
  part: string;
  answer: string;
}

/** An entry as the worker sees it: its attempts, turns and the messages of its set already sent. */
export interface QueuedEntry {
  id: string;
  notification: Notification;
  attempts: number;
  turns: number;
  sent: SentPart[];
  sending?: string;
}

/** The outbox as the worker sees it (the store implements it). */
export interface OutboxQueue {
  due(now: Date, limit: number): Promise<QueuedEntry[]>;
  /** The entry's next turn with its state now (attempts counted), or undefined if not ours. */
  take(entry: QueuedEntry, now: Date, leaseMs: number): Promise<QueuedEntry | undefined>;
  /**
   * Marks a message as going out (renewing the lease); `sent` are the messages that went out
   * since the entry's last write, recorded in the same write. So do the three ends below.
   */
  sending(id: string, part: string, leaseUntil: Date, sent?: SentPart[]): Promise<void>;
  delivered(id: string, now: Date, sent?: SentPart[]): Promise<void>;
  /** Drops the claims of entries that ended (a stale reader re-reads before it sends). */
  releaseAll(ended: { id: string; turns: number }[]): Promise<void>;
  failed(id: string, error: string, retryAt: Date | null, sent?: SentPart[]): Promise<void>;
  deferred(
    id: string,
    reason: string,
    retryAt: Date,
    attempts: number,
    sent?: SentPart[],
  ): Promise<void>;
}

/** Sends one notification, each of its messages through `set.once` under its own name. */
export type Deliver = (notification: Notification, set: MessageSet) => Promise<void>;

export interface OutboxWorkerOptions {
  clock: Clock;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  leaseMs?: number;
  batch?: number;
  /** Told when an entry is parked (last attempt failed, or a crash left it unsure), for a person. */
  onParked?: (entry: { id: string; notification: Notification }, error: string) => void;
}

/**
 * Delivers the outbox with retries and exponential backoff; after `maxAttempts` failures an
 * entry is parked and reported, never dropped. A platform's rate limit is not a failure: the
 * entry waits as long as it says and keeps its attempts.
 */
export function outboxWorker(queue: OutboxQueue, deliver: Deliver, options: OutboxWorkerOptions) {
  const { clock, maxAttempts = 8, baseDelayMs = 2_000, maxDelayMs = 10 * 60_000 } = options;
  const { leaseMs = 60_000, batch = 50 } = options;
  let draining: Promise<number> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const later = (ms: number) => new Date(clock.now().getTime() + ms);
  const backoff = (attempt: number) => Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));

  async function park(entry: QueuedEntry, error: string, ended: QueuedEntry[], sent?: SentPart[]) {
    await queue.failed(entry.id, error, null, sent);
    options.onParked?.(entry, error);
    ended.push(entry);
  }

  /** Delivers one entry; one that ended (delivered or parked) joins `ended`, its claims to go. */
  async function attempt(due: QueuedEntry, ended: QueuedEntry[]): Promise<boolean> {
    const entry = await queue.take(due, clock.now(), leaseMs);
    if (!entry) return false;
    const interrupted = interruptedPart(entry);
    if (interrupted) {
      await park(
        entry,
        `an attempt stopped while sending "${interrupted}": it may have been delivered; check before queueing it again`,
        ended,
      );
      return true;
    }
    // What went out is written with how the attempt ended (no write of its own for the last).
    const set = outboxMessageSet(queue, entry, clock, leaseMs);
    try {
      await deliver(entry.notification, set);
      await queue.delivered(entry.id, clock.now(), set.unrecorded());
    } catch (failure) {
      const sent = set.unrecorded();
      if (failure instanceof DeliveryDeferred) {
        await queue.deferred(
          entry.id,
          failure.message,
          later(failure.retryAfterMs),
          entry.attempts - 1,
          sent,
        );
        return true;
      }
      const message = failure instanceof Error ? failure.message : String(failure);
      if (entry.attempts >= maxAttempts) await park(entry, message, ended, sent);
      else await queue.failed(entry.id, message, later(backoff(entry.attempts)), sent);
      return true;
    }
    ended.push(entry);
    return true;
  }

  /**
   * The claims of a batch's ended entries go in one delete once the batch is done. Until then
   * they only keep a stale reader away sooner; if the delete fails (or the process dies first)
   * they stay behind, deciding nothing, as they would have after a crash before.
   */
  async function releaseAll(ended: QueuedEntry[]) {
    if (ended.length) await queue.releaseAll(ended.splice(0)).catch(() => undefined);
  }

  async function drainOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const due = await queue.due(clock.now(), batch);
      let progressed = false;
      const ended: QueuedEntry[] = [];
      try {
        for (const entry of due) {
          if (!(await attempt(entry, ended))) continue;
          handled++;
          progressed = true;
        }
      } finally {
        await releaseAll(ended);
      }
      if (due.length < batch || !progressed) return handled;
    }
  }

  return {
    /** Delivers everything due now; concurrent calls share one run (and ask for one more). */
    drain(): Promise<number> {
      if (draining) {
        again = true;
        return draining;
      }
      draining = (async () => {
        let total = 0;
        do {
          again = false;
          total += await drainOnce();
        } while (again);
        return total;
      })().finally(() => (draining = undefined));
      return draining;
    },
    /** Polls for due entries (retries, other processes' entries) until stopped. */
    start(everyMs: number, onError: (error: unknown) => void) {
      timer = setInterval(() => void this.drain().catch(onError), everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await draining;
    },
  };
}
export type OutboxWorker = ReturnType<typeof outboxWorker>;
