import type { NewCaseEvent } from '../audit/case-event.js';
import type { Role } from '../roles/role.js';
import { may, type Action } from '../roles/permissions.js';
import type { ChatUser } from '../shared/chat-user.js';
import { ok, refuse, type Result } from '../shared/result.js';
import type { Complaint, ComplaintStatus } from './complaint.js';

/** The whole status machine: (from, to) → the action that performs it. */
const TRANSITIONS: Record<ComplaintStatus, Partial<Record<ComplaintStatus, Action>>> = {
  new: {
    acknowledged: 'complaint.acknowledge',
    in_progress: 'complaint.take_in_charge',
    awaiting_approval: 'complaint.escalate',
    rejected: 'complaint.reject',
    withdrawn: 'complaint.withdraw',
  },
  awaiting_approval: { rejected: 'complaint.reject', withdrawn: 'complaint.withdraw' },
  acknowledged: {
    in_progress: 'complaint.take_in_charge',
    awaiting_approval: 'complaint.escalate',
    rejected: 'complaint.reject',
    withdrawn: 'complaint.withdraw',
  },
  in_progress: {
    waiting_customer: 'complaint.wait_customer',
    awaiting_approval: 'complaint.escalate',
    resolved: 'complaint.resolve',
    withdrawn: 'complaint.withdraw',
  },
  waiting_customer: {
    in_progress: 'complaint.resume',
    resolved: 'complaint.resolve',
    withdrawn: 'complaint.withdraw',
  },
  resolved: { closed: 'complaint.close', reopened: 'complaint.reopen' },
  closed: { reopened: 'complaint.reopen' },
  reopened: {
    in_progress: 'complaint.take_in_charge',
    awaiting_approval: 'complaint.escalate',
    withdrawn: 'complaint.withdraw',
  },
  rejected: {},
  withdrawn: {},
};

export interface Actor {
  user: ChatUser;
  roles: readonly Role[];
}

export type TransitionRefusal =
  'COMPLAINT.TRANSITION_NOT_ALLOWED' | 'COMPLAINT.FORBIDDEN' | 'COMPLAINT.CLOSE_INCOMPLETE';

export const allowedNext = (from: ComplaintStatus): ComplaintStatus[] =>
  Object.keys(TRANSITIONS[from]) as ComplaintStatus[];

/** What closing needs (seed 003): origin, solution, cost (0 is a cost) and problem code. */
export function missingForClose(complaint: Complaint): string[] {
  const missing: string[] = [];
  if (!complaint.origin && !complaint.goodwill) missing.push('origin');
  if (!complaint.solution?.trim()) missing.push('solution');
  if (complaint.costEur === undefined) missing.push('costEur');
  if (!complaint.problemCode.trim()) missing.push('problemCode');
  return missing;
}

/** When the case entered the status it is asked to enter again (a second press), and its assignee. */
const alreadyThere = (complaint: Complaint) => ({
  ...(complaint.phaseTimes[complaint.status] ? { at: complaint.phaseTimes[complaint.status] } : {}),
  ...(complaint.status === 'in_progress' && complaint.assignee ? { by: complaint.assignee } : {}),
});

/** Moves a complaint to `to` if the machine and the actor's roles allow it. */
export function transition(
  complaint: Complaint,
  to: ComplaintStatus,
  actor: Actor,
  at: Date,
  note?: string,
): Result<{ complaint: Complaint; event: NewCaseEvent }, TransitionRefusal> {
  const action = TRANSITIONS[complaint.status][to];
  if (!action) {
    return refuse('COMPLAINT.TRANSITION_NOT_ALLOWED', {
      from: complaint.status,
      to,
      ...(complaint.status === to ? alreadyThere(complaint) : {}),
    });
  }
  if (!may(actor.roles, action)) return refuse('COMPLAINT.FORBIDDEN', { action });
  if (to === 'closed') {
    const missing = missingForClose(complaint);
    if (missing.length > 0) return refuse('COMPLAINT.CLOSE_INCOMPLETE', { missing });
  }
  const updated: Complaint = {
    ...complaint,
    status: to,
    phaseTimes: { ...complaint.phaseTimes, [to]: at },
    updatedAt: at,
  };
  const event: NewCaseEvent = {
    caseKind: 'complaint',
    caseId: complaint.id,
    caseNumber: complaint.number,
    type: 'complaint.status_changed',
    actor: actor.user,
    at,
    data: { from: complaint.status, to, action, ...(note ? { note } : {}) },
  };
  return ok({ complaint: updated, event });
}
