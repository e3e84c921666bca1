import type { NewCaseEvent } from '../audit/case-event.js';
import { RecordIdSchema, type ChatUser } from '../shared/chat-user.js';
import type { CaseRef } from '../shared/notification.js';
import { alreadyApplied, withApplied } from '../shared/intake.js';
import { again, ok, refuse, type Refusal, type Result } from '../shared/result.js';
import { clocksAfterTransition } from '../sla/clocks-on-transition.js';
import type { Complaint } from './complaint.js';
import { tellChanged } from './complaint-messages.js';
import type { ComplaintServices } from './complaint.ports.js';
import type { Actor } from './lifecycle.js';

export type Change = { complaint: Complaint; events: NewCaseEvent[] };
export type Decide<C extends string> = (
  complaint: Complaint,
  actor: Actor,
  at: Date,
) => Result<Change, C> | Promise<Result<Change, C>>;

export type ChangeRefusal = 'COMPLAINT.NOT_FOUND' | 'COMPLAINT.CHANGED_MEANWHILE';

export const refOf = (complaint: Complaint): CaseRef => ({
  caseKind: 'complaint',
  caseId: complaint.id,
  caseNumber: complaint.number,
});

/**
 * The one way a stored case changes: load it, let `decide` apply the rule with the actor's roles
 * from the server, move its SLA clocks with its status, save it (refused if someone else saved
 * first), then record the events, reschedule reminders and refresh the card. With the form's
 * `intakeKey`, the case remembers the change: that submission delivered again (in a row or at
 * the same time) gets the case as it left it, and changes and tells nothing more.
 */
export async function changeComplaint<C extends string>(
  services: ComplaintServices,
  by: ChatUser,
  complaintId: unknown,
  decide: Decide<C>,
  intakeKey?: string,
): Promise<Result<Complaint, C | ChangeRefusal>> {
  const id = RecordIdSchema.safeParse(complaintId);
  const current = id.success ? await services.complaints.get(id.data) : undefined;
  if (!current) return refuse('COMPLAINT.NOT_FOUND');
  if (alreadyApplied(current, intakeKey)) return again(current);
  const actor = { user: by, roles: await services.roles.rolesOf(by) };
  const at = services.clock.now();
  const decided = await decide(current, actor, at);
  if (!decided.ok) return decided as Refusal<C>;

  const changed = withApplied(
    withClocks(services, current, decided.value.complaint, at),
    intakeKey,
  );
  if (!(await services.complaints.save(changed, current.revision))) {
    // Saved meanwhile: by this very submission delivered twice at once, or by someone else.
    const now = await services.complaints.get(current.id);
    if (now && alreadyApplied(now, intakeKey)) return again(now);
    // A second press of the same button: the case as it is now says what already happened.
    const onNow = now ? await decide(now, actor, services.clock.now()) : undefined;
    if (onNow && !onNow.ok) return onNow as Refusal<C>;
    return refuse('COMPLAINT.CHANGED_MEANWHILE');
  }
  const saved = { ...changed, revision: current.revision + 1 };
  for (const event of decided.value.events) await services.events.append(event);
  if (saved.slaClocks !== current.slaClocks)
    await services.scheduler.reschedule(refOf(saved), saved.slaClocks);
  await tellChanged(services, saved, decided.value.events);
  return ok(saved);
}

function withClocks(services: ComplaintServices, before: Complaint, after: Complaint, at: Date) {
  if (before.status === after.status) return after;
  const ctx = {
    policy: services.rules.sla,
    calendar: services.rules.calendar,
    priority: after.priority,
    at,
  };
  return {
    ...after,
    slaClocks: clocksAfterTransition(after.slaClocks, before.status, after.status, ctx),
  };
}
