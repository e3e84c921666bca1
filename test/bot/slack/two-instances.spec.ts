import type { Server } from 'node:http';
import type { Agenda } from 'agenda';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import type { RunningChat } from '../../../src/chat.js';
import type { Notification } from '../../../src/domain/shared/notification.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { close, createHttpApp, listen, portOf } from '../../../src/http/server.js';
import { connectDatabase, pingDatabase } from '../../../src/store/connection.js';
import { createStore } from '../../../src/store/index.js';
import { createAgenda } from '../../../src/jobs/agenda.js';
import { SLA_JOB, agendaSlaScheduler, defineSlaJob } from '../../../src/jobs/sla.job.js';
import { useTestDatabase } from '../../support/database.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import { input, postToBot, viewSubmission } from '../../support/slack-requests.js';
import { startSlackStub, type SlackStub } from '../../support/slack-stub.js';
import { startTestChat } from '../../support/test-chat.js';
import { toldTo, waitToldTo } from '../../support/told.js';
import { FixedClock } from '../../fakes/in-memory-services.js';

/** Two bot processes' worth of app (own connection, store, Bolt, outbox) on one database. */
describe('Slack: two bot instances behind one database', () => {
  const db = useTestDatabase('two_instances');
  let stub: SlackStub;
  const instances: {
    chat: RunningChat;
    server: Server;
    base: string;
    connection: Connection;
    agenda: Agenda;
  }[] = [];
  // Filed two hours ago (by the bot's clock): the P1 clocks' reminders are all due by now.
  const clock = new FixedClock(new Date(Date.now() - 2 * 60 * 60_000));
  let clientId: string;
  beforeAll(async () => {
    stub = await startSlackStub();
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await db.store.roles.assign(slackUser('U0OP'), ['operator']);
    for (let i = 0; i < 2; i++) {
      const connection = await connectDatabase(db.uri, db.dbName);
      const store = await createStore(connection, () => undefined);
      const http = createHttpApp({ databaseReachable: () => pingDatabase(connection) });
      const agenda = createAgenda(connection.db!, { name: `instance-${i}`, processEveryMs: 200 });
      const chat = await startTestChat(store, http, {
        slackApiUrl: stub.url,
        outbox: { baseDelayMs: 50, pollMs: 100 },
        scheduler: agendaSlaScheduler(agenda, clock),
        clock,
      });
      defineSlaJob(agenda, chat.services);
      const server = await listen(http, '127.0.0.1', 0);
      instances.push({
        chat,
        server,
        base: `http://127.0.0.1:${portOf(server)}`,
        connection,
        agenda,
      });
    }
  }, 60_000);
  afterAll(async () => {
    for (const i of instances) {
      await i.agenda.stop();
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
            priority: input.radio('P1'),
            channel: input.select('phone'),
            warranty: input.select('unknown'),
          },
        }),
      });
    for (let from = 0; from < 200; from += 20) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(from + i)));
      expect(answers.every((a) => a.status === 200 && a.text === '')).toBe(true);
    }
    // Each submission is answered at once and told its number afterwards, once.
    const told = await waitToldTo(stub, 'U0OP', 200, /registrato/, 30_000);
    expect(new Set(told).size).toBe(200);
    expect(toldTo(stub, 'U0OP', /non salvato/)).toEqual([]);
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

  it('sends their SLA reminders once each, with both instances running Agenda', async () => {
    const jobs = db.connection.db!.collection('agendaJobs');
    const now = new Date();
    clock.set(now);
    const dueJobs = await jobs.find({ name: SLA_JOB, nextRunAt: { $lte: now } }).toArray();
    const dueBreaches = dueJobs.filter((j) => j.data.kind === 'breach');
    expect(new Set(dueBreaches.map((j) => j.data.caseId)).size).toBe(200);

    await Promise.all(instances.map((i) => i.agenda.start()));
    const reminders = async () =>
      (await db.store.outbox.list())
        .map((e) => ({ n: e.notification, status: e.status }))
        .filter((e) => e.n.type === 'case.reminder');
    await eventually(async () => {
      const breaches = (await reminders()).filter(
        (e) => e.n.type === 'case.reminder' && e.n.kind === 'breach',
      );
      if (breaches.length < dueBreaches.length) throw new Error(`${breaches.length} breaches`);
      if (
        await jobs.countDocuments({ name: SLA_JOB, nextRunAt: { $lte: now }, lastFinishedAt: null })
      )
        throw new Error('jobs still due');
      // A job still locked may yet queue a reminder: wait until none is running.
      if (await jobs.countDocuments({ name: SLA_JOB, lockedAt: { $ne: null } }))
        throw new Error('jobs still running');
    }, 60_000);

    const sent = await reminders();
    const keys = sent.map((e) => {
      const n = e.n as Extract<Notification, { type: 'case.reminder' }>;
      return `${n.case.caseId}:${n.target}:${n.kind}`;
    });
    expect(new Set(keys).size).toBe(keys.length);
    expect(sent.filter((e) => (e.n as { kind?: string }).kind === 'breach')).toHaveLength(
      dueBreaches.length,
    );
    // Delivery of a few hundred reminders on a loaded 2-core machine: a condition, not a 5 s budget.
    await eventually(
      async () => expect((await reminders()).every((e) => e.status === 'delivered')).toBe(true),
      60_000,
    );
    const ranBy = await jobs.distinct('lastModifiedBy', {
      name: SLA_JOB,
      lastFinishedAt: { $ne: null },
    });
    expect(ranBy.sort()).toEqual(['instance-0', 'instance-1']);
    const breachEvents = await db.store.models.caseEvent.find({ type: 'sla.breached' }).lean();
    expect(breachEvents).toHaveLength(dueBreaches.length);
    expect(new Set(breachEvents.map((e) => `${e.caseId}:${JSON.stringify(e.data)}`)).size).toBe(
      dueBreaches.length,
    );
  }, 120_000);
});
