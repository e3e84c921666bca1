import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { Complaint } from '../../../src/domain/complaint/complaint.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { input, postToBot, viewSubmission } from '../../support/slack-requests.js';

const WINDOW_MS = 60_000;
const FILINGS = 30;
const DIRECTOR = 'U0DIR';
const channelOf = (i: number) => `C0DEPT${i % 3}`;
const technicianOf = (i: number) => `U0TECH${i % 3}`;
const costly = (i: number) => i % 4 === 0; // above the threshold: the director approves
const urgent = (i: number) => i % 6 === 0; // P1: the director is alerted directly

/**
 * Slack answers 429 with Retry-After: 1 to every post and update for 60 s while 30 complaints are
 * filed through real Bolt. Rate limits are not failures: once Slack takes messages again, every
 * card, thread mention, approval request and P1 alert goes out exactly once, none is parked, and
 * no entry has spent an attempt on waiting. Posts to one channel go at Slack's pace (1 s).
 */
describe('Slack: 60 s of rate limiting during 30 filings', () => {
  const bot = useSlackBot('rate_limits', { chat: { slackPaceMs: 1_000 } });
  let clientId: string;
  beforeAll(async () => {
    clientId = (await bot.db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await bot.db.store.roles.assign(slackUser('U0OP'), ['operator']);
    await bot.db.store.roles.assign(slackUser(DIRECTOR), ['DCOM']);
    for (let d = 0; d < 3; d++) {
      await bot.db.store.roles.assign(slackUser(technicianOf(d)), ['technician']);
      await bot.db.store.routingRules.insert({
        department: `reparto${d}`,
        category: '*',
        priority: '*',
        destination: { platform: 'slack', channel: channelOf(d) },
        mention: [slackUser(technicianOf(d))],
      });
    }
  });
  const file = (i: number) =>
    postToBot(bot.baseUrl, {
      body: viewSubmission('U0OP', {
        id: `VRATE${i}`,
        callbackId: VIEWS.complaint,
        values: {
          client: input.external(OPTIONS.client, clientId),
          product: input.text(`Macchina ${i}`),
          description: input.text(`Guasto numero ${i}`),
          problemCode: input.text('GEN-01'),
          category: input.text('generale'),
          department: input.text(`reparto${i % 3}`),
          priority: input.radio(urgent(i) ? 'P1' : 'P3'),
          ...(costly(i) ? { estimatedCostEur: input.number('1500') } : {}),
          channel: input.select('phone'),
          warranty: input.select('unknown'),
        },
      }),
    });
  const posts = (where: (args: Record<string, unknown>) => boolean) =>
    bot.stub.of('chat.postMessage').filter((c) => where(c.args));

  it('delivers every card, mention, approval request and alert exactly once, parking none', async () => {
    const windowEnd = Date.now() + WINDOW_MS;
    bot.stub.rateLimit(['chat.postMessage', 'chat.update'], { retryAfter: 1, forMs: WINDOW_MS });
    for (let i = 0; i < FILINGS; i++) {
      expect((await file(i)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    // Nothing gets through while the window lasts (on a very slow box it may be over by now).
    if (Date.now() < windowEnd - 1_000) expect(bot.stub.of('chat.postMessage')).toHaveLength(0);

    // Bounded but generous: the window, then ~25 messages per channel at 1 s each, on a busy box.
    const complaints = await eventually(
      async () => {
        const all = (await bot.db.store.complaints.recent(FILINGS + 5)).filter((c) =>
          c.product.startsWith('Macchina '),
        );
        const entries = await bot.db.store.outbox.list();
        const open = entries.filter((e) => e.status !== 'delivered');
        if (all.length < FILINGS || open.length)
          throw new Error(`${all.length} filed, ${open.length} entries not delivered`);
        return all;
      },
      Math.max(0, windowEnd - Date.now()) + 150_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(bot.stub.limitedAt.length).toBeGreaterThan(0);
    expect(Math.max(...bot.stub.limitedAt)).toBeGreaterThan(windowEnd - 10_000);
    const entries = await bot.db.store.outbox.list();
    expect(entries.filter((e) => e.status === 'parked')).toEqual([]);
    expect(entries.filter((e) => e.attempts !== 1).map((e) => [e.id, e.attempts])).toEqual([]);

    const byNumber = (i: number) =>
      complaints.find((c) => c.product === `Macchina ${i}`) as Complaint;
    for (let i = 0; i < FILINGS; i++) {
      const c = byNumber(i);
      const ts = c.announcement?.messageId;
      const inThread = (who: string) =>
        posts((a) => a.thread_ts === ts && String(a.text).includes(`<@${who}>`));
      expect(
        posts(
          (a) => a.channel === channelOf(i) && !a.thread_ts && String(a.text).includes(c.number),
        ),
      ).toHaveLength(1);
      expect(inThread(technicianOf(i))).toHaveLength(1);
      expect(inThread(DIRECTOR)).toHaveLength(costly(i) ? 1 : 0);
      // The director's DMs: the P1 alert, and (since approvers are asked by DM too) the approval.
      const toDirector = (asked: boolean) =>
        posts(
          (a) =>
            a.channel === DIRECTOR &&
            String(a.text).includes(c.number) &&
            String(a.text).includes('attende la tua decisione') === asked,
        );
      expect(toDirector(false)).toHaveLength(urgent(i) ? 1 : 0);
      expect(toDirector(true)).toHaveLength(costly(i) ? 1 : 0);
    }
    expect(bot.stub.refusals).toEqual([]);
  }, 300_000);
});
