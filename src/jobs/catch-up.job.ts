import type { Agenda } from 'agenda';

/** A job to run when an instance starts, `afterMs` later (0: at once). */
export interface CatchUp {
  name: string;
  afterMs: number;
}

/**
 * A recurring job keeps its next run across restarts, so what a crash left undone would wait up
 * to a whole interval. At start-up each catch-up runs once more, at its moment. Every catch-up is
 * one job document per (name, moment), upserted: restarts do not pile up jobs, and two instances
 * starting together mostly share it; running one twice is harmless, since each message a sweep
 * sends has a once-key and each finished filing a claim.
 */
export async function catchUpAtStart(agenda: Agenda, catchUps: CatchUp[], now: Date) {
  for (const { name, afterMs } of catchUps) {
    const catchUp = `start+${afterMs}ms`;
    await agenda
      .create(name, { catchUp })
      .unique({ 'data.catchUp': catchUp })
      .schedule(new Date(now.getTime() + afterMs))
      .save();
  }
}
