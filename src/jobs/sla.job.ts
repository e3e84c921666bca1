import type { Agenda, Job } from 'agenda';
import { z } from 'zod';
import type { ComplaintServices } from '../domain/complaint/complaint.ports.js';
import type { CaseRef } from '../domain/shared/notification.js';
import type { SlaScheduler } from '../domain/shared/shared.ports.js';
import type { SlaClock } from '../domain/sla/sla-clock.js';
import { SlaTargetSchema } from '../domain/sla/sla-clock.js';
import { breachAt } from '../domain/sla/sla-clocks.js';
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
 * Keeps Agenda's reminders in line with a case's clocks: all of the case's reminders are
 * cancelled and the running clocks get a warning and a breach reminder again.
 */
export function agendaSlaScheduler(agenda: Agenda): SlaScheduler {
  return {
    async reschedule(ref: CaseRef, clocks: SlaClock[]) {
      await agenda.cancel({ name: SLA_JOB, data: { caseId: ref.caseId } });
      for (const clock of clocks.filter((c) => c.state === 'running')) {
        const base = { caseId: ref.caseId, target: clock.target };
        if (clock.warnAt < breachAt(clock))
          await agenda.schedule(
            clock.warnAt,
            SLA_JOB,
            toData({ ...base, kind: 'warning', at: clock.warnAt }),
          );
        await agenda.schedule(
          breachAt(clock),
          SLA_JOB,
          toData({ ...base, kind: 'breach', at: breachAt(clock) }),
        );
      }
    },
  };
}
