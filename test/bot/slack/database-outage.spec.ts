import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import type { RunningChat } from '../../../src/chat.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { close, createHttpApp, listen, portOf } from '../../../src/http/server.js';
import { connectDatabase, pingDatabase } from '../../../src/store/connection.js';
import { startMongoWire, type RunningDatabase } from '../../../src/store/embedded/mongo-wire.js';
import { createStore, type Store } from '../../../src/store/index.js';
import type { Connection } from 'mongoose';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import { input, postToBot, viewSubmission } from '../../support/slack-requests.js';
import { startSlackStub, type SlackStub } from '../../support/slack-stub.js';
import { startTestChat } from '../../support/test-chat.js';
import { toldTo, waitToldTo } from '../../support/told.js';

/** The bot on its own database server (an H2 file), which the test stops and starts again. */
describe('Slack: the database goes away and comes back', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'outage-')), 'db.mv');
  let database: RunningDatabase;
  let port: number;
  let connection: Connection;
  let store: Store;
  let stub: SlackStub;
  let chat: RunningChat;
  let server: Server;
  let base: string;
  let clientId: string;
  beforeAll(async () => {
    database = await startMongoWire({ file });
    port = Number(new URL(database.uri).port);
    connection = await connectDatabase(database.uri, 'outage');
    store = await createStore(connection, () => undefined);
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await store.roles.assign(slackUser('U0OP'), ['operator']);
    stub = await startSlackStub();
    const http = createHttpApp({ databaseReachable: () => pingDatabase(connection) });
    chat = await startTestChat(store, http, {
      slackApiUrl: stub.url,
      outbox: { baseDelayMs: 50, pollMs: 200 },
    });
    server = await listen(http, '127.0.0.1', 0);
    base = `http://127.0.0.1:${portOf(server)}`;
  }, 60_000);
  afterAll(async () => {
    await close(server);
    await chat.stop();
    await stub.close();
    await connection.close();
    await database.stop();
  });

  const submit = (viewId: string) =>
    postToBot(base, {
      body: viewSubmission('U0OP', {
        id: viewId,
        callbackId: VIEWS.complaint,
        values: {
          client: input.external(OPTIONS.client, clientId),
          product: input.text('Pompa'),
          description: input.text('Non parte'),
          problemCode: input.text('PMP-1'),
          category: input.text('pompe'),
          department: input.text('assistenza'),
          priority: input.radio('P3'),
          channel: input.select('phone'),
          warranty: input.select('unknown'),
        },
      }),
    });

  it('closes the form at once, tells the user the complaint was not saved with what they typed, and recovers by itself', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await database.stop();
    await eventually(async () => expect((await fetch(`${base}/healthz`)).status).toBe(503), 10_000);

    const started = Date.now();
    const answer = await submit('VDOWN');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const [told] = await waitToldTo(stub, 'U0OP', 1, undefined, 15_000);
    expect(told).toMatch(/non salvato.*il database non ha risposto/);
    expect(told).toContain('Pompa');
    expect(told).toContain('Non parte');
    expect(told).not.toMatch(/registrato/);

    database = await startMongoWire({ file, port });
    await eventually(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), 20_000);
    expect(await store.models.complaint.countDocuments()).toBe(0);
    expect((await submit('VUP')).text).toBe('');
    const answers = await waitToldTo(stub, 'U0OP', 2);
    expect(answers[1]).toMatch(/^Reclamo \*R-\d{4}-0001\* registrato/);
    expect(await store.models.complaint.countDocuments()).toBe(1);
    // One message per submission, and none of them says anything else.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(toldTo(stub, 'U0OP')).toHaveLength(2);
  }, 60_000);
});
