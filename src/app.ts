import type { Server } from 'node:http';
import path from 'node:path';
import type { Connection } from 'mongoose';
import type { Config } from './config.js';
import { startChat, type RunningChat } from './chat.js';
import { companyRules } from './company-rules.js';
import { mountAdmin } from './http/admin.js';
import { mountSurvey } from './http/survey-page.js';
import { close, createHttpApp, listen } from './http/server.js';
import { createAgenda } from './jobs/agenda.js';
import { agendaSlaScheduler } from './jobs/sla.job.js';
import { satisfactionServices } from './services.js';
import { startJobs } from './start-jobs.js';
import type { Logger } from './log.js';
import { connectDatabase, pingDatabase } from './store/connection.js';
import { startEmbeddedDatabase } from './store/embedded/embedded-database.js';
import type { RunningDatabase } from './store/embedded/mongo-wire.js';
import { createStore, type Store } from './store/index.js';

const systemClock = { now: () => new Date() };

export interface RunningApp {
  server: Server;
  connection: Connection;
  store: Store;
  chat: RunningChat;
  stop(): Promise<void>;
}

/** Wires the running bot: database, store, HTTP. Each later part registers here. */
export async function startApp(config: Config, log: Logger): Promise<RunningApp> {
  const embedded = config.database.uri ? undefined : await startEmbedded(config, log);
  const uri = config.database.uri ?? embedded!.uri;
  log.info({ database: embedded?.description ?? 'MONGODB_URI' }, 'database in use');

  const connection = await connectDatabase(uri);
  const store = await createStore(
    connection,
    (bad) => log.warn({ bad }, 'stored record fails its schema'),
    config.loyalAfterYears ? { afterYears: config.loyalAfterYears } : {},
  );
  const app = createHttpApp({ databaseReachable: () => pingDatabase(connection) });
  const agenda = createAgenda(connection.db!, { name: `sportello-${process.pid}` });
  const scheduler = agendaSlaScheduler(agenda, systemClock);
  const chat = await startChat({
    config,
    store,
    http: app,
    clock: systemClock,
    rules: companyRules(config),
    scheduler,
    log,
    slackIntakeJournal: path.join(config.database.dataDir, 'slack-intake.jsonl'),
  });
  mountAdmin(app, agenda, config.admin);
  mountSurvey(app, satisfactionServices(store, chat.services), config.defaultLocale);
  await startJobs({
    agenda,
    db: connection.db!,
    store,
    chat,
    keep: scheduler.keep,
    digestChannel: config.digestChannel,
    log,
  });
  const server = await listen(app, config.http.host, config.http.port);
  log.info({ host: config.http.host, port: config.http.port }, 'http server listening');

  return {
    server,
    connection,
    store,
    chat,
    async stop() {
      await close(server);
      await agenda.stop();
      await chat.stop();
      await connection.close();
      await embedded?.stop();
      log.info('stopped');
    },
  };
}

function startEmbedded(config: Config, log: Logger): Promise<RunningDatabase> {
  log.info({ dataDir: config.database.dataDir }, 'no MONGODB_URI: starting an embedded database');
  return startEmbeddedDatabase({
    dataDir: config.database.dataDir,
    onFallback: (reason) => log.warn(reason),
  });
}
