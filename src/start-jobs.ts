import type { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import type { RunningChat } from './chat.js';
import { AGENDA_COLLECTION } from './jobs/agenda.js';
import { catchUpAtStart } from './jobs/catch-up.job.js';
import { defineDigestJob, digestDefault } from './jobs/digest.job.js';
import { SLA_PROMOTION, defineSlaJob, defineSlaPromotion } from './jobs/sla.job.js';
import { SWEEP_CATCH_UPS, defineSweeps } from './jobs/sweeps.job.js';
import type { Logger } from './log.js';
import {
  careServices,
  digestServices,
  filingServices,
  slaPromotionServices,
  unsignedD2Services,
} from './services.js';
import type { SlaPromotionServices } from './domain/sla/promote-reminders.js';
import type { Store } from './store/index.js';

export interface JobsDeps {
  agenda: Agenda;
  /** The database Agenda keeps its jobs in. */
  db: Db;
  store: Store;
  chat: RunningChat;
  /** The SLA scheduler's `keep`, which the promotion job hands reminders to. */
  keep: SlaPromotionServices['keep'];
  digestChannel: string | undefined;
  log: Logger;
}

/**
 * Defines every Agenda job on the chat's use cases, queues the start-up catch-ups (what a crash
 * or a stop left undone is picked up now, not at the next interval) and starts Agenda.
 */
export async function startJobs(deps: JobsDeps) {
  const { agenda, db, store, chat, keep, digestChannel, log } = deps;
  defineSlaJob(agenda, chat.services);
  await defineSlaPromotion(
    agenda,
    slaPromotionServices(store, chat.services, keep),
    db.collection(AGENDA_COLLECTION),
  );
  await defineSweeps(agenda, {
    unsignedD2: unsignedD2Services(store, chat.services),
    care: careServices(store, chat.services),
    filings: filingServices(store, chat.services),
    log,
  });
  await defineDigestJob(agenda, digestServices(store, chat.services), {
    destination: digestDefault(digestChannel),
    settings: store.settings,
    log: { warn: (message) => log.warn(message) },
  });
  // Agenda runs on the wall clock, whatever clock the use cases are given.
  await catchUpAtStart(
    agenda,
    [{ name: SLA_PROMOTION, afterMs: 0 }, ...SWEEP_CATCH_UPS],
    new Date(),
  );
  await agenda.start();
}
