import { Writable } from 'node:stream';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../src/domain/shared/notification.js';
import { createLogger } from '../../../src/log.js';
import { slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';

/** What the bot logs at error level, one parsed line each. */
const reported: { msg: string; outboxId?: string; error?: string }[] = [];
const log = createLogger(
  'error',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        reported.push(JSON.parse(line) as (typeof reported)[number]);
      done();
    },
  }),
);

const MINUTE = 60_000;
const reminder = (number: string, to: string[]): Notification => ({
  type: 'd2.unsigned',
  case: { caseKind: 'd2', caseId: `id-${number}`, caseNumber: number },
  to: to.map(slackUser),
  waitingSince: new Date('2026-11-30T09:00:00Z'),
});

/**
 * Each intermediate state a crash can leave an outbox entry in, written as the crashed process
 * left it; the running bot (real Bolt, outbox worker, Slack stub) must bring each to an end:
 * delivered once, or parked and reported when it cannot know whether Slack has the message.
 */
describe('Slack: the outbox brings an entry left in any intermediate state to an end', () => {
  const bot = useSlackBot('outbox_crash_states', { chat: { log } });
  const ago = (ms: number) => new Date(Date.now() - ms);
  const dmsAbout = (number: string, to?: string) =>
    bot.stub
      .of('chat.postMessage')
      .filter((c) => String(c.args.text).includes(number) && (!to || c.args.channel === to));

  /** An entry as a crashed process left it, plus the claims it had inserted (written first). */
  async function leftBehind(
    notification: Notification,
    state: Record<string, unknown>,
    claims: number[] = [],
  ): Promise<string> {
    const id = new Types.ObjectId();
    for (const turn of claims)
      await bot.db.store.models.outboxClaim.create({ _id: `${id}:${turn}`, at: ago(10 * MINUTE) });
    await bot.db.store.models.outbox.create({
      _id: id,
      notification,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: ago(MINUTE),
      ...state,
    });
    return String(id);
  }
  const ended = (id: string) =>
    eventually(async () => {
      const entry = (await bot.db.store.outbox.list()).find((e) => e.id === id);
      if (entry?.status !== 'delivered' && entry?.status !== 'parked')
        throw new Error(`${id} is still ${entry?.status}`);
      return entry;
    }, 15_000);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  it('claim inserted but the entry never marked (crash between the two claim steps): delivered once', async () => {
    const id = await leftBehind(reminder('D2-CLAIM', ['U0A']), {}, [1]);
    expect(await ended(id)).toMatchObject({ status: 'delivered', attempts: 1, turns: 2 });
    await settle();
    expect(dmsAbout('D2-CLAIM')).toHaveLength(1);
  });

  it('an older entry (one claim per attempt, no turns) left the same way: delivered once', async () => {
    const id = await leftBehind(reminder('D2-LEGACY', ['U0A']), { attempts: 2 }, [1, 2, 3]);
    expect(await ended(id)).toMatchObject({ status: 'delivered', turns: 4 });
    await settle();
    expect(dmsAbout('D2-LEGACY')).toHaveLength(1);
  });

  it('taken, lease over, nothing sent yet (crash before Slack was called): delivered once', async () => {
    const id = await leftBehind(
      reminder('D2-TAKEN', ['U0A', 'U0B']),
      { status: 'delivering', attempts: 1, turns: 1, leaseUntil: ago(MINUTE) },
      [1],
    );
    expect(await ended(id)).toMatchObject({ status: 'delivered', attempts: 2, turns: 2 });
    await settle();
    expect(dmsAbout('D2-TAKEN', 'U0A')).toHaveLength(1);
    expect(dmsAbout('D2-TAKEN', 'U0B')).toHaveLength(1);
  });

  it('first message sent, second not (crash between two messages of a set): each sent once', async () => {
    const id = await leftBehind(
      reminder('D2-HALF', ['U0A', 'U0B']),
      {
        status: 'delivering',
        attempts: 1,
        turns: 1,
        leaseUntil: ago(MINUTE),
        sent: [{ part: 'slack/remind:U0A', answer: '1700000000.000100' }],
      },
      [1],
    );
    expect(await ended(id)).toMatchObject({ status: 'delivered' });
    await settle();
    expect(dmsAbout('D2-HALF', 'U0A')).toHaveLength(0); // sent before the crash
    expect(dmsAbout('D2-HALF', 'U0B')).toHaveLength(1);
  });

  it('every message sent, entry not marked delivered (crash at the very end): nothing sent again', async () => {
    const id = await leftBehind(
      reminder('D2-DONE', ['U0A']),
      {
        status: 'delivering',
        attempts: 1,
        turns: 1,
        leaseUntil: ago(MINUTE),
        sent: [{ part: 'slack/remind:U0A', answer: '1700000000.000200' }],
      },
      [1],
    );
    expect(await ended(id)).toMatchObject({ status: 'delivered' });
    await settle();
    expect(dmsAbout('D2-DONE')).toHaveLength(0);
  });

  it('a message was being sent when it crashed (Slack may have it): parked and reported, not sent twice', async () => {
    const id = await leftBehind(
      reminder('D2-UNSURE', ['U0A', 'U0B']),
      {
        status: 'delivering',
        attempts: 1,
        turns: 1,
        leaseUntil: ago(MINUTE),
        sending: 'slack/remind:U0A',
      },
      [1],
    );
    const entry = await ended(id);
    expect(entry).toMatchObject({ status: 'parked' });
    expect(entry.lastError).toMatch(/slack\/remind:U0A.*may have been delivered/);
    await settle();
    expect(dmsAbout('D2-UNSURE')).toHaveLength(0);
    expect(reported).toContainEqual(
      expect.objectContaining({ outboxId: id, msg: expect.stringMatching(/parked/) }),
    );
  });

  it('failed once and waiting for its retry: delivered once, with the failure counted', async () => {
    const id = await leftBehind(
      reminder('D2-RETRY', ['U0A']),
      { attempts: 1, turns: 1, lastError: 'slack: internal_error' },
      [1],
    );
    expect(await ended(id)).toMatchObject({ status: 'delivered', attempts: 2, turns: 2 });
    await settle();
    expect(dmsAbout('D2-RETRY')).toHaveLength(1);
  });

  it('ends stay ends: a parked entry is not sent by itself, a delivered one not again', async () => {
    await leftBehind(reminder('D2-PARKED', ['U0A']), { status: 'parked', attempts: 6, turns: 6 });
    await leftBehind(reminder('D2-DELIVERED', ['U0A']), { status: 'delivered', attempts: 1 });
    // One more entry behind them: once it is out, the worker has been over both.
    const last = await leftBehind(reminder('D2-AFTER', ['U0A']), {});
    await ended(last);
    await settle();
    expect(dmsAbout('D2-PARKED')).toHaveLength(0);
    expect(dmsAbout('D2-DELIVERED')).toHaveLength(0);
  });
});
