import { beforeAll, describe, expect, it } from 'vitest';
import { VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import {
  draftCommunication,
  protocolCommunication,
} from '../../../src/domain/communication/communication-use-cases.js';
import { raiseD2 } from '../../../src/domain/d2/raise-d2.js';
import { communicationServices } from '../../../src/services.js';
import { aClient, aComplaint, operator, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { input, postToBot, viewSubmission } from '../../support/slack-requests.js';

type Values = Record<string, Record<string, object>>;
const TECH = 'U0TECH';
const CHANNEL = 'C0CASES';

/**
 * Forms that change a case (note, resolve, close, escalate) delivered again — in a row as Slack's
 * retries, or 10 at once — change it once: one event, one line in its thread, one revision, and
 * every delivery is answered as the first. A second, different form on the same case still counts.
 */
describe('Slack: every form that changes a case changes it once per submission', () => {
  const bot = useSlackBot('slack_exactly_once_changes');
  let clientId = '';
  beforeAll(async () => {
    const { store } = bot.db;
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await store.roles.assign(slackUser(TECH), ['technician', 'operator']);
  });

  /** An open case in progress, its card already in CHANNEL (message `ts`). */
  const openCase = async (ts: string) => {
    const { store } = bot.db;
    const complaint = await store.complaints.register(
      aComplaint(clientId, { status: 'in_progress', priority: 'P3' }),
      2026,
    );
    await store.complaints.setAnnouncement(complaint.id, {
      platform: 'slack',
      channel: CHANNEL,
      messageId: ts,
    });
    return complaint.id;
  };
  const deliver = async (body: string, times: number, together: boolean) => {
    const post = (retry: number) =>
      postToBot(bot.baseUrl, { body, ...(retry ? { retryNum: retry } : {}) });
    if (together) return Promise.all(Array.from({ length: times }, () => post(0)));
    const answers = [];
    for (let retry = 0; retry < times; retry++) answers.push(await post(retry));
    return answers;
  };
  const form = (viewId: string, callbackId: string, caseId: string, values: Values) =>
    viewSubmission(TECH, {
      id: viewId,
      callbackId,
      values,
      privateMetadata: JSON.stringify({ id: caseId }),
    });
  const delivered = () =>
    eventually(async () => {
      const waiting = await bot.db.store.models.outbox.countDocuments({
        status: { $in: ['pending', 'delivering'] },
      });
      if (waiting) throw new Error(`${waiting} messages not delivered yet`);
    });
  const threadLines = async (ts: string) => {
    await delivered();
    return bot.stub.of('chat.postMessage').filter((c) => c.args.thread_ts === ts);
  };
  const eventsOf = (caseId: string) =>
    bot.db.store.models.caseEvent.find({ caseId }, { type: 1, data: 1 }).lean();

  for (const [times, together] of [
    [3, false],
    [10, true],
  ] as const) {
    const how = together ? `${times} at once` : `${times} times in a row`;

    it(`a note delivered ${how} is recorded once, with one line in the thread`, async () => {
      const ts = `1700000000.${times}01`;
      const caseId = await openCase(ts);
      const body = form(`VNOTE${times}`, VIEWS.caseNote, caseId, {
        text: input.text('Sentito il cliente'),
      });
      const answers = await deliver(body, times, together);
      expect(answers.map((a) => [a.status, a.text])).toEqual(answers.map(() => [200, '']));
      const notes = (await eventsOf(caseId)).filter((e) => e.type === 'complaint.note_added');
      expect(notes).toHaveLength(1);
      expect((await bot.db.store.complaints.get(caseId))?.revision).toBe(1);
      expect(await threadLines(ts)).toHaveLength(1);

      // Another note on the same case is another submission: it is recorded too.
      await deliver(
        form(`VNOTE${times}b`, VIEWS.caseNote, caseId, { text: input.text('Richiamato') }),
        1,
        false,
      );
      const after = (await eventsOf(caseId)).filter((e) => e.type === 'complaint.note_added');
      expect(after.map((e) => (e.data as { text: string }).text)).toEqual([
        'Sentito il cliente',
        'Richiamato',
      ]);
      expect(await threadLines(ts)).toHaveLength(2);
    });

    it(`resolve then close, each delivered ${how}, move the case once each`, async () => {
      const ts = `1700000000.${times}02`;
      const caseId = await openCase(ts);
      const resolve = form(`VRES${times}`, VIEWS.caseResolve, caseId, {
        solution: input.text('Guarnizione sostituita'),
        origin: input.select('production'),
        costEur: input.number('120'),
      });
      const resolved = await deliver(resolve, times, together);
      expect(resolved.map((a) => [a.status, a.text])).toEqual(resolved.map(() => [200, '']));
      const close = form(`VCLOSE${times}`, VIEWS.caseClose, caseId, {
        origin: input.select('production'),
        costEur: input.number('120'),
      });
      const closed = await deliver(close, times, together);
      expect(closed.map((a) => [a.status, a.text])).toEqual(closed.map(() => [200, '']));
      const moves = (await eventsOf(caseId)).filter((e) => e.type === 'complaint.status_changed');
      expect(moves.map((e) => (e.data as { to: string }).to)).toEqual(['resolved', 'closed']);
      expect(await bot.db.store.complaints.get(caseId)).toMatchObject({
        status: 'closed',
        revision: 2,
      });
      // A line per move, and the operator who filed it mentioned once per move (follow: thread).
      const lines = (await threadLines(ts)).map((c) => String(c.args.text));
      expect(lines).toHaveLength(4);
      expect(lines.filter((l) => l.startsWith(`<@${operator.id}> `))).toHaveLength(2);
    });

    it(`an escalation delivered ${how} asks for one approval, once`, async () => {
      const ts = `1700000000.${times}03`;
      const caseId = await openCase(ts);
      const body = form(`VESC${times}`, VIEWS.caseEscalate, caseId, {
        kind: input.select('cost'),
        reason: input.text('Oltre soglia'),
      });
      const answers = await deliver(body, times, together);
      expect(answers.map((a) => [a.status, a.text])).toEqual(answers.map(() => [200, '']));
      const asked = (await eventsOf(caseId)).filter((e) => e.type === 'approval.requested');
      expect(asked).toHaveLength(1);
      expect((await bot.db.store.complaints.get(caseId))?.approvals).toHaveLength(1);
      // One line for the move to awaiting approval, one for the approval request.
      expect(await threadLines(ts)).toHaveLength(3);
    });
  }

  it('a D2 decline and a "sent" communication, each delivered 10 at once, change their record once', async () => {
    const { store } = bot.db;
    await store.roles.assign(slackUser('U0SDID'), ['SDID']);
    await store.roles.assign(slackUser('U0DIR'), ['DCOM', 'SCOM']);
    const raised = await raiseD2(bot.chat.services, slackUser('U0SDID'), {
      clientId,
      reason: 'Richiamare per il rinnovo',
    });
    if (!raised.ok) throw new Error(JSON.stringify(raised.error));
    const decline = viewSubmission('U0DIR', {
      id: 'VDECL',
      callbackId: VIEWS.d2Decline,
      values: { reason: input.text('Già contattato') },
      privateMetadata: JSON.stringify({ id: raised.value.id }),
    });
    const declined = await deliver(decline, 10, true);
    expect(declined.map((a) => a.text)).toEqual(declined.map(() => ''));
    const d2Events = await eventsOf(raised.value.id);
    expect(d2Events.filter((e) => e.type === 'd2.decline')).toHaveLength(1);
    expect(await store.d2Requests.get(raised.value.id)).toMatchObject({
      status: 'declined',
      revision: 1,
    });

    const letters = communicationServices(store, bot.chat.services);
    const drafted = await draftCommunication(letters, slackUser('U0DIR'), {
      clientId,
      subject: 'Nuovo listino',
      body: 'Gentile cliente, …',
    });
    if (!drafted.ok) throw new Error(JSON.stringify(drafted.error));
    const protocolled = await protocolCommunication(letters, slackUser('U0DIR'), {
      communicationId: drafted.value.id,
    });
    if (!protocolled.ok) throw new Error(JSON.stringify(protocolled.error));
    const sent = viewSubmission('U0DIR', {
      id: 'VSENT',
      callbackId: VIEWS.communicationSent,
      values: { channel: input.select('email') },
      privateMetadata: JSON.stringify({ id: drafted.value.id }),
    });
    const answers = await deliver(sent, 10, true);
    expect(answers.map((a) => a.text)).toEqual(answers.map(() => ''));
    const letterEvents = await eventsOf(drafted.value.id);
    expect(letterEvents.filter((e) => e.type === 'communication.sent')).toHaveLength(1);
    await delivered();
    const told = bot.stub.calls.filter(
      (c) => c.method.startsWith('chat.post') && String(c.args.text).includes('inviata'),
    );
    expect(told).toHaveLength(1);
  });
});
