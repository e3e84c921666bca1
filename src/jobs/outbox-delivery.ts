import type { Notification } from '../domain/shared/notification.js';
import type { Clock } from '../domain/shared/shared.ports.js';

/** The outbox as the worker sees it (the store implements it). */
export interface OutboxQueue {
  due(
    now: Date,
    limit: number,
  ): Promise<{ id: string; notification: Notification; attempts: number }[]>;
  claim(entry: { id: string; attempts: number }, now: Date, leaseMs: number): Promise<boolean>;
  delivered(id: string, now: Date): Promise<void>;
  failed(id: string, error: string, retryAt: Date | null): Promise<void>;
}

export type Deliver = (notification: Notification) => Promise<void>;

export interface OutboxWorkerOptions {
  clock: Clock;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  leaseMs?: number;
  batch?: number;
  /** Told when an entry is parked after its last attempt, so a person hears of it. */
  onParked?: (entry: { id: string; notification: Notification }, error: string) => void;
}

/**
 * Delivers the outbox with retries and exponential backoff (a rate limit's Retry-After wins);
 * after `maxAttempts` failures an entry is parked and reported, never dropped.
 */
export function outboxWorker(queue: OutboxQueue, deliver: Deliver, options: OutboxWorkerOptions) {
  const { clock, maxAttempts = 8, baseDelayMs = 2_000, maxDelayMs = 10 * 60_000 } = options;
  const { leaseMs = 60_000, batch = 50 } = options;
  let draining: Promise<number> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const backoff = (attempt: number, failure: unknown) => {
    // A chat platform's rate limit says when to come back (Slack: Retry-After).
    const hinted = (failure as { retryAfterMs?: unknown } | null)?.retryAfterMs;
    if (typeof hinted === 'number' && hinted > 0) return hinted;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  };

  async function attempt(entry: { id: string; notification: Notification; attempts: number }) {
    if (!(await queue.claim(entry, clock.now(), leaseMs))) return false;
    const tried = entry.attempts + 1;
    try {
      await deliver(entry.notification);
      await queue.delivered(entry.id, clock.now());
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      const parked = tried >= maxAttempts;
      const retryAt = parked ? null : new Date(clock.now().getTime() + backoff(tried, failure));
      await queue.failed(entry.id, message, retryAt);
      if (parked) options.onParked?.(entry, message);
    }
    return true;
  }

  async function drainOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const due = await queue.due(clock.now(), batch);
      let progressed = false;
      for (const entry of due) {
        if (!(await attempt(entry))) continue;
        handled++;
        progressed = true;
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
