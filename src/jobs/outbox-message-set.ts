import type { MessageSet } from '../domain/shared/delivery.ports.js';
import type { Clock } from '../domain/shared/shared.ports.js';
import type { OutboxQueue, QueuedEntry, SentPart } from './outbox-delivery.js';

/** An attempt's messages; `unrecorded` hands over those sent but not yet written down. */
export type AttemptSet = MessageSet & { unrecorded(): SentPart[] };

/**
 * The messages of one outbox entry as this attempt sees them: those an earlier attempt sent are
 * skipped (their answer given back), each other one is marked before it goes out. What the
 * platform answered is written with the entry's next write (the next message's mark, or how
 * the attempt ended), so a crash after a send leaves its mark unanswered and whoever comes next
 * sees it and sends nothing twice.
 */
export function outboxMessageSet(
  queue: Pick<OutboxQueue, 'sending'>,
  entry: QueuedEntry,
  clock: Clock,
  leaseMs: number,
): AttemptSet {
  const sent = new Map(entry.sent.map((s) => [s.part, s.answer]));
  const pending: SentPart[] = [];
  return {
    async once(part, send) {
      const earlier = sent.get(part);
      if (earlier !== undefined) return earlier;
      // Each message renews the lease, so a long set is not taken over half-way.
      const written = [...pending];
      await queue.sending(entry.id, part, new Date(clock.now().getTime() + leaseMs), written);
      pending.splice(0, written.length);
      const answer = await send();
      pending.push({ part, answer });
      sent.set(part, answer);
      return answer;
    },
    unrecorded: () => [...pending],
  };
}

/** A message an attempt began sending and never recorded: the platform may have it, or not. */
export function interruptedPart(entry: QueuedEntry): string | undefined {
  const { sending } = entry;
  return sending && !entry.sent.some((s) => s.part === sending) ? sending : undefined;
}
