import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  buttonPress,
  input,
  postToBot,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';

const user = slackUser;

describe('Slack: messages survive a failing Slack (outbox)', () => {
  const bot = useSlackBot('slack_faults');
  let clientId: string;
  beforeAll(async () => {
    clientId = (
      await bot.db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'BIANCHI' })))
    ).id;
    await bot.db.store.roles.assign(user('U0OP'), ['operator']);
    await bot.db.store.roles.assign(user('U0SDID'), ['SDID']);
    await bot.db.store.roles.assign(user('U0DCOM'), ['DCOM']);
    await bot.db.store.roles.assign(user('U0SCOM'), ['SCOM']);
  });
  const file = (viewId: string) =>
    postToBot(bot.baseUrl, {
      body: viewSubmission('U0OP', {
        id: viewId,
        callbackId: VIEWS.complaint,
        values: {
          client: input.external(OPTIONS.client, clientId),
          product: input.text('Forno F-9'),
          description: input.text('Non scalda'),
          problemCode: input.text('TMP-01'),
          category: input.text('termico'),
          department: input.text('ignoto'),
          priority: input.radio('P3'),
          channel: input.select('email'),
          warranty: input.select('unknown'),
        },
      }),
    });
  const cardsIn = (channel: string) =>
    bot.stub.of('chat.postMessage').filter((c) => c.args.channel === channel && !c.args.thread_ts);

  it('keeps the case when Slack answers 500, and posts its card once Slack recovers', async () => {
    bot.stub.fail('chat.postMessage', 500, 3, { channel: 'C0TRIAGE' });
    expect((await file('VF500')).text).toBe('');
    // The case may be written just after the answer (Slack's 3 s deadline comes first).
    await eventually(async () =>
      expect(await bot.db.store.models.complaint.countDocuments()).toBe(1),
    );
    await eventually(() => expect(cardsIn('C0TRIAGE')).toHaveLength(1), 10_000);
    expect(bot.stub.of('chat.postMessage#failed')).toHaveLength(3);
    // The entry is marked delivered just after Slack answers.
    await eventually(async () => {
      const [entry] = await bot.db.store.outbox.list({ status: 'delivered' });
      expect(entry?.attempts).toBe(4);
    });
  });

  it('waits as long as a 429 Retry-After says, then delivers exactly once', async () => {
    bot.stub.fail('chat.postMessage', 429, 1, { retryAfter: 1, channel: 'C0TRIAGE' });
    const before = cardsIn('C0TRIAGE').length;
    const started = Date.now();
    await file('VF429');
    await eventually(() => expect(cardsIn('C0TRIAGE')).toHaveLength(before + 1), 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cardsIn('C0TRIAGE')).toHaveLength(before + 1);
  });

  it('posts an SLA reminder in the case thread, mentioning who must act', async () => {
    const [complaint] = await bot.db.store.complaints
      .recent(5)
      .then((all) => all.filter((c) => c.announcement));
    const ref = {
      caseKind: 'complaint' as const,
      caseId: complaint!.id,
      caseNumber: complaint!.number,
    };
    await bot.chat.services.notifier.queue(
      {
        type: 'case.reminder',
        case: ref,
        kind: 'breach',
        target: 'resolution',
        dueAt: new Date('2026-11-30T09:00:00Z'),
        to: [user('U0DCOM')],
      },
      { once: 'test-reminder' },
    );
    await bot.chat.services.notifier.queue(
      {
        type: 'case.reminder',
        case: ref,
        kind: 'breach',
        target: 'resolution',
        dueAt: new Date('2026-11-30T09:00:00Z'),
        to: [user('U0DCOM')],
      },
      { once: 'test-reminder' },
    );
    const posted = await eventually(() => {
      const calls = bot.stub
        .of('chat.postMessage')
        .filter((c) => String(c.args.text).includes('Risoluzione scaduta'));
      if (!calls.length) throw new Error('no reminder yet');
      return calls;
    });
    expect(posted).toHaveLength(1);
    expect(posted[0]?.args).toMatchObject({
      thread_ts: complaint!.announcement!.messageId,
      text: expect.stringContaining('<@U0DCOM>'),
    });
    expect(posted[0]?.args.text).toContain('30/11/2026 10:00');

    // With nobody to name, the line reads cleanly: no gap where the mentions would be.
    await bot.chat.services.notifier.queue(
      {
        type: 'case.reminder',
        case: ref,
        kind: 'warning',
        target: 'resolution',
        dueAt: new Date('2026-11-30T09:00:00Z'),
        to: [],
        unassigned: true,
      },
      { once: 'test-reminder-nobody' },
    );
    const line = await eventually(() => {
      const call = bot.stub
        .of('chat.postMessage')
        .find((c) => String(c.args.text).startsWith(':hourglass_flowing_sand:'));
      if (!call) throw new Error('no warning yet');
      return call.args.text;
    });
    expect(line).toBe(
      `:hourglass_flowing_sand: ${complaint!.number}: Risoluzione scade il 30/11/2026 10:00.`,
    );
  });

  it('parks a message after its last attempt instead of dropping it', async () => {
    bot.stub.fail('chat.postMessage', 500, 100, { channel: 'C0TRIAGE' });
    await file('VFPARK');
    const parked = await eventually(async () => {
      const [one] = await bot.db.store.outbox.list({ status: 'parked' });
      if (!one) throw new Error('not parked yet');
      return one;
    }, 15_000);
    expect(parked).toMatchObject({ attempts: 6, notification: { type: 'case.announce' } });
    expect(parked.lastError).toMatch(/slack/);
    bot.stub.fail('chat.postMessage', 500, 0);
  });

  it('sends a D2 to the director, who signs it; SCOM then completes it', async () => {
    expect(
      (await postToBot(bot.baseUrl, { body: slashCommand(COMMANDS.d2, 'U0SDID') })).status,
    ).toBe(200);
    const raised = await postToBot(bot.baseUrl, {
      body: viewSubmission('U0SDID', {
        id: 'VD2',
        callbackId: VIEWS.d2,
        values: {
          client: input.external(OPTIONS.client, clientId),
          reason: input.text('Chiede un preventivo per il rinnovo'),
          urgency: input.select('high'),
        },
      }),
    });
    expect(raised.text).toBe('');
    const d2 = (await bot.db.store.d2Requests.awaitingSignature(5))[0];
    expect(d2).toMatchObject({ number: 'D2-2026-0001', requesterOffice: 'SDID' });
    const card = await eventually(() => {
      // The director's DMs hold the SLA reminders of the tests before too: the D2 is the card.
      const call = bot.stub
        .of('chat.postMessage')
        .find((c) => c.args.channel === 'U0DCOM' && String(c.args.text).includes('D2-'));
      if (!call) throw new Error('no DM to the director yet');
      return call;
    });
    expect(JSON.stringify(card.args.blocks)).toContain(ACTIONS.d2Sign);
    const ts = await eventually(async () => {
      const stored = await bot.db.store.d2Requests.get(d2!.id);
      if (!stored?.announcement) throw new Error('card not remembered yet');
      return stored.announcement.messageId;
    });

    await postToBot(bot.baseUrl, {
      body: buttonPress('U0SCOM', ACTIONS.d2Sign, d2!.id, 'U0DCOM', ts),
    });
    await eventually(async () => {
      const history = await bot.db.store.caseEvents.history('d2', d2!.id);
      expect(history.at(-1)).toMatchObject({ type: 'd2.attempt_refused', actor: { id: 'U0SCOM' } });
    });
    await postToBot(bot.baseUrl, {
      body: buttonPress('U0DCOM', ACTIONS.d2Sign, d2!.id, 'U0DCOM', ts),
    });
    await eventually(async () =>
      expect(await bot.db.store.d2Requests.get(d2!.id)).toMatchObject({
        status: 'signed',
        signature: { by: { id: 'U0DCOM' } },
      }),
    );
    await postToBot(bot.baseUrl, {
      body: viewSubmission('U0SCOM', {
        id: 'VD2DONE',
        callbackId: VIEWS.d2Complete,
        privateMetadata: JSON.stringify({ id: d2!.id }),
        values: { outcome: input.text('Preventivo inviato') },
      }),
    });
    await eventually(async () =>
      expect(await bot.db.store.d2Requests.get(d2!.id)).toMatchObject({
        status: 'done',
        outcome: 'Preventivo inviato',
      }),
    );
    await eventually(() => {
      const update = bot.stub
        .of('chat.update')
        .filter((c) => c.args.ts === ts)
        .at(-1);
      expect(JSON.stringify(update?.args.blocks)).toContain('Conclusa');
    });
    expect(bot.stub.refusals).toEqual([]);
  });
});
