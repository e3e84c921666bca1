import type { Agenda } from 'agenda';
import { remindCareCalls } from '../domain/care/care-call-use-cases.js';
import type { CareServices } from '../domain/care/care.ports.js';
import { finishInterruptedFilings } from '../domain/complaint/finish-filing.js';
import {
  remindUnsignedD2s,
  remindUnstartedD2s,
  type UnsignedD2Services,
} from '../domain/d2/remind-unsigned-d2.js';
import type { CatchUp } from './catch-up.job.js';

export const D2_SWEEP = 'd2.unsigned-sweep';
export const CARE_SWEEP = 'care.calls-sweep';
export const FILING_SWEEP = 'complaint.filing-sweep';

/**
 * A filing younger than this may still be finishing in its own request. Filings run before the
 * form is acknowledged, inside Slack's 3 s, so 30 s is ample and lets a restart card what a crash
 * interrupted within a minute.
 */
export const FILING_GRACE_MS = 30_000;

/**
 * At start-up: every sweep at once, and the filing sweep again when the filings that were in
 * flight at the crash are past their grace (plus one Agenda poll).
 */
export const SWEEP_CATCH_UPS: CatchUp[] = [
  { name: D2_SWEEP, afterMs: 0 },
  { name: CARE_SWEEP, afterMs: 0 },
  { name: FILING_SWEEP, afterMs: 0 },
  { name: FILING_SWEEP, afterMs: FILING_GRACE_MS + 5_000 },
];

export interface SweepDeps {
  unsignedD2: UnsignedD2Services;
  care: CareServices;
  filings: Parameters<typeof finishInterruptedFilings>[0];
  log: { warn(data: object, message: string): void };
}

/**
 * Periodic sweeps: unsigned D2 requests, due care calls, and filings a crash interrupted. Each
 * message carries a once-key, so a sweep may run often, late or twice without telling anyone twice.
 */
export async function defineSweeps(agenda: Agenda, deps: SweepDeps, every = '10 minutes') {
  agenda.define(D2_SWEEP, async () => {
    const result = await remindUnsignedD2s(deps.unsignedD2);
    for (const failure of result.failures) deps.log.warn(failure, 'unsigned D2 reminder failed');
    const unstarted = await remindUnstartedD2s(deps.unsignedD2);
    for (const failure of unstarted.failures)
      deps.log.warn(failure, 'unstarted D2 reminder failed');
  });
  agenda.define(CARE_SWEEP, async () => {
    const result = await remindCareCalls(deps.care);
    for (const failure of result.failures) deps.log.warn(failure, 'care call reminder failed');
  });
  agenda.define(FILING_SWEEP, async () => {
    const { finished } = await finishInterruptedFilings(deps.filings, {
      graceMinutes: FILING_GRACE_MS / 60_000,
    });
    if (finished.length) deps.log.warn({ cases: finished }, 'finished filings a crash interrupted');
  });
  await agenda.every(every, D2_SWEEP);
  await agenda.every(every, CARE_SWEEP);
  await agenda.every(every, FILING_SWEEP);
}
