import { z } from 'zod';
import type { ChatUser } from '../shared/chat-user.js';
import { RecordIdSchema } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import type { Result } from '../shared/result.js';
import { chatText } from '../shared/text.js';
import { changeD2 } from './change-d2.js';
import { completeD2, declineD2, signD2, startD2, type D2Refusal } from './d2-lifecycle.js';
import type { D2Request } from './d2-request.js';
import type { D2Services } from './d2.ports.js';

type D2Result = Promise<
  Result<D2Request, 'INPUT.INVALID' | D2Refusal | 'D2.NOT_FOUND' | 'D2.CHANGED_MEANWHILE'>
>;

const IdInput = z.strictObject({ d2Id: z.string() });
const DeclineInput = z.strictObject({ d2Id: z.string(), reason: chatText(2000), ...intakeField });
const CompleteInput = z.strictObject({
  d2Id: z.string(),
  outcome: chatText(4000),
  ...intakeField,
  complaintId: RecordIdSchema.optional(),
  communicationId: RecordIdSchema.optional(),
});

/** The director's "sigla": only DCOM; other attempts are refused and audited. */
export async function signD2Request(services: D2Services, by: ChatUser, input: unknown): D2Result {
  const parsed = parseInput(IdInput, input);
  if (!parsed.ok) return parsed;
  return changeD2(services, by, parsed.value.d2Id, signD2);
}

export async function declineD2Request(
  services: D2Services,
  by: ChatUser,
  input: unknown,
): D2Result {
  const parsed = parseInput(DeclineInput, input);
  if (!parsed.ok) return parsed;
  return changeD2(
    services,
    by,
    parsed.value.d2Id,
    (d2, actor, at) => declineD2(d2, actor, at, parsed.value.reason),
    parsed.value.intakeKey,
  );
}

/** SCOM or the director starts contacting the client. */
export async function startD2Request(services: D2Services, by: ChatUser, input: unknown): D2Result {
  const parsed = parseInput(IdInput, input);
  if (!parsed.ok) return parsed;
  return changeD2(services, by, parsed.value.d2Id, startD2);
}

/** Done: the outcome is attached, with the complaint or communication it led to. */
export async function completeD2Request(
  services: D2Services,
  by: ChatUser,
  input: unknown,
): D2Result {
  const parsed = parseInput(CompleteInput, input);
  if (!parsed.ok) return parsed;
  const { d2Id, outcome, intakeKey, ...links } = parsed.value;
  const complete: Parameters<typeof changeD2<D2Refusal>>[3] = (d2, actor, at) => {
    const done = completeD2({ ...d2, ...links }, actor, at, outcome);
    return done.ok
      ? {
          ok: true,
          value: {
            ...done.value,
            event: { ...done.value.event, data: { ...done.value.event.data, ...links } },
          },
        }
      : done;
  };
  return changeD2(services, by, d2Id, complete, intakeKey);
}
