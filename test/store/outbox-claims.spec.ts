import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { slackUser } from '../support/fixtures.js';

const LEASE = 60_000;
const message = (text: string) => ({ type: 'direct.message', to: slackUser('U0A'), text }) as const;

describe('outbox: who holds an attempt (unique claims only)', () => {
  const db = useTestDatabase('outbox_claims');
  const now = new Date('2026-12-02T10:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const queued = async (text: string) => {
    await db.store.outbox.enqueue(message(text), ago(1_000));
    return (await db.store.outbox.list()).find(
      (e) => 'text' in e.notification && e.notification.text === text,
    )!;
  };

  it('gives one turn to one of many processes taking it at once', async () => {
    const entry = await queued('race');
    const taken = await Promise.all(
      Array.from({ length: 20 }, () => db.store.outbox.take(entry, now, LEASE)),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(taken.find(Boolean)).toMatchObject({ turns: 1, attempts: 1, status: 'delivering' });
  });

  it('leaves a turn to its holder while its lease runs, and takes the next once it is over', async () => {
    const entry = await queued('crash between the two claim steps');
    // The claim was inserted and the process died before marking the entry.
    await db.store.outbox.claimOnce(`${entry.id}:1`, ago(LEASE / 2));
    expect(await db.store.outbox.take(entry, now, LEASE)).toBeUndefined();
    await db.store.models.outboxClaim.updateOne({ _id: `${entry.id}:1` }, { at: ago(LEASE + 1) });
    expect(await db.store.outbox.take(entry, now, LEASE)).toMatchObject({ turns: 2, attempts: 1 });
    const [stored] = (await db.store.outbox.list({ status: 'delivering' })).filter(
      (e) => e.id === entry.id,
    );
    expect(stored).toMatchObject({ turns: 2, attempts: 1 });
  });

  it('does not take an entry that ended while a stale reader still saw it pending', async () => {
    const entry = await queued('ended meanwhile');
    await db.store.outbox.delivered(entry.id, now);
    expect(await db.store.outbox.take(entry, now, LEASE)).toBeUndefined();
    expect((await db.store.outbox.list({ status: 'delivered' })).map((e) => e.id)).toContain(
      entry.id,
    );
  });

  it('drops the claims of an entry that ended, and a stale reader still cannot send it', async () => {
    const entry = await queued('ended and released');
    const taken = (await db.store.outbox.take(entry, now, LEASE))!;
    await db.store.outbox.delivered(entry.id, now);
    await db.store.outbox.release(entry.id, taken.turns);
    expect(await db.store.models.outboxClaim.countDocuments({ _id: `${entry.id}:1` })).toBe(0);
    // A process that read the entry while it was pending takes the freed turn, then sees it ended.
    expect(await db.store.outbox.take(entry, now, LEASE)).toBeUndefined();
  });

  it('keeps attempts when the platform asked to wait, and counts turns on', async () => {
    const entry = await queued('rate limited');
    const taken = (await db.store.outbox.take(entry, now, LEASE))!;
    await db.store.outbox.deferred(entry.id, 'slack: rate limited', now, taken.attempts - 1);
    const again = (await db.store.outbox.list({ status: 'pending' })).find(
      (e) => e.id === entry.id,
    )!;
    expect(again).toMatchObject({ attempts: 0, turns: 1 });
    expect(await db.store.outbox.take(again, now, LEASE)).toMatchObject({ turns: 2, attempts: 1 });
  });

  it("records the messages that went out with the entry's next write, whichever it is", async () => {
    const lease = new Date(now.getTime() + LEASE);
    const stateOf = async (id: string) => (await db.store.outbox.list()).find((e) => e.id === id)!;
    const delivered = await queued('a set of two, delivered');
    await db.store.outbox.take(delivered, now, LEASE);
    await db.store.outbox.sending(delivered.id, 'card', lease);
    await db.store.outbox.sending(delivered.id, 'mention', lease, [
      { part: 'card', answer: '1.1' },
    ]);
    // Mid-way a crash would leave the mention marked and unanswered, the card recorded.
    expect(await stateOf(delivered.id)).toMatchObject({
      sending: 'mention',
      sent: [{ part: 'card', answer: '1.1' }],
    });
    await db.store.outbox.delivered(delivered.id, now, [{ part: 'mention', answer: '1.2' }]);
    const ended = await stateOf(delivered.id);
    expect(ended).toMatchObject({
      status: 'delivered',
      sent: [{ part: 'card' }, { part: 'mention' }],
    });
    expect(ended.sending).toBeUndefined();

    const failed = await queued('card sent, then a failure');
    await db.store.outbox.take(failed, now, LEASE);
    await db.store.outbox.sending(failed.id, 'card', lease);
    await db.store.outbox.failed(failed.id, 'mention refused', now, [
      { part: 'card', answer: '2.1' },
    ]);
    expect(await stateOf(failed.id)).toMatchObject({
      status: 'pending',
      sent: [{ part: 'card', answer: '2.1' }],
    });
    expect((await stateOf(failed.id)).sending).toBeUndefined();
  });
});
