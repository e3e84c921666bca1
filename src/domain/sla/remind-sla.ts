import { addBusinessMinutes } from '../calendar/business-calendar.js';
import type { Complaint } from '../complaint/complaint.js';
import type { ComplaintServices } from '../complaint/complaint.ports.js';
import { refOf } from '../complaint/change-complaint.js';
import { whoAnswersFor, whoMustAct } from '../complaint/case-people.js';
import type { ChatUser } from '../shared/chat-user.js';
import type { CaseRef } from '../shared/notification.js';
import type { SlaClock, SlaTarget } from './sla-clock.js';
import { breachAt, markBreached } from './sla-clocks.js';

export type ReminderKind = 'warning' | 'breach' | 'nag';

export interface SlaReminder {
  caseId: string;
  target: SlaTarget;
  kind: ReminderKind;
  /** The instant the reminder was scheduled for: a clock moved since makes it stale. */
  at: Date;
  /** For nags: the status the case had when it breached; once it moves the nagging stops. */
  status?: string;
}

/** How often a breached case is nagged, in the clock's own basis (P1: wall-clock minutes). */
export const NAG_EVERY_MINUTES = 120;

const SYSTEM = { platform: 'system' as const, id: 'sla' };

/**
 * Acts on one SLA reminder: nudges at the warning, marks the clock breached and escalates at the
 * breach, and nags while the case stands still. Returns the next nag, if any. Stale reminders
 * (the clock was paused, met or rescheduled) do nothing.
 */
export async function remindSla(
  services: ComplaintServices,
  reminder: SlaReminder,
): Promise<{ sent: boolean; nextNag?: SlaReminder }> {
  const complaint = await services.complaints.get(reminder.caseId);
  const clock = complaint?.slaClocks.find((c) => c.target === reminder.target);
  if (!complaint || !clock) return { sent: false };
  const now = services.clock.now();
  const ref: CaseRef = {
    caseKind: 'complaint',
    caseId: complaint.id,
    caseNumber: complaint.number,
  };

  if (reminder.kind === 'warning') {
    if (clock.state !== 'running' || clock.warnAt.getTime() !== reminder.at.getTime())
      return { sent: false };
    await tell(
      services,
      complaint,
      reminder,
      breachAt(clock),
      await whoMustAct(services, complaint),
    );
    return { sent: true };
  }
  if (reminder.kind === 'breach') {
    if (breachAt(clock).getTime() !== reminder.at.getTime()) return { sent: false };
    if (clock.state === 'running') await recordBreach(services, complaint, clock, ref, now);
    else if (clock.state !== 'breached') return { sent: false };
    // A re-run (second instance, restart) gets here too: the once-key keeps it to one message.
    await tell(
      services,
      complaint,
      reminder,
      breachAt(clock),
      await whoAnswersFor(services, complaint),
    );
    return {
      sent: true,
      nextNag: nextNag(services, complaint, reminder, clock.basis, reminder.at, now),
    };
  }
  if (clock.state !== 'breached' || complaint.status !== reminder.status) return { sent: false };
  await tell(
    services,
    complaint,
    reminder,
    breachAt(clock),
    await whoAnswersFor(services, complaint),
  );
  return {
    sent: true,
    nextNag: nextNag(services, complaint, reminder, clock.basis, reminder.at, now),
  };
}

/** The reminder's identity: whoever runs it, however often, it is queued once. */
export const reminderKey = (r: SlaReminder) =>
  `sla:${r.caseId}:${r.target}:${r.kind}:${r.at.toISOString()}`;

/**
 * One reminder, queued once: a line in the case thread and a direct message to each person who
 * must act; a breach goes to the escalation channel too, when the company has one.
 */
async function tell(
  services: ComplaintServices,
  complaint: Complaint,
  r: SlaReminder,
  dueAt: Date,
  to: ChatUser[],
) {
  const escalation = r.kind === 'breach' ? services.rules.escalationChannel : undefined;
  await services.notifier.queue(
    {
      type: 'case.reminder',
      case: refOf(complaint),
      kind: r.kind,
      target: r.target,
      dueAt,
      to,
      ...(complaint.assignee ? {} : { unassigned: true }),
      ...(escalation ? { escalation } : {}),
    },
    { once: reminderKey(r) },
  );
}

function nextNag(
  services: ComplaintServices,
  complaint: Complaint,
  reminder: SlaReminder,
  basis: 'calendar' | 'business',
  from: Date,
  now: Date,
): SlaReminder {
  // Counted from the reminder's own instant, so a late or repeated run yields the same next nag.
  const step = (start: Date) =>
    basis === 'calendar'
      ? new Date(start.getTime() + NAG_EVERY_MINUTES * 60_000)
      : addBusinessMinutes(services.rules.calendar, start, NAG_EVERY_MINUTES);
  let at = step(from);
  while (at <= now) at = step(at);
  return {
    caseId: complaint.id,
    target: reminder.target,
    kind: 'nag',
    at,
    status: complaint.status,
  };
}

async function recordBreach(
  services: ComplaintServices,
  complaint: Complaint,
  clock: SlaClock,
  ref: CaseRef,
  now: Date,
) {
  const slaClocks = complaint.slaClocks.map((c) => (c === clock ? markBreached(c, now) : c));
  if (!(await services.complaints.save({ ...complaint, slaClocks }, complaint.revision)))
    throw new Error(`${complaint.number} changed while its breach was recorded; the job retries`);
  const data = { target: clock.target };
  await services.events.append({ ...ref, type: 'sla.breached', actor: SYSTEM, at: now, data });
}
