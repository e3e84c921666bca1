import type { NewCaseEvent } from '../audit/case-event.js';
import { may, type Action } from '../roles/permissions.js';
import { ok, refuse, type Result } from '../shared/result.js';
import type { Decide } from './change-complaint.js';
import type { Complaint } from './complaint.js';
import type { Actor } from './lifecycle.js';

/** Statuses in which a case is settled: nobody plans its work any more. */
const SETTLED = ['closed', 'rejected', 'withdrawn'];

export type AdminRefusal = 'COMPLAINT.FORBIDDEN' | 'COMPLAINT.SETTLED' | 'COMPLAINT.UNCHANGED';

type Edit<C extends string> = (
  complaint: Complaint,
  actor: Actor,
  at: Date,
) =>
  | Result<{ complaint: Complaint; data: Record<string, unknown> }, C | 'COMPLAINT.UNCHANGED'>
  | Promise<
      Result<{ complaint: Complaint; data: Record<string, unknown> }, C | 'COMPLAINT.UNCHANGED'>
    >;

/**
 * One administrative change of a case (assignee, department, priority, client): the role is
 * checked on the server, a settled case is left alone, and the change is one event named `type`.
 */
export function administered<C extends string>(
  action: Action,
  type: string,
  edit: Edit<C>,
): Decide<C | AdminRefusal> {
  return async (complaint, actor, at) => {
    if (!may(actor.roles, action)) return refuse('COMPLAINT.FORBIDDEN', { action });
    if (SETTLED.includes(complaint.status))
      return refuse('COMPLAINT.SETTLED', { status: complaint.status });
    const edited = await edit(complaint, actor, at);
    if (!edited.ok) return edited;
    const event: NewCaseEvent = {
      caseKind: 'complaint',
      caseId: complaint.id,
      caseNumber: complaint.number,
      type,
      actor: actor.user,
      at,
      data: edited.value.data,
    };
    return ok({ complaint: { ...edited.value.complaint, updatedAt: at }, events: [event] });
  };
}

/** Nothing to change: the case already is as asked. */
export const unchanged = () => refuse('COMPLAINT.UNCHANGED');
