import { z } from 'zod';
import type { NewCaseEvent } from '../audit/case-event.js';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { ok, type Result } from '../shared/result.js';
import { chatText, optionalChatText } from '../shared/text.js';
import { changeComplaint, refOf, type ChangeRefusal, type Decide } from './change-complaint.js';
import { ApprovalSchema, type Complaint } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { decideApproval, type ApprovalRefusal } from './escalation.js';
import { tellFiler } from './follow-complaint.js';

const kind = ApprovalSchema.shape.kind;
const GiveInputSchema = z.strictObject({
  complaintId: z.string(),
  kind,
  note: optionalChatText(2000),
});
const RefuseInputSchema = z.strictObject({
  complaintId: z.string(),
  kind,
  reason: chatText(2000),
  ...intakeField,
});

type DecisionResult = Promise<Result<Complaint, 'INPUT.INVALID' | ApprovalRefusal | ChangeRefusal>>;

/** The director (or the role asked) approves: once every approval is given, work may start. */
export async function giveApproval(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): DecisionResult {
  const parsed = parseInput(GiveInputSchema, input);
  if (!parsed.ok) return parsed;
  return decide(
    services,
    by,
    parsed.value.complaintId,
    parsed.value.kind,
    'approved',
    parsed.value.note,
  );
}

/** A refusal needs a reason; a case waiting for this approval is rejected. */
export async function refuseApproval(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): DecisionResult {
  const parsed = parseInput(RefuseInputSchema, input);
  if (!parsed.ok) return parsed;
  return decide(
    services,
    by,
    parsed.value.complaintId,
    parsed.value.kind,
    'refused',
    parsed.value.reason,
    parsed.value.intakeKey,
  );
}

/** Someone without the role tried to sign: refused, and the attempt stays in the audit log. */
async function decide(
  services: ComplaintServices,
  by: ChatUser,
  complaintId: string,
  approvalKind: z.infer<typeof kind>,
  decision: 'approved' | 'refused',
  note: string | undefined,
  intakeKey?: string,
): DecisionResult {
  const decideIt: Decide<ApprovalRefusal> = async (complaint, actor, at) => {
    const decided = decideApproval(complaint, approvalKind, decision, actor, at, note);
    if (decided.ok)
      return ok({ complaint: decided.value.complaint, events: [decided.value.event] });
    if (decided.error.code === 'APPROVAL.FORBIDDEN') {
      await services.events.append({
        caseKind: 'complaint',
        caseId: complaint.id,
        caseNumber: complaint.number,
        type: 'approval.attempt_refused',
        actor: actor.user,
        at,
        data: { kind: approvalKind, decision, roles: [...actor.roles] },
      });
    }
    return decided;
  };
  const decided = await changeComplaint(services, by, complaintId, decideIt, intakeKey);
  if (decided.ok && !decided.repeat) await tellDecision(services, decided.value, approvalKind);
  return decided;
}

/**
 * Who filed the case (their follow way: thread, DM or not) and who works on it (by DM) hear the
 * outcome; not the decider, who knows it.
 */
async function tellDecision(
  services: ComplaintServices,
  complaint: Complaint,
  approvalKind: z.infer<typeof kind>,
) {
  const approval = complaint.approvals.find((a) => a.kind === approvalKind);
  if (!approval?.decidedBy || !approval.decidedAt) return;
  const decider = approval.decidedBy;
  // An approval given without a note says so plainly, with no empty "Note: —".
  const bare = approval.status === 'approved' && !approval.note ? '.bare' : '';
  const params = { number: complaint.number, note: approval.note ?? '' };
  const say = { key: `approval.told.${approval.status}${bare}`, params, people: { by: decider } };
  const event: NewCaseEvent = {
    caseKind: 'complaint',
    caseId: complaint.id,
    caseNumber: complaint.number,
    type: approval.status === 'approved' ? 'approval.given' : 'approval.refused',
    actor: decider,
    at: approval.decidedAt,
    data: { kind: approval.kind },
  };
  await tellFiler(services, complaint, event, say);
  const to = complaint.assignee;
  if (!to || sameUser(to, decider) || sameUser(to, complaint.registeredBy)) return;
  await services.notifier.queue(
    {
      type: 'direct.message',
      to,
      case: refOf(complaint),
      text: `${complaint.number}: ${approval.kind} ${approval.status}`,
      say,
    },
    {
      once: `approval.told:${complaint.id}:${approval.kind}:${approval.decidedAt.toISOString()}:${to.id}`,
    },
  );
}

const sameUser = (a: ChatUser, b: ChatUser) => a.platform === b.platform && a.id === b.id;
