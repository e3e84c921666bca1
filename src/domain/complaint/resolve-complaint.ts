import { z } from 'zod';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { ok, type Result } from '../shared/result.js';
import { chatText, optionalChatText } from '../shared/text.js';
import { changeComplaint, type ChangeRefusal, type Decide } from './change-complaint.js';
import { OriginSchema, type Complaint, type ComplaintStatus } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { transition, type TransitionRefusal } from './lifecycle.js';

/** The outcome fields of seed 003; resolving or closing may fill in any of them. */
const OutcomeSchema = z.strictObject({
  complaintId: z.string(),
  solution: optionalChatText(4000),
  origin: OriginSchema.optional(),
  rootCause: optionalChatText(4000),
  costEur: z.number().nonnegative().max(100_000_000).optional(),
  detectability: z.number().int().min(1).max(10).optional(),
  /** "Not a real problem, handled for goodwill": its own cause, kept out of defect indicators. */
  goodwillCause: optionalChatText(500),
  note: optionalChatText(2000),
  ...intakeField,
});
const ResolveInputSchema = OutcomeSchema.extend({
  solution: chatText(4000),
});

type Outcome = z.output<typeof OutcomeSchema>;
type OutcomeResult = Promise<
  Result<Complaint, 'INPUT.INVALID' | TransitionRefusal | ChangeRefusal>
>;

/** The problem is solved: the solution is required, and the resolution clock stops. */
export async function resolveComplaint(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): OutcomeResult {
  const parsed = parseInput(ResolveInputSchema, input);
  if (!parsed.ok) return parsed;
  return finish(services, by, parsed.value, 'resolved');
}

/** Closing checks seed 003's data is complete: origin (or goodwill), solution, cost, problem code. */
export async function closeComplaint(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): OutcomeResult {
  const parsed = parseInput(OutcomeSchema, input);
  if (!parsed.ok) return parsed;
  return finish(services, by, parsed.value, 'closed');
}

function finish(
  services: ComplaintServices,
  by: ChatUser,
  outcome: Outcome,
  to: ComplaintStatus,
): OutcomeResult {
  const decide: Decide<TransitionRefusal> = (complaint, actor, at) => {
    const moved = transition(withOutcome(complaint, outcome), to, actor, at, outcome.note);
    if (!moved.ok) return moved;
    return ok({
      complaint: moved.value.complaint,
      events: [{ ...moved.value.event, data: { ...moved.value.event.data, ...recorded(outcome) } }],
    });
  };
  return changeComplaint(services, by, outcome.complaintId, decide, outcome.intakeKey);
}

function withOutcome(complaint: Complaint, outcome: Outcome): Complaint {
  const { complaintId: _id, note: _note, intakeKey: _key, goodwillCause, ...fields } = outcome;
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return {
    ...complaint,
    ...given,
    ...(goodwillCause ? { goodwill: { cause: goodwillCause } } : {}),
  };
}

/** What the event keeps of the outcome (the history shows who set the cost, the cause…). */
function recorded(outcome: Outcome): Record<string, unknown> {
  const { complaintId: _id, note: _note, intakeKey: _key, ...fields } = outcome;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
