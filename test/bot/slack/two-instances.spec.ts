import type { Server } from 'node:http';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import type { RunningChat } from '../../../src/chat.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { close, createHttpApp, listen, portOf } from '../../../src/http/server.js';
import { connectDatabase, pingDatabase } from '../../../src/store/connection.js';
import { createStore } from '../../../src/store/index.js';
import { useTestDatabase } from '../../support/database.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import { input, postToBot, viewSubmission } from '../../support/slack-requests.js';
import { startSlackStub, type SlackStub } from '../../support/slack-stub.js';
import { startTestChat } from '../../support/test-chat.js';

/** Two bot processes' worth of app (own connection, store, Bolt, outbox) on one database. */
describe('Slack: two bot instances behind one database', () => {
  const db = useTestDatabase('two_instances');
  let stub: SlackStub;
  const instances: { chat: RunningChat; server: Server; base: string; connection: Connection }[] =
    [];
  let clientId: string;
  beforeAll(async () => {
    stub = await startSlackStub();
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await db.store.roles.assign(slackUser('U0OP'), ['operator']);
    for (let i = 0; i < 2; i++) {
      const connection = await connectDatabase(db.uri, db.dbName);
      const store = await createStore(connection, () => undefined);
      const http = createHttpApp({ databaseReachable: () => pingDatabase(connection) });
      const chat = startTestChat(store, http, {
        slackApiUrl: stub.url,
        outbox: { baseDelayMs: 50, pollMs: 100 },
      });
      const server = await listen(http, '127.0.0.1', 0);
      instances.push({ chat, server, base: `http://127.0.0.1:${portOf(server)}`, connection });
    }
  }, 60_000);
  afterAll(async () => {
    for (const i of instances) {
      await close(i.server);
      await i.chat.stop();
      await i.connection.close();
    }
    await stub.close();
  });

  it('files a burst of 200 complaints once each, numbered 1–200 without gaps, each card posted once', async () => {
    const submit = (n: number) =>
      postToBot(instances[n % 2]!.base, {
        body: viewSubmission('U0OP', {
          id: `VBURST${n}`,
          callbackId: VIEWS.complaint,
          values: {
            client: input.external(OPTIONS.client, clientId),
            product: input.text(`Prodotto ${n}`),
            description: input.text(`Guasto numero ${n}`),
            problemCode: input.text(`B-${n}`),
            category: input.text('burst'),
            department: input.text('assistenza'),
            priority: input.radio('P3'),
            channel: input.select('phone'),
            warranty: input.select('unknown'),
          },
        }),
      });
    for (let from = 0; from < 200; from += 20) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(from + i)));
      expect(answers.every((a) => a.status === 200 && a.text === '')).toBe(true);
    }
    const numbers = (await db.store.models.complaint.find({}, { number: 1 }).lean()).map((c) =>
      Number(String(c.number).slice(7)),
    );
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const cards = await eventually(() => {
      const posted = stub
        .of('chat.postMessage')
        .filter((c) => c.args.channel === 'C0TRIAGE' && !c.args.thread_ts);
      if (posted.length < 200) throw new Error(`${posted.length} cards so far`);
      return posted;
    }, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const texts = stub
      .of('chat.postMessage')
      .filter((c) => c.args.channel === 'C0TRIAGE' && !c.args.thread_ts)
      .map((c) => String(c.args.text));
    expect(texts).toHaveLength(200);
    expect(new Set(texts).size).toBe(200);
    expect(cards.length).toBe(200);
  }, 90_000);
});
