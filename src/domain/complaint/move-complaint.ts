import { z } from 'zod';
import { may } from '../roles/permissions.js';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { ok, refuse, type Result } from '../shared/result.js';
import { optionalChatText, chatText } from '../shared/text.js';
import { changeComplaint, type ChangeRefusal, type Decide } from './change-complaint.js';
import type { Complaint, ComplaintStatus } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { transition, type TransitionRefusal } from './lifecycle.js';

const MoveInputSchema = z.strictObject({
  complaintId: z.string(),
  note: optionalChatText(2000),
  ...intakeField,
});
const ReasonedMoveInputSchema = z.strictObject({
  complaintId: z.string(),
  reason: chatText(2000),
  ...intakeField,
});

export type MoveRefusal = 'INPUT.INVALID' | TransitionRefusal | ChangeRefusal;
type Move = (
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
) => Promise<Result<Complaint, MoveRefusal>>;

/** A status change with an optional note (or a required reason), through the status machine. */
function moveTo(to: ComplaintStatus, needsReason = false): Move {
  return async (services, by, input) => {
    const parsed = needsReason
      ? parseInput(ReasonedMoveInputSchema, input)
      : parseInput(MoveInputSchema, input);
    if (!parsed.ok) return parsed;
    const note = 'reason' in parsed.value ? parsed.value.reason : parsed.value.note;
    return changeComplaint(
      services,
      by,
      parsed.value.complaintId,
      (complaint, actor, at) => {
        const moved = transition(complaint, to, actor, at, note);
        return moved.ok
          ? ok({ complaint: moved.value.complaint, events: [moved.value.event] })
          : moved;
      },
      parsed.value.intakeKey,
    );
  };
}

/** First handling: someone has looked at it and told the customer (stops first response). */
export const acknowledgeComplaint = moveTo('acknowledged');
/** Waiting for the customer: the SLA clocks stand still until it resumes. */
export const waitForCustomer = moveTo('waiting_customer');
export const resumeComplaint = moveTo('in_progress');
export const reopenComplaint = moveTo('reopened', true);
export const rejectComplaint = moveTo('rejected', true);
export const withdrawComplaint = moveTo('withdrawn', true);

const NoteInputSchema = z.strictObject({
  complaintId: z.string(),
  text: chatText(4000),
  ...intakeField,
});

/** A note in the case's history and thread; the status does not change. */
export async function addNote(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<Complaint, 'INPUT.INVALID' | 'COMPLAINT.FORBIDDEN' | ChangeRefusal>> {
  const parsed = parseInput(NoteInputSchema, input);
  if (!parsed.ok) return parsed;
  const { complaintId, intakeKey } = parsed.value;
  return changeComplaint(services, by, complaintId, noteAdded(parsed.value.text), intakeKey);
}

const noteAdded =
  (text: string): Decide<'COMPLAINT.FORBIDDEN'> =>
  (complaint, actor, at) => {
    if (!may(actor.roles, 'complaint.add_note'))
      return refuse('COMPLAINT.FORBIDDEN', { action: 'complaint.add_note' });
    return ok({
      complaint: { ...complaint, updatedAt: at },
      events: [
        {
          caseKind: 'complaint',
          caseId: complaint.id,
          caseNumber: complaint.number,
          type: 'complaint.note_added',
          actor: actor.user,
          at,
          data: { text },
        },
      ],
    });
  };
