import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { toldTo, waitToldTo } from '../../support/told.js';
import {
  buttonPress,
  input,
  postToBot,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';

const user = slackUser;
const OPERATOR = 'U0OP';
const TECH = 'U0TECH';
const DIRECTOR = 'U0DCOM';

describe('Slack: a complaint from /complaint to closing, through real Bolt over HTTP', () => {
  const bot = useSlackBot('slack_walk', { locales: { U0EN: 'en-US' } });
  let clientId: string;
  beforeAll(async () => {
    clientId = (
      await bot.db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'ROSSI' })))
    ).id;
    await bot.db.store.roles.assign(user(OPERATOR), ['operator']);
    await bot.db.store.roles.assign(user(TECH), ['technician']);
    await bot.db.store.roles.assign(user(DIRECTOR), ['DCOM']);
    await bot.db.store.routingRules.insert({
      department: 'assistenza',
      category: '*',
      priority: '*',
      destination: { platform: 'slack', channel: 'C0ASSIST' },
      mention: [user(TECH)],
    });
  });

  const post = (body: string, extra: { retryNum?: number; contentType?: string } = {}) =>
    postToBot(bot.baseUrl, { body, ...extra });
  const complaintForm = (overrides: Record<string, object> = {}) => ({
    client: input.external(OPTIONS.client, clientId),
    product: input.text('Pressa PX-200'),
    description: input.text('Perdita d’olio dal cilindro <!channel>'),
    problemCode: input.text('HYD-02'),
    category: input.text('idraulica'),
    department: input.text('assistenza'),
    priority: input.radio('P2'),
    estimatedCostEur: input.number('1500'),
    flags: input.checks(),
    warranty: input.select('in_warranty'),
    channel: input.select('phone'),
    ...overrides,
  });
  const submitComplaint = (viewId: string, values = complaintForm(), retryNum?: number) =>
    post(
      viewSubmission(OPERATOR, {
        id: viewId,
        callbackId: VIEWS.complaint,
        values,
        privateMetadata: '{"channel":"C0OPS"}',
      }),
      retryNum === undefined ? {} : { retryNum },
    );

  it('refuses a bad signature and a stale timestamp with 401, storing nothing', async () => {
    const body = viewSubmission(OPERATOR, {
      id: 'VBAD',
      callbackId: VIEWS.complaint,
      values: complaintForm(),
    });
    expect((await postToBot(bot.baseUrl, { body, secret: 'wrong-secret' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await postToBot(bot.baseUrl, { body, timestamp: stale })).status).toBe(401);
    expect((await postToBot(bot.baseUrl, { body, signature: 'v0=deadbeef' })).status).toBe(401);
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
  });

  it('opens the complaint form with the seed’s priority definitions as hints', async () => {
    const answer = await post(slashCommand(COMMANDS.complaint, OPERATOR));
    expect(answer.status).toBe(200);
    const open = await eventually(() => {
      const call = bot.stub.of('views.open')[0];
      if (!call) throw new Error('no views.open yet');
      return call;
    });
    const view = open.args.view as {
      callback_id: string;
      blocks: { block_id?: string; element?: { options?: { description?: { text: string } }[] } }[];
    };
    expect(view.callback_id).toBe(VIEWS.complaint);
    const priority = view.blocks.find((b) => b.block_id === 'priority');
    expect(priority?.element?.options?.[0]?.description?.text).toMatch(/30 minuti/);
  });

  it('answers invalid input with field errors in Italian and stores nothing', async () => {
    const answer = await submitComplaint(
      'VINVALID',
      complaintForm({
        product: input.text('x'.repeat(300)),
        description: input.text('bell\u0007'),
        priority: input.radio('P9'),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      response_action: 'errors',
      errors: {
        product: 'Al massimo 200 caratteri.',
        description: 'Contiene caratteri di controllo non ammessi.',
        priority: 'Valore non valido.',
      },
    });
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
  });

  let caseId = '';
  let cardTs = '';
  it('registers the case once even when Slack retries, and posts its card to the department channel', async () => {
    expect((await submitComplaint('VOK1')).text).toBe('');
    expect((await submitComplaint('VOK1', complaintForm(), 1)).status).toBe(200);
    // The form closed at once; the operator is told once, with the case's number.
    const answers = await waitToldTo(bot.stub, OPERATOR, 1, /registrato/);
    expect(answers[0]).toContain('R-2026-0001');
    // A retry after the case was filed adds no second confirmation either.
    expect((await submitComplaint('VOK1', complaintForm(), 2)).status).toBe(200);
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(1);
    const complaint =
      (await bot.db.store.complaints.findByNumber('R-2026-0001')) ??
      (await bot.db.store.complaints.recent(1))[0];
    expect(complaint).toMatchObject({
      status: 'awaiting_approval',
      priority: 'P2',
      registeredBy: { id: OPERATOR },
    });
    caseId = complaint!.id;

    const card = await eventually(() => {
      const call = bot.stub.of('chat.postMessage').find((c) => c.args.channel === 'C0ASSIST');
      if (!call) throw new Error('no card yet');
      return call;
    });
    expect(JSON.stringify(card.args.blocks)).toContain(complaint!.number);
    expect(JSON.stringify(card.args.blocks)).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(card.args.blocks)).not.toContain('<!channel>');
    const stored = await eventually(async () => {
      const c = await bot.db.store.complaints.get(caseId);
      if (!c?.announcement) throw new Error('announcement not stored yet');
      return c;
    });
    cardTs = stored.announcement!.messageId;
    expect(stored.announcement).toMatchObject({ platform: 'slack', channel: 'C0ASSIST' });
    await eventually(() => {
      const thread = bot.stub.of('chat.postMessage').filter((c) => c.args.thread_ts === cardTs);
      expect(thread.some((c) => String(c.args.text).includes(`<@${DIRECTOR}>`))).toBe(true);
    });
    expect(answers[0]).toMatch(/registrato: attende l’approvazione/);
    // By now (card and thread delivered) every delivery of VOK1 has been handled: one line.
    expect(toldTo(bot.stub, OPERATOR, /registrato/)).toEqual([answers[0]]);
  });

  it('refuses the approval of a non-director, tells them privately and audits the attempt', async () => {
    const value = JSON.stringify({ c: caseId, k: 'cost' });
    expect((await post(buttonPress(TECH, ACTIONS.approve, value, 'C0ASSIST', cardTs))).status).toBe(
      200,
    );
    await eventually(async () => {
      const history = await bot.db.store.caseEvents.history('complaint', caseId);
      expect(history.at(-1)).toMatchObject({
        type: 'approval.attempt_refused',
        actor: { id: TECH },
      });
    });
    const refusal = await eventually(() => {
      const call = bot.stub.of('chat.postEphemeral').find((c) => c.args.user === TECH);
      if (!call) throw new Error('no refusal yet');
      return call;
    });
    expect(refusal.args.text).toMatch(/Il tentativo è stato registrato/);
    expect((await bot.db.store.complaints.get(caseId))?.status).toBe('awaiting_approval');
  });

  it('walks the case: director approves, technician takes it, escalation, resolve, close — card updated each time', async () => {
    const press = async (who: string, action: string, value = caseId) => {
      expect((await post(buttonPress(who, action, value, 'C0ASSIST', cardTs))).status).toBe(200);
    };
    const statusBecomes = (status: string) =>
      eventually(async () =>
        expect((await bot.db.store.complaints.get(caseId))?.status).toBe(status),
      );
    const updatesBefore = bot.stub.of('chat.update').length;

    await press(DIRECTOR, ACTIONS.approve, JSON.stringify({ c: caseId, k: 'cost' }));
    await statusBecomes('acknowledged');
    await press(TECH, ACTIONS.takeInCharge);
    await statusBecomes('in_progress');
    await eventually(async () =>
      expect((await bot.db.store.complaints.get(caseId))?.serviceOrderId).toMatch(/^[0-9a-f]{24}$/),
    );

    await press(TECH, ACTIONS.escalate);
    const escalateForm = await eventually(() => {
      const call = bot.stub
        .of('views.open')
        .find((c) => (c.args.view as { callback_id: string }).callback_id === VIEWS.caseEscalate);
      if (!call) throw new Error('no escalate form yet');
      return call;
    });
    const metadata = (escalateForm.args.view as { private_metadata: string }).private_metadata;
    const escalated = await post(
      viewSubmission(TECH, {
        id: 'VESC',
        callbackId: VIEWS.caseEscalate,
        privateMetadata: metadata,
        values: {
          kind: input.select('feature_change'),
          reason: input.text('Il cliente chiede una modifica al ciclo'),
        },
      }),
    );
    expect(escalated.text).toBe('');
    await statusBecomes('awaiting_approval');
    await bot.db.store.roles.assign(user(DIRECTOR), ['DCOM', 'manager']);
    await press(DIRECTOR, ACTIONS.approve, JSON.stringify({ c: caseId, k: 'feature_change' }));
    await statusBecomes('acknowledged');
    await press(TECH, ACTIONS.takeInCharge);
    await statusBecomes('in_progress');

    const resolve = await post(
      viewSubmission(TECH, {
        id: 'VRES',
        callbackId: VIEWS.caseResolve,
        privateMetadata: JSON.stringify({ id: caseId }),
        values: {
          solution: input.text('Sostituita la guarnizione'),
          costEur: input.number('320.5'),
        },
      }),
    );
    expect(resolve.text).toBe('');
    await statusBecomes('resolved');

    const incomplete = await post(
      viewSubmission(OPERATOR, {
        id: 'VCL1',
        callbackId: VIEWS.caseClose,
        privateMetadata: JSON.stringify({ id: caseId }),
        values: { note: input.text('chiudo') },
      }),
    );
    expect(incomplete.json()).toMatchObject({
      response_action: 'errors',
      errors: { note: expect.stringMatching(/origin/) },
    });
    const close = await post(
      viewSubmission(OPERATOR, {
        id: 'VCL2',
        callbackId: VIEWS.caseClose,
        privateMetadata: JSON.stringify({ id: caseId }),
        values: { origin: input.select('supplier') },
      }),
    );
    expect(close.text).toBe('');
    await statusBecomes('closed');

    const final = await bot.db.store.complaints.get(caseId);
    expect(final).toMatchObject({
      status: 'closed',
      origin: 'supplier',
      costEur: 320.5,
      solution: 'Sostituita la guarnizione',
    });
    expect(final?.approvals.map((a) => [a.kind, a.status, a.decidedBy?.id])).toEqual([
      ['cost', 'approved', DIRECTOR],
      ['feature_change', 'approved', DIRECTOR],
    ]);
    // The close's own notification delivered, and nothing else waiting or parked: its card
    // update is then the last. Counts of calls are no such sign: the thread also holds the
    // approval requests and mentions, the approvals update the card directly, and the close's
    // entry is queued after the case is saved; so both counts can be reached, and the outbox be
    // empty, while the close's update is still to come.
    await eventually(async () => {
      const entries = await bot.db.store.models.outbox.find({}, { status: 1, notification: 1 });
      const closing = entries.find(
        (e) => e.notification.type === 'case.changed' && e.notification.event.data?.to === 'closed',
      );
      expect(closing?.status).toBe('delivered');
      expect(entries.map((e) => e.status)).toEqual(
        expect.not.arrayContaining(['pending', 'delivering', 'parked']),
      );
    });
    const history = await bot.db.store.caseEvents.history('complaint', caseId);
    const thread = bot.stub.of('chat.postMessage').filter((c) => c.args.thread_ts === cardTs);
    const changed = history.filter(
      (e) => e.type !== 'complaint.filed' && e.type !== 'approval.attempt_refused',
    );
    expect(bot.stub.of('chat.update').length - updatesBefore).toBeGreaterThanOrEqual(9);
    expect(thread.length).toBeGreaterThanOrEqual(changed.length);
    const lastUpdate = bot.stub.of('chat.update').at(-1);
    expect(lastUpdate?.args).toMatchObject({ channel: 'C0ASSIST', ts: cardTs });
    expect(JSON.stringify(lastUpdate?.args.blocks)).toContain('Chiuso');
    expect(bot.stub.refusals).toEqual([]);
  });
});
