import { z } from 'zod';
import { ContactChannelSchema } from '../complaint/complaint.js';
import { may } from '../roles/permissions.js';
import { RecordIdSchema, type ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { IntakeKeySchema } from '../shared/intake.js';
import { again, ok, refuse, type Result } from '../shared/result.js';
import { chatText, optionalChatText } from '../shared/text.js';
import { careCallDueAt, careReminderDue, nextCareCallAfter } from './care-calls.js';
import type { CareContact } from './care-contact.js';
import type { CareServices } from './care.ports.js';

/**
 * Reminds each due client's owner (or the commercial office when it has none), once on the due
 * day and once per business day while overdue. Failures are per client, never for the sweep.
 */
export async function remindCareCalls(services: CareServices) {
  const now = services.clock.now();
  const office = await services.roles.holdersOf('SCOM');
  const failures: { client: string; error: unknown }[] = [];
  let sent = 0;
  for (const client of await services.care.candidates(now, 5000)) {
    try {
      const index = careReminderDue(client, now, services.calendar);
      if (index === undefined) continue;
      const dueAt = careCallDueAt(client);
      await services.notifier.queue(
        {
          type: 'care.call_due',
          clientId: client.id,
          clientName: client.name,
          dueAt,
          overdue: index > 0,
          to: client.owner ? [client.owner] : office,
        },
        { once: `care:${client.id}:${dueAt.toISOString()}:${index}` },
      );
      sent++;
    } catch (error) {
      failures.push({ client: client.code, error });
    }
  }
  return { sent, failures };
}

export const LogCareCallInputSchema = z.strictObject({
  clientId: RecordIdSchema,
  at: z.date().optional(),
  channel: ContactChannelSchema,
  outcome: chatText(4000),
  needs: optionalChatText(4000),
  nextAction: optionalChatText(2000),
  intakeKey: IntakeKeySchema.optional(),
});

/**
 * A care call goes into the register (Mod. 07_A9) and the next one is scheduled; the same
 * submission delivered again gets the call its first delivery logged, written once.
 */
export async function logCareCall(
  services: CareServices,
  by: ChatUser,
  input: unknown,
): Promise<
  Result<
    { contact: CareContact; nextDue: Date },
    'INPUT.INVALID' | 'CARE.FORBIDDEN' | 'CARE.CLIENT_NOT_FOUND' | 'CARE.IN_FUTURE'
  >
> {
  const parsed = parseInput(LogCareCallInputSchema, input);
  if (!parsed.ok) return parsed;
  if (!may(await services.roles.rolesOf(by), 'care.log')) return refuse('CARE.FORBIDDEN');
  const client = await services.care.client(parsed.value.clientId);
  if (!client) return refuse('CARE.CLIENT_NOT_FOUND');
  const now = services.clock.now();
  const { at = now, ...fields } = parsed.value;
  if (at > now) return refuse('CARE.IN_FUTURE');
  const { record: contact, first } = await services.care.log({ ...fields, at, by });
  const nextDue = nextCareCallAfter(client, contact.at);
  // A repeated delivery schedules too: the first may have stopped before it (same values).
  await services.care.scheduleNext(client.id, contact.at, nextDue);
  if (!first) return again({ contact, nextDue });
  await services.events.append({
    caseKind: 'care_contact',
    caseId: contact.id,
    type: 'care_contact.logged',
    actor: by,
    at: now,
    data: { clientId: client.id, channel: contact.channel, nextDue: nextDue.toISOString() },
  });
  return ok({ contact, nextDue });
}
