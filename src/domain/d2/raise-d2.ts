import { z } from 'zod';
import { localYearOf } from '../calendar/business-calendar.js';
import { may } from '../roles/permissions.js';
import { RecordIdSchema, type ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { IntakeKeySchema } from '../shared/intake.js';
import { again, ok, refuse, type Result } from '../shared/result.js';
import { chatText, optionalChatText } from '../shared/text.js';
import type { D2Request } from './d2-request.js';
import type { D2Services } from './d2.ports.js';
import { d2Ref } from './change-d2.js';

/** Mod. 07_D2 as the secretariat fills it in. */
export const RaiseD2InputSchema = z.strictObject({
  clientId: RecordIdSchema,
  reason: chatText(4000),
  urgency: z.enum(['low', 'normal', 'high']).default('normal'),
  notes: optionalChatText(4000),
  complaintId: RecordIdSchema.optional(),
  intakeKey: IntakeKeySchema.optional(),
});

export type RaiseD2Refusal = 'INPUT.INVALID' | 'D2.FORBIDDEN' | 'D2.CLIENT_NOT_FOUND';

/**
 * A secretariat (SDID or SAMM) asks the commercial director to contact a client. The same
 * submission delivered again gets the request its first delivery raised, and nobody is told twice.
 */
export async function raiseD2(
  services: D2Services,
  by: ChatUser,
  input: unknown,
): Promise<Result<D2Request, RaiseD2Refusal>> {
  const parsed = parseInput(RaiseD2InputSchema, input);
  if (!parsed.ok) return parsed;
  const roles = await services.roles.rolesOf(by);
  const office = roles.find((r): r is 'SDID' | 'SAMM' => r === 'SDID' || r === 'SAMM');
  if (!may(roles, 'd2.raise') || !office) return refuse('D2.FORBIDDEN', { action: 'd2.raise' });
  if (!(await services.clients.exists(parsed.value.clientId)))
    return refuse('D2.CLIENT_NOT_FOUND', { clientId: parsed.value.clientId });

  const { intakeKey } = parsed.value;
  const earlier = intakeKey && (await services.d2Requests.findByIntakeKey(intakeKey));
  if (earlier) return again(await askTheDirector(services, earlier));
  const at = services.clock.now();
  const { record: d2, first } = await services.d2Requests.registerOnce(
    {
      ...parsed.value,
      requester: by,
      requesterOffice: office,
      status: 'submitted',
      submittedAt: at,
    },
    localYearOf(at, services.timeZone),
  );
  if (!first) return again(await askTheDirector(services, d2));
  const ref = d2Ref(d2);
  await services.events.append({
    ...ref,
    type: 'd2.raised',
    actor: by,
    at,
    data: { urgency: d2.urgency, office },
  });
  return ok(await askTheDirector(services, d2));
}

/**
 * The request goes to the directors for the signature, once: a repeated delivery asks again
 * under the same once-key, which only matters when the first stopped before asking (a crash).
 */
async function askTheDirector(services: D2Services, d2: D2Request): Promise<D2Request> {
  await services.notifier.queue(
    {
      type: 'decision.requested',
      case: d2Ref(d2),
      from: await services.roles.holdersOf('DCOM'),
      reason: d2.reason,
    },
    { once: `d2.raised:${d2.id}` },
  );
  return d2;
}
