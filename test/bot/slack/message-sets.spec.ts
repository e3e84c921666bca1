import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { input, postToBot, slashCommand, viewSubmission } from '../../support/slack-requests.js';

/**
 * One notification is often several Slack messages (card, thread mention, a DM per director;
 * digest text and chart). Each has its own once-key in its outbox entry: when one of them fails,
 * the retry sends exactly the ones that did not go out.
 */
describe('Slack: a partly failed message set, retried, delivers each message exactly once', () => {
  const bot = useSlackBot('message_sets');
  let clientId: string;
  beforeAll(async () => {
    clientId = (await bot.db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await bot.db.store.roles.assign(slackUser('U0OP'), ['operator']);
    await bot.db.store.roles.assign(slackUser('U0TECH'), ['technician']);
    await bot.db.store.roles.assign(slackUser('U0DIR1'), ['DCOM']);
    await bot.db.store.roles.assign(slackUser('U0DIR2'), ['DCOM']);
    await bot.db.store.routingRules.insert({
      department: 'assistenza',
      category: '*',
      priority: '*',
      destination: { platform: 'slack', channel: 'C0ASSIST' },
      mention: [slackUser('U0TECH')],
    });
  });
  const file = (viewId: string, product: string, priority: 'P1' | 'P3') =>
    postToBot(bot.baseUrl, {
      body: viewSubmission('U0OP', {
        id: viewId,
        callbackId: VIEWS.complaint,
        values: {
          client: input.external(OPTIONS.client, clientId),
          product: input.text(product),
          description: input.text(`Guasto su ${product}`),
          problemCode: input.text('GEN-01'),
          category: input.text('generale'),
          department: input.text('assistenza'),
          priority: input.radio(priority),
          channel: input.select('phone'),
          warranty: input.select('unknown'),
        },
      }),
    });
  const posts = (where: (args: Record<string, unknown>) => boolean) =>
    bot.stub.of('chat.postMessage').filter((c) => where(c.args));
  const delivered = () =>
    eventually(async () => {
      const open = (await bot.db.store.outbox.list()).filter((e) => e.status !== 'delivered');
      if (open.length) throw new Error(`${open.length} entries not delivered yet`);
    }, 15_000);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
  /** The case filed for `product`, once its card is out (filing may finish after the ack). */
  const cardOf = (product: string) =>
    eventually(async () => {
      const [complaint] = (await bot.db.store.complaints.recent(20)).filter(
        (c) => c.product === product && c.announcement,
      );
      if (!complaint) throw new Error(`no card for ${product} yet`);
      return complaint;
    }, 15_000);

  it("the technician's mention fails once: the card is posted once, the mention once", async () => {
    bot.stub.fail('chat.postMessage', 500, 1, { channel: 'C0ASSIST', where: (a) => !!a.thread_ts });
    expect((await file('VMENTION', 'Pompa P-1', 'P3')).text).toBe('');
    const complaint = await cardOf('Pompa P-1');
    await delivered();
    await settle();
    const ts = complaint.announcement!.messageId;
    expect(bot.stub.of('chat.postMessage#failed')).toHaveLength(1);
    expect(posts((a) => a.channel === 'C0ASSIST' && !a.thread_ts)).toHaveLength(1);
    expect(posts((a) => a.thread_ts === ts && String(a.text).includes('<@U0TECH>'))).toHaveLength(
      1,
    );
  });

  it("the second director's P1 alert fails once: the first director is alerted once, the second once", async () => {
    bot.stub.fail('chat.postMessage', 500, 1, { channel: 'U0DIR2' });
    expect((await file('VP1', 'Caldaia C-7', 'P1')).text).toBe('');
    const complaint = await cardOf('Caldaia C-7');
    await delivered();
    await settle();
    const alerts = (to: string) =>
      posts((a) => a.channel === to && String(a.text).includes(complaint.number));
    expect(
      bot.stub.of('chat.postMessage#failed').filter((c) => c.args.channel === 'U0DIR2'),
    ).toHaveLength(1);
    expect(alerts('U0DIR1')).toHaveLength(1);
    expect(alerts('U0DIR2')).toHaveLength(1);
    expect(
      posts(
        (a) =>
          a.channel === 'C0ASSIST' && !a.thread_ts && String(a.text).includes(complaint.number),
      ),
    ).toHaveLength(1);
    expect(posts((a) => a.thread_ts === complaint.announcement!.messageId)).toHaveLength(1);
  });

  it('the chart upload fails once: the digest text is posted once, the chart uploaded once', async () => {
    bot.stub.fail('files.getUploadURLExternal', 500, 1);
    const answer = await postToBot(bot.baseUrl, {
      body: slashCommand(COMMANDS.sportello, 'U0DIR1', 'digest', 'C0DIGEST'),
    });
    expect(answer.status).toBe(200);
    await eventually(() => {
      if (!bot.stub.of('files.completeUploadExternal').length) throw new Error('no chart yet');
    }, 15_000);
    await delivered();
    await settle();
    expect(bot.stub.of('files.getUploadURLExternal#failed')).toHaveLength(1);
    expect(posts((a) => a.channel === 'C0DIGEST')).toHaveLength(1);
    expect(
      bot.stub.of('files.completeUploadExternal').filter((c) => c.args.channel_id === 'C0DIGEST'),
    ).toHaveLength(1);
    expect(bot.stub.uploads).toHaveLength(1);
  });
});
