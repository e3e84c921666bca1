import type { Notification } from '../domain/shared/notification.js';
import type { Models } from './models/index.js';
import { insertLean } from './lean-insert.js';

export interface OutboxEntry {
  id: string;
  notification: Notification;
  status: 'pending' | 'delivering' | 'delivered' | 'parked';
  /** Failed attempts, counted towards parking. */
  attempts: number;
  /** Attempts taken (each under its claim "<id>:<turn>"), rate-limit waits included. */
  turns: number;
  /** Messages of the set already delivered, with what the platform answered. */
  sent: { part: string; answer: string }[];
  /** A message whose sending an attempt began and never finished (a crash). */
  sending?: string;
  nextAttemptAt: Date;
  lastError?: string;
  createdAt: Date;
}

const DUPLICATE_KEY = 11000;

/** Messages of a set that went out, each with what the platform answered (its message id). */
type Sent = { part: string; answer: string }[];
/** Appends them to the entry's `sent` in the write that carries them (nothing when none). */
const pushed = (sent: Sent) => (sent.length ? { $push: { sent: { $each: sent } } } : {});

const toEntry = (doc: Record<string, unknown>): OutboxEntry =>
  ({
    id: String(doc._id),
    notification: doc.notification,
    status: doc.status,
    attempts: doc.attempts ?? 0,
    // Entries queued before turns were counted took one turn per attempt.
    turns: doc.turns ?? doc.attempts ?? 0,
    sent: ((doc.sent as { part: string; answer?: string }[] | undefined) ?? []).map((s) => ({
      part: s.part,
      answer: s.answer ?? '',
    })),
    ...(doc.sending ? { sending: doc.sending } : {}),
    nextAttemptAt: doc.nextAttemptAt,
    ...(doc.lastError ? { lastError: doc.lastError } : {}),
    createdAt: doc.createdAt,
  }) as OutboxEntry;

function isDue(doc: Record<string, unknown>, now: Date): boolean {
  const before = (at: unknown, strictly: boolean) =>
    at instanceof Date && (strictly ? at < now : at <= now);
  if (doc.status === 'pending') return before(doc.nextAttemptAt, false);
  return doc.status === 'delivering' && before(doc.leaseUntil, true);
}

/** Pending and due, or delivering under a lease that ran out (as isDue). */
const dueFilter = (now: Date) => ({
  $or: [
    { status: 'pending', nextAttemptAt: { $lte: now } },
    { status: 'delivering', leaseUntil: { $lt: now } },
  ],
});

/** The outbox: notifications wait here until a delivery succeeds, or are parked for a person. */
export function outboxRepository(models: Models) {
  const { outbox, outboxClaim } = models;
  /** A one-time claim under `key` (unique insert): false when it was already taken. */
  const claimOnce = async (key: string, now: Date): Promise<boolean> => {
    try {
      await insertLean(outboxClaim, { _id: String(key), at: now });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  };
  /** Ended entries' attempt claims decide nothing any more: they go, in one delete (by _id). */
  const releaseAll = async (ended: { id: string; turns: number }[]): Promise<void> => {
    const keys = ended.flatMap(({ id, turns }) =>
      Array.from({ length: turns }, (_, i) => `${id}:${i + 1}`),
    );
    if (keys.length) await outboxClaim.deleteMany({ _id: { $in: keys } });
  };
  return {
    /** Queues a message; with a `key`, a second message under the same key is dropped. */
    async enqueue(notification: Notification, at: Date, key?: string): Promise<void> {
      try {
        await insertLean(outbox, {
          notification,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: at,
          ...(key ? { key } : {}),
        });
      } catch (error) {
        if (!key || (error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
    },
    /** Whether a message was queued under this once-key (delivered, pending or parked). */
    async queued(key: string): Promise<boolean> {
      return (await outbox.exists({ key: String(key) })) !== null;
    },
    /** Where the message queued under this once-key stands, if one was. */
    async statusOf(key: string): Promise<OutboxEntry['status'] | undefined> {
      const doc = await outbox.findOne({ key: String(key) }, { status: 1 }).lean();
      return (doc?.status as OutboxEntry['status'] | undefined) ?? undefined;
    },
    /** Entries due now, oldest first: pending ones and those whose deliverer vanished mid-way. */
    async due(now: Date, limit: number): Promise<OutboxEntry[]> {
      const docs = await outbox
        .find(dueFilter(now))
        .sort({ nextAttemptAt: 1, _id: 1 })
        .limit(limit)
        .lean();
      // The CI server can match a document and then return a later state of it (already taken
      // by another process): only entries that are still due as returned are handed out.
      return docs
        .filter((d) => isDue(d as Record<string, unknown>, now))
        .map((d) => toEntry(d as Record<string, unknown>));
    },
    claimOnce,
    /**
     * Takes the entry's next turn and gives back its state as it is now, or undefined when another
     * process holds it or it is no longer due. Only the unique claim decides who holds a turn (a
     * conditional update is not atomic on the CI server); a claim whose holder died before
     * marking the entry stands in nobody's way once a lease has passed since it was taken.
     */
    async take(entry: OutboxEntry, now: Date, leaseMs: number): Promise<OutboxEntry | undefined> {
      let turn = entry.turns + 1;
      while (!(await claimOnce(`${entry.id}:${turn}`, now))) {
        const claim = await outboxClaim.findById(`${entry.id}:${turn}`).lean();
        if (!(claim?.at instanceof Date) || claim.at.getTime() + leaseMs > now.getTime())
          return undefined;
        turn++;
      }
      // Marked only if still due, and read as it was, in one round trip. Not atomic on the CI
      // server, but the turn's claim keeps every other taker away from this write.
      const before = await outbox
        .findOneAndUpdate(
          { _id: entry.id, ...dueFilter(now) },
          {
            $set: {
              status: 'delivering',
              turns: turn,
              leaseUntil: new Date(now.getTime() + leaseMs),
            },
            $inc: { attempts: 1 },
          },
          { returnDocument: 'before' },
        )
        .lean();
      if (!before || !isDue(before as Record<string, unknown>, now)) return undefined;
      const taken = { ...toEntry(before as Record<string, unknown>), turns: turn };
      taken.attempts++;
      return { ...taken, status: 'delivering' };
    },
    /**
     * One message of the set is about to go out (its lease renewed for it); `sent`, the ones that
     * went out since the last write, are recorded in the same write.
     */
    async sending(id: string, part: string, leaseUntil: Date, sent: Sent = []): Promise<void> {
      await outbox.updateOne({ _id: id }, { $set: { sending: part, leaseUntil }, ...pushed(sent) });
    },
    releaseAll,
    release: (id: string, turns: number) => releaseAll([{ id, turns }]),
    /** Every message went out; the last ones' answers are recorded with it. */
    async delivered(id: string, now: Date, sent: Sent = []): Promise<void> {
      await outbox.updateOne(
        { _id: id },
        {
          $set: { status: 'delivered', deliveredAt: now },
          $unset: { leaseUntil: 1, sending: 1 },
          ...pushed(sent),
        },
      );
    },
    /** A failed attempt: tried again at `retryAt`, or parked for a person when null. */
    async failed(id: string, error: string, retryAt: Date | null, sent: Sent = []): Promise<void> {
      await outbox.updateOne(
        { _id: id },
        {
          $set: {
            status: retryAt ? 'pending' : 'parked',
            lastError: error.slice(0, 1000),
            ...(retryAt ? { nextAttemptAt: retryAt } : {}),
          },
          $unset: { leaseUntil: 1, sending: 1 },
          ...pushed(sent),
        },
      );
    },
    /** The platform asked to wait: tried again at `retryAt` with `attempts` as they were. */
    async deferred(
      id: string,
      reason: string,
      retryAt: Date,
      attempts: number,
      sent: Sent = [],
    ): Promise<void> {
      await outbox.updateOne(
        { _id: id },
        {
          $set: { status: 'pending', nextAttemptAt: retryAt, attempts, lastError: reason },
          $unset: { leaseUntil: 1, sending: 1 },
          ...pushed(sent),
        },
      );
    },
    async list(filter: Partial<Pick<OutboxEntry, 'status'>> = {}): Promise<OutboxEntry[]> {
      const docs = await outbox.find(filter).sort({ _id: 1 }).lean();
      return docs.map((d) => toEntry(d as Record<string, unknown>));
    },
  };
}
export type OutboxRepository = ReturnType<typeof outboxRepository>;
