import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Db } from 'mongodb';

export interface SchedulerOptions {
  /** Shown in Agenda's lock fields: which process holds a job. */
  name: string;
  processEveryMs?: number;
  lockLifetimeMs?: number;
}

/** Where Agenda keeps its jobs, in the bot's own database. */
export const AGENDA_COLLECTION = 'agendaJobs';

/** Agenda on the bot's own database (collection AGENDA_COLLECTION), polling for due jobs. */
export function createAgenda(db: Db, options: SchedulerOptions): Agenda {
  return new Agenda({
    backend: new MongoBackend({ mongo: db, collection: AGENDA_COLLECTION }),
    name: options.name,
    processEvery: options.processEveryMs ?? 5_000,
    defaultLockLifetime: options.lockLifetimeMs ?? 10 * 60_000,
  });
}
