import type { Complaint } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { announceKey } from './complaint-messages.js';
import { record } from './file-complaint.js';

/** What finding an interrupted filing needs from the store. */
export interface InterruptedFilings {
  /** Cases filed from chat (not imported) in [since, before) whose card was never posted (by when they were filed). */
  unannounced(since: Date, before: Date, limit: number): Promise<Complaint[]>;
  /** Whether a message was queued under this once-key. */
  queued(onceKey: string): Promise<boolean>;
  /** Whether the case's audit trail holds an event of this type. */
  recorded(caseId: string, type: string): Promise<boolean>;
  /** Takes a one-time claim (false when someone holds it): two sweeps never finish one case. */
  claim(key: string): Promise<boolean>;
}

export interface FinishFilingOptions {
  /** A filing younger than this may still be finishing in its own request. */
  graceMinutes?: number;
  lookbackDays?: number;
  limit?: number;
}

/**
 * A filing stores the case first and queues its card after: a crash in between leaves a case
 * nobody was told about. This finds such cases (no card queued under the case's once-key) and
 * does the rest of the filing — events if missing, reminders, card, approval requests — exactly
 * once, since every message keeps its once-key.
 */
export async function finishInterruptedFilings(
  services: ComplaintServices & { filings: InterruptedFilings },
  options: FinishFilingOptions = {},
): Promise<{ finished: string[] }> {
  const { graceMinutes = 2, lookbackDays = 7, limit = 100 } = options;
  const now = services.clock.now().getTime();
  const candidates = await services.filings.unannounced(
    new Date(now - lookbackDays * 24 * 60 * 60_000),
    new Date(now - graceMinutes * 60_000),
    limit,
  );
  const finished: string[] = [];
  // Per sweep window: if the sweep that claimed a case dies, a later window tries again.
  const window = Math.floor(now / (10 * 60_000));
  for (const complaint of candidates) {
    if (await services.filings.queued(announceKey(complaint.id))) continue;
    if (!(await services.filings.claim(`finish-filing:${complaint.id}:${window}`))) continue;
    const logged = await services.filings.recorded(complaint.id, 'complaint.filed');
    const filedAt = complaint.phaseTimes.new ?? complaint.receivedAt;
    await record(services, complaint, complaint.registeredBy, filedAt, !logged);
    finished.push(complaint.number);
  }
  return { finished };
}
