import type { Agenda } from 'agenda';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningChat } from '../../src/chat.js';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { createHttpApp } from '../../src/http/server.js';
import { AGENDA_COLLECTION, createAgenda } from '../../src/jobs/agenda.js';
import { agendaSlaScheduler } from '../../src/jobs/sla.job.js';
import { FILING_SWEEP } from '../../src/jobs/sweeps.job.js';
import { createLogger } from '../../src/log.js';
import { startJobs } from '../../src/start-jobs.js';
import { connectDatabase, pingDatabase } from '../../src/store/connection.js';
import { createStore, type Store } from '../../src/store/index.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint, director, slackUser } from '../support/fixtures.js';
import { eventually } from '../support/slack-bot.js';
import { startSlackStub, type SlackStub } from '../support/slack-stub.js';
import { startTestChat } from '../support/test-chat.js';

const operator = slackUser('U0OP');

/**
 * A bot process died after storing two cases and before queueing their cards; its filing sweep
 * had last run a minute before, so its next run is nine minutes away. Two instances then start
 * together, through the same job start-up as `npm start`, with real Agenda and its own poll.
 */
describe('start-up: interrupted filings are carded after a restart, once', () => {
  const db = useTestDatabase('start_up_recovery');
  let stub: SlackStub;
  const instances: { connection: Connection; agenda: Agenda; chat: RunningChat }[] = [];
  let clientId: string;
  afterAll(async () => {
    for (const i of instances) {
      await i.agenda.stop();
      await i.chat.stop();
      await i.connection.close();
    }
    await stub?.close();
  });

  /** What the crashed process stored: the case under its number, nothing else. */
  const storedThenCrashed = (store: Store, problemCode: string, filedAt: Date) =>
    store.complaints.register(
      {
        ...aComplaint(clientId, {
          priority: 'P3',
          problemCode,
          intakeKey: `slack:view:V${problemCode}`,
        }),
        status: 'awaiting_approval',
        registeredBy: operator,
        receivedAt: filedAt,
        phaseTimes: { new: filedAt },
        satisfaction: undefined,
        announcement: undefined,
        slaClocks: [],
      },
      filedAt.getFullYear(),
    );

  beforeAll(async () => {
    stub = await startSlackStub();
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await db.store.roles.assign(operator, ['operator']);
    await db.store.roles.assign(director, ['DCOM']);
    const crashed = createAgenda(db.connection.db!, { name: 'crashed' });
    await crashed.every('10 minutes', FILING_SWEEP);
    await db.connection.db!.collection(AGENDA_COLLECTION).updateOne(
      { name: FILING_SWEEP, type: 'single' },
      {
        $set: {
          lastRunAt: new Date(Date.now() - 60_000),
          nextRunAt: new Date(Date.now() + 9 * 60_000),
        },
      },
    );
  });

  const cardsOf = (number: string) =>
    stub
      .of('chat.postMessage')
      .filter((c) => !c.args.thread_ts && JSON.stringify(c.args.blocks ?? '').includes(number));

  it('cards a filing from ten minutes ago and one from just before the crash within a minute, each once, with two instances starting together', async () => {
    const longAgo = await storedThenCrashed(
      db.store,
      'LONG-AGO',
      new Date(Date.now() - 10 * 60_000),
    );
    const justBefore = await storedThenCrashed(
      db.store,
      'JUST-BEFORE',
      new Date(Date.now() - 2_000),
    );

    const restartedAt = Date.now();
    await Promise.all(
      [0, 1].map(async (i) => {
        const connection = await connectDatabase(db.uri, db.dbName);
        const store = await createStore(connection, () => undefined);
        const agenda = createAgenda(connection.db!, { name: `restarted-${i}` });
        const scheduler = agendaSlaScheduler(agenda, { now: () => new Date() });
        const http = createHttpApp({ databaseReachable: () => pingDatabase(connection) });
        const chat = await startTestChat(store, http, { slackApiUrl: stub.url, scheduler });
        instances.push({ connection, agenda, chat });
        await startJobs({
          agenda,
          db: connection.db!,
          store,
          chat,
          keep: scheduler.keep,
          digestChannel: undefined,
          log: createLogger('silent'),
        });
      }),
    );

    await eventually(() => expect(cardsOf(longAgo.number)).toHaveLength(1), 20_000);
    await eventually(() => expect(cardsOf(justBefore.number)).toHaveLength(1), 60_000);
    expect(Date.now() - restartedAt).toBeLessThan(60_000);

    // Every catch-up run has finished, on whichever instance took it: still one card each.
    const jobs = db.connection.db!.collection(AGENDA_COLLECTION);
    await eventually(async () => {
      const pending = await jobs.countDocuments({
        'data.catchUp': { $exists: true },
        $or: [{ nextRunAt: { $ne: null } }, { lockedAt: { $ne: null } }],
      });
      expect(pending).toBe(0);
    }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const crashedCase of [longAgo, justBefore]) {
      expect(cardsOf(crashedCase.number), crashedCase.number).toHaveLength(1);
      const history = await db.store.caseEvents.history('complaint', crashedCase.id);
      expect(history.filter((e) => e.type === 'complaint.filed')).toHaveLength(1);
    }
    // Still the recurring sweep left by the crashed process (nine minutes away), not a second one.
    expect(await jobs.countDocuments({ name: FILING_SWEEP, type: 'single' })).toBe(1);
  }, 120_000);
});
