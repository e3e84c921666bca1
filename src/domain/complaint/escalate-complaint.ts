import { z } from 'zod';
import { may } from '../roles/permissions.js';
import type { Role } from '../roles/role.js';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { ok, refuse, type Result } from '../shared/result.js';
import { chatText } from '../shared/text.js';
import { changeComplaint, refOf, type ChangeRefusal, type Decide } from './change-complaint.js';
import { askForApprovals } from './complaint-messages.js';
import { ApprovalSchema, type Approval, type Complaint } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { transition, type TransitionRefusal } from './lifecycle.js';

const EscalateInputSchema = z.strictObject({
  complaintId: z.string(),
  kind: ApprovalSchema.shape.kind,
  reason: chatText(500),
  ...intakeField,
});

/** Who decides each kind of escalation (seed 001): cost and the unforeseen go to the director. */
const DECIDER: Record<Approval['kind'], Role> = {
  cost: 'DCOM',
  feature_change: 'manager',
  outside_policy: 'manager',
  other: 'DCOM',
};

export type EscalateRefusal =
  'INPUT.INVALID' | 'APPROVAL.ALREADY_PENDING' | TransitionRefusal | ChangeRefusal;

/**
 * Asks for a decision before work goes on: the case waits in `awaiting_approval` — except P1,
 * which is handled at once while the approval follows.
 */
export async function escalateComplaint(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<Complaint, EscalateRefusal>> {
  const parsed = parseInput(EscalateInputSchema, input);
  if (!parsed.ok) return parsed;
  const { complaintId, kind, reason, intakeKey } = parsed.value;
  const escalate: Decide<EscalateRefusal> = (complaint, actor, at) => {
    if (complaint.approvals.some((a) => a.kind === kind && a.status === 'pending'))
      return refuse('APPROVAL.ALREADY_PENDING', { kind });
    const approval: Approval = {
      kind,
      role: DECIDER[kind],
      reason,
      status: 'pending',
      requestedAt: at,
    };
    const approvals = [...complaint.approvals.filter((a) => a.kind !== kind), approval];
    const event = {
      ...refOf(complaint),
      type: 'approval.requested',
      actor: actor.user,
      at,
      data: { kind, role: approval.role, reason },
    };
    if (complaint.priority === 'P1') {
      if (!may(actor.roles, 'complaint.escalate'))
        return refuse('COMPLAINT.FORBIDDEN', { action: 'complaint.escalate' });
      return ok({ complaint: { ...complaint, approvals, updatedAt: at }, events: [event] });
    }
    const moved = transition(complaint, 'awaiting_approval', actor, at, reason);
    if (!moved.ok) return moved;
    return ok({
      complaint: { ...moved.value.complaint, approvals },
      events: [moved.value.event, event],
    });
  };
  const escalated = await changeComplaint(services, by, complaintId, escalate, intakeKey);
  if (escalated.ok && !escalated.repeat)
    await askForApprovals(
      services,
      refOf(escalated.value),
      escalated.value.approvals.filter((a) => a.kind === kind),
    );
  return escalated;
}
