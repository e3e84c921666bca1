import type { MessageSet } from '../domain/shared/delivery.ports.js';
import type { Clock } from '../domain/shared/shared.ports.js';
import type { OutboxQueue, QueuedEntry } from './outbox-delivery.js';

/**
 * The messages of one outbox entry as this attempt sees them: those an earlier attempt sent are
 * skipped (their answer given back), each other one is marked before it goes out and recorded
 * once the platform has it, so a crash in between is seen by whoever comes next.
 */
export function outboxMessageSet(
  queue: Pick<OutboxQueue, 'sending' | 'sent'>,
  entry: QueuedEntry,
  clock: Clock,
  leaseMs: number,
): MessageSet {
  const sent = new Map(entry.sent.map((s) => [s.part, s.answer]));
  return {
    async once(part, send) {
      const earlier = sent.get(part);
      if (earlier !== undefined) return earlier;
      // Each message renews the lease, so a long set is not taken over half-way.
      await queue.sending(entry.id, part, new Date(clock.now().getTime() + leaseMs));
      const answer = await send();
      await queue.sent(entry.id, part, answer);
      sent.set(part, answer);
      return answer;
    },
  };
}

/** A message an attempt began sending and never recorded: the platform may have it, or not. */
export function interruptedPart(entry: QueuedEntry): string | undefined {
  const { sending } = entry;
  return sending && !entry.sent.some((s) => s.part === sending) ? sending : undefined;
}
