import type { Agenda, Job } from 'agenda';
import type { Collection } from 'mongodb';
import { z } from 'zod';
import type { ComplaintServices } from '../domain/complaint/complaint.ports.js';
import type { CaseRef } from '../domain/shared/notification.js';
import type { Clock, SlaScheduler } from '../domain/shared/shared.ports.js';
import type { SlaClock } from '../domain/sla/sla-clock.js';
import { SlaTargetSchema } from '../domain/sla/sla-clock.js';
import { promoteSlaReminders, type SlaPromotionServices } from '../domain/sla/promote-reminders.js';
import { PROMOTE_EVERY_MINUTES, upcomingReminders } from '../domain/sla/upcoming-reminders.js';
import { remindSla, type SlaReminder } from '../domain/sla/remind-sla.js';

export const SLA_JOB = 'sla.reminder';

const ReminderDataSchema = z.object({
  caseId: z.string(),
  target: SlaTargetSchema,
  kind: z.enum(['warning', 'breach', 'nag']),
  at: z.coerce.date(),
  status: z.string().optional(),
});

const toData = (r: SlaReminder) => ({ ...r, at: r.at.toISOString() });

/** The reminder job: thin — parse, call the use case, schedule the next nag it asks for. */
export function defineSlaJob(agenda: Agenda, services: ComplaintServices) {
  agenda.define(SLA_JOB, async (job: Job) => {
    const reminder = ReminderDataSchema.parse(job.attrs.data);
    const result = await remindSla(services, reminder as SlaReminder);
    if (result.nextNag) await agenda.schedule(result.nextNag.at, SLA_JOB, toData(result.nextNag));
  });
}

/**
 * Agenda's side of the reminders. `reschedule` cancels all of a case's reminders and schedules
 * those of its running clocks that fall within the horizon; `keep` adds reminders unless the same
 * one (case, target, kind, instant) is already there, so promoting twice schedules once.
 */
export function agendaSlaScheduler(
  agenda: Agenda,
  clock: Clock,
): SlaScheduler & Pick<SlaPromotionServices, 'keep'> {
  const keep = async (reminders: SlaReminder[]) => {
    for (const reminder of reminders) {
      const data = toData(reminder);
      await agenda
        .create(SLA_JOB, data)
        .unique(
          {
            'data.caseId': data.caseId,
            'data.target': data.target,
            'data.kind': data.kind,
            'data.at': data.at,
          },
          { insertOnly: true },
        )
        .schedule(reminder.at)
        .save();
    }
  };
  return {
    keep,
    async reschedule(ref: CaseRef, clocks: SlaClock[]) {
      await agenda.cancel({ name: SLA_JOB, data: { caseId: ref.caseId } });
      await keep(upcomingReminders(ref.caseId, clocks, clock.now()));
    },
  };
}

export const SLA_PROMOTION = 'sla.promote-reminders';

/** How long a finished reminder job stays, keeping `keep` from scheduling it again. */
const FINISHED_KEPT_MS = 24 * 60 * 60_000;

/**
 * Every PROMOTE_EVERY_MINUTES (and once at start): reminders that came within the horizon go into Agenda, and
 * reminder jobs finished over a day ago leave it (the outbox and the audit trail keep the record).
 * Returns the job's body.
 */
export async function defineSlaPromotion(
  agenda: Agenda,
  services: SlaPromotionServices,
  jobs: Collection,
) {
  const promote = async () => {
    await promoteSlaReminders(services);
    const before = new Date(services.clock.now().getTime() - FINISHED_KEPT_MS);
    await jobs.deleteMany({ name: SLA_JOB, nextRunAt: null, lastFinishedAt: { $lt: before } });
  };
  agenda.define(SLA_PROMOTION, promote);
  await agenda.every(`${PROMOTE_EVERY_MINUTES} minutes`, SLA_PROMOTION);
  return promote;
}
