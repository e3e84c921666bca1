import type { Server } from 'node:http';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import type { RunningChat } from '../../../src/chat.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { parseNumber } from '../../../src/domain/numbering/numbering.js';
import { close, createHttpApp, listen, portOf } from '../../../src/http/server.js';
import { connectDatabase, pingDatabase } from '../../../src/store/connection.js';
import { createStore } from '../../../src/store/index.js';
import { useTestDatabase } from '../../support/database.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { input, postToBot, viewSubmission } from '../../support/slack-requests.js';
import { startSlackStub, type SlackStub } from '../../support/slack-stub.js';
import { startSlowProxy } from '../../support/slow-proxy.js';
import { startTestChat } from '../../support/test-chat.js';
import { toldTo, waitToldTo } from '../../support/told.js';

/** Slack's deadline for answering a view_submission (docs.slack.dev/surfaces/modals). */
const SLACK_DEADLINE_MS = 3_000;

/**
 * The complaint form against Slack's 3 s deadline, through real Bolt over HTTP, with the bot's
 * database behind a proxy that can make it slow: every submission is answered within the
 * deadline, and each one is then told exactly one truthful thing.
 */
describe('Slack: the complaint form within Slack’s 3 seconds', () => {
  const db = useTestDatabase('deadline');
  let proxy: Awaited<ReturnType<typeof startSlowProxy>>;
  let connection: Connection;
  let stub: SlackStub;
  let chat: RunningChat;
  let server: Server;
  let base = '';
  let clientId = '';
  beforeAll(async () => {
    proxy = await startSlowProxy(db.uri);
    connection = await connectDatabase(proxy.uri, db.dbName);
    const store = await createStore(connection, () => undefined);
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    for (const user of ['U0OP', 'U0COPY', 'U0NEW', ...SLOW_USERS])
      await db.store.roles.assign(slackUser(user), ['operator']);
    stub = await startSlackStub();
    const http = createHttpApp({ databaseReachable: () => pingDatabase(connection) });
    chat = await startTestChat(store, http, { slackApiUrl: stub.url });
    server = await listen(http, '127.0.0.1', 0);
    base = `http://127.0.0.1:${portOf(server)}`;
  }, 60_000);
  afterAll(async () => {
    await close(server);
    await chat.stop();
    await stub.close();
    await connection.close();
    await proxy.close();
  });

  const form = (n: number | string, client = clientId) => ({
    client: input.external(OPTIONS.client, client),
    product: input.text(`Caldaia K-${n}`),
    description: input.text(`Perde acqua (${n})`),
    problemCode: input.text('HYD-02'),
    category: input.text('idraulica'),
    department: input.text('assistenza'),
    priority: input.radio('P3'),
    channel: input.select('phone'),
    warranty: input.select('unknown'),
  });
  /** One signed submission; resolves with its HTTP answer and how long it took. */
  const submit = async (user: string, viewId: string, values = form(viewId)) => {
    const started = performance.now();
    const answer = await postToBot(base, {
      body: viewSubmission(user, { id: viewId, callbackId: VIEWS.complaint, values }),
    });
    return { ...answer, ms: performance.now() - started };
  };
  const withinDeadline = (answers: { status: number; text: string; ms: number }[]) => {
    expect(answers.map((a) => [a.status, a.text])).toEqual(answers.map(() => [200, '']));
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(SLACK_DEADLINE_MS);
  };
  const storedNumbers = async () =>
    (await db.store.models.complaint.find({}, { number: 1 }).lean())
      .map((c) => parseNumber(String(c.number))?.seq ?? -1)
      .sort((a, b) => a - b);
  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('answers at once while the database takes a second a round trip, then tells each user once that the case is registered', async () => {
    proxy.slowDown(500);
    try {
      const answers = await Promise.all(SLOW_USERS.map((user) => submit(user, `VSLOW-${user}`)));
      withinDeadline(answers);
      for (const user of SLOW_USERS) {
        const [told] = await waitToldTo(stub, user, 1, undefined, 60_000);
        expect(told).toMatch(/^Reclamo \*R-\d{4}-000[1-5]\* registrato \(P3\)/);
      }
    } finally {
      proxy.slowDown(0);
    }
    expect(await storedNumbers()).toEqual(oneTo(5));
    // Exactly one line each: no second, contradicting one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const user of SLOW_USERS) expect(toldTo(stub, user)).toHaveLength(1);
  }, 90_000);

  it(`answers a burst of ${BURST} submissions in flight within the deadline, and registers and tells every one`, async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => submit('U0OP', `VBURST-${i}`)),
    );
    withinDeadline(answers);
    const told = await waitToldTo(stub, 'U0OP', BURST, undefined, 90_000);
    expect(told.filter((line) => /registrato/.test(line))).toHaveLength(BURST);
    expect(new Set(told).size).toBe(BURST);
    expect(await storedNumbers()).toEqual(oneTo(BURST + 5));
  }, 120_000);

  it('spends one number on ten copies of one view in flight, and tells its user once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => submit('U0COPY', 'VCOPIES', form('copie'))),
    );
    withinDeadline(answers);
    const [told] = await waitToldTo(stub, 'U0COPY', 1);
    // The copies shared the first one's filing, so they were all handled with it: one line.
    expect(toldTo(stub, 'U0COPY')).toEqual([told]);
    expect(parseNumber(/R-\d{4}-\d+/.exec(told ?? '')?.[0] ?? '')?.seq).toBe(BURST + 6);
    expect(
      await db.store.models.complaint.countDocuments({ intakeKey: 'slack:view:VCOPIES' }),
    ).toBe(1);
    expect(await storedNumbers()).toEqual(oneTo(BURST + 6));
  });

  it('registers a new client once for ten copies of one view', async () => {
    const values = form('nuovo', 'new:Officine Gialli Srl');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => submit('U0NEW', 'VNEWCLIENT', values)),
    );
    withinDeadline(answers);
    const told = await waitToldTo(stub, 'U0NEW', 1);
    expect(told[0]).toMatch(/registrato/);
    expect(toldTo(stub, 'U0NEW')).toEqual(told);
    expect(await storedNumbers()).toEqual(oneTo(BURST + 7));
    const clients = await db.store.clients.search('Gialli', 10);
    expect(clients.map((c) => c.name)).toEqual(['Officine Gialli Srl']);
    const [filed] = await db.store.complaints.search('Caldaia K-nuovo', 5);
    expect(filed?.clientId).toBe(clients[0]?.id);
  });

  it('never tells a form that failed after Slack was answered that nothing was saved', async () => {
    chat.slack!.app.view('test_fails_after_answer', async ({ ack }) => {
      await ack();
      throw new Error('fails after the answer');
    });
    const answer = await postToBot(base, {
      body: viewSubmission('U0LATE', {
        id: 'VLATE',
        callbackId: 'test_fails_after_answer',
        values: {},
      }),
    });
    expect(answer.text).toBe('');
    const [told] = await waitToldTo(stub, 'U0LATE', 1);
    expect(told).toMatch(/^Qualcosa è andato storto/);
    expect(told).not.toMatch(/salvato/);
  });
});

/**
 * Submissions in flight at once. The test's own 2-core share also runs the requests' senders and
 * the database; bench/deadline.ts sends 300 against a separate bot process.
 */
const BURST = Number(process.env.DEADLINE_BURST ?? 60);
const SLOW_USERS = ['U0SLOW1', 'U0SLOW2', 'U0SLOW3', 'U0SLOW4', 'U0SLOW5'];
