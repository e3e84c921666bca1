import type { NewCaseEvent } from '../audit/case-event.js';
import { mayDecideApproval } from '../roles/permissions.js';
import { ok, refuse, type Result } from '../shared/result.js';
import type { Actor } from './lifecycle.js';
import type { Approval, Complaint, ComplaintStatus, Priority } from './complaint.js';

/** Company policies of seed 001: by cost, by complexity (feature change), outside policy. */
export interface EscalationPolicy {
  /** Above this estimated cost the director decides, not the technician; null: no cost rule. */
  costThresholdEur: number | null;
  featureChangeNeedsReview: boolean;
  outsidePolicyNeedsManager: boolean;
}

export interface EscalationFacts {
  priority: Priority;
  estimatedCostEur?: number | undefined;
  changesProductFunctionality: boolean;
  outsidePolicy: boolean;
}

/** The approvals a new case needs before work starts (who, and why). */
export function requiredApprovals(
  facts: EscalationFacts,
  policy: EscalationPolicy,
  at: Date,
): Approval[] {
  const approvals: Approval[] = [];
  const ask = (
    kind: Approval['kind'],
    role: Approval['role'],
    reason: string,
    params: Record<string, number> = {},
  ) =>
    approvals.push({
      kind,
      role,
      reason,
      say: { key: `escalation.${kind}`, params },
      status: 'pending',
      requestedAt: at,
    });
  const cost = facts.estimatedCostEur ?? 0;
  if (policy.costThresholdEur !== null && cost > policy.costThresholdEur) {
    const threshold = policy.costThresholdEur;
    // The params are amounts in euro: the chats write them in the reader's locale.
    ask('cost', 'DCOM', `estimated cost ${cost} EUR above ${threshold} EUR`, { cost, threshold });
  }
  if (policy.featureChangeNeedsReview && facts.changesProductFunctionality) {
    ask(
      'feature_change',
      'manager',
      'changes product functionality: Planning & Design review first',
    );
  }
  if (policy.outsidePolicyNeedsManager && facts.outsidePolicy) {
    ask('outside_policy', 'manager', 'request outside company policy');
  }
  return approvals;
}

/** P1 never waits: it is handled at once and its approvals follow. */
export function initialStatus(priority: Priority, approvals: Approval[]): ComplaintStatus {
  return priority !== 'P1' && approvals.some((a) => a.status === 'pending')
    ? 'awaiting_approval'
    : 'new';
}

export type ApprovalRefusal =
  'APPROVAL.NOT_FOUND' | 'APPROVAL.FORBIDDEN' | 'APPROVAL.ALREADY_DECIDED';

/**
 * Records a decision on one approval. When the last pending one is approved a waiting case moves
 * on to `acknowledged`; a refusal rejects a waiting case.
 */
export function decideApproval(
  complaint: Complaint,
  kind: Approval['kind'],
  decision: 'approved' | 'refused',
  actor: Actor,
  at: Date,
  note?: string,
): Result<{ complaint: Complaint; event: NewCaseEvent }, ApprovalRefusal> {
  const index = complaint.approvals.findIndex((a) => a.kind === kind);
  const approval = complaint.approvals[index];
  if (!approval) return refuse('APPROVAL.NOT_FOUND', { kind });
  if (approval.status !== 'pending')
    return refuse('APPROVAL.ALREADY_DECIDED', {
      kind,
      status: approval.status,
      ...(approval.decidedBy ? { by: approval.decidedBy } : {}),
      ...(approval.decidedAt ? { at: approval.decidedAt } : {}),
    });
  if (!mayDecideApproval(actor.roles, approval.role))
    return refuse('APPROVAL.FORBIDDEN', { kind, role: approval.role });

  const decided: Approval = {
    ...approval,
    status: decision,
    decidedBy: actor.user,
    decidedAt: at,
    ...(note ? { note } : {}),
  };
  const approvals = complaint.approvals.map((a, i) => (i === index ? decided : a));
  const next = statusAfterDecision(complaint.status, decision, approvals);
  const phaseTimes =
    next === complaint.status ? complaint.phaseTimes : { ...complaint.phaseTimes, [next]: at };
  return ok({
    complaint: { ...complaint, approvals, status: next, phaseTimes, updatedAt: at },
    event: {
      caseKind: 'complaint',
      caseId: complaint.id,
      caseNumber: complaint.number,
      type: decision === 'approved' ? 'approval.given' : 'approval.refused',
      actor: actor.user,
      at,
      data: {
        kind,
        role: approval.role,
        from: complaint.status,
        to: next,
        ...(note ? { note } : {}),
      },
    },
  });
}

/** Only a case waiting for approval moves: rejected on a refusal, on once all are approved. */
function statusAfterDecision(
  status: ComplaintStatus,
  decision: 'approved' | 'refused',
  approvals: Approval[],
): ComplaintStatus {
  if (status !== 'awaiting_approval') return status;
  if (decision === 'refused') return 'rejected';
  return approvals.every((a) => a.status === 'approved') ? 'acknowledged' : status;
}
