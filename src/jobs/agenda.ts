import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Db } from 'mongodb';

export interface SchedulerOptions {
  /** Shown in Agenda's lock fields: which process holds a job. */
  name: string;
  processEveryMs?: number;
  lockLifetimeMs?: number;
}

/** Agenda on the bot's own database (collection agendaJobs), polling for due jobs. */
export function createAgenda(db: Db, options: SchedulerOptions): Agenda {
  return new Agenda({
    backend: new MongoBackend({ mongo: db }),
    name: options.name,
    processEvery: options.processEveryMs ?? 5_000,
    defaultLockLifetime: options.lockLifetimeMs ?? 10 * 60_000,
  });
}
