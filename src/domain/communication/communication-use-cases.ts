import { z } from 'zod';
import { localYearOf } from '../calendar/business-calendar.js';
import { ContactChannelSchema } from '../complaint/complaint.js';
import { may } from '../roles/permissions.js';
import { RecordIdSchema, type ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { alreadyApplied, intakeField, IntakeKeySchema, withApplied } from '../shared/intake.js';
import { again, ok, refuse, type Result } from '../shared/result.js';
import { chatText } from '../shared/text.js';
import type { Communication } from './communication.js';
import type { CommunicationServices } from './communication.ports.js';

const DraftInputSchema = z.strictObject({
  clientId: RecordIdSchema,
  subject: chatText(300),
  // A letter keeps its line breaks; only control characters are refused (chatText).
  body: chatText(20000),
  d2Id: RecordIdSchema.optional(),
  complaintId: RecordIdSchema.optional(),
  intakeKey: IntakeKeySchema.optional(),
});

type CommunicationRefusal =
  | 'INPUT.INVALID'
  | 'COMMUNICATION.FORBIDDEN'
  | 'COMMUNICATION.NOT_FOUND'
  | 'COMMUNICATION.NOT_ALLOWED_NOW'
  | 'COMMUNICATION.CHANGED_MEANWHILE'
  | 'COMMUNICATION.CLIENT_NOT_FOUND';
type Outcome = Promise<Result<Communication, CommunicationRefusal>>;

const event = (
  c: Communication,
  type: string,
  actor: ChatUser,
  at: Date,
  data: Record<string, unknown> = {},
) => ({
  caseKind: 'communication' as const,
  caseId: c.id,
  ...(c.protocol ? { caseNumber: c.protocol.number } : {}),
  type,
  actor,
  at,
  data,
});

/**
 * The commercial director writes a communication to a client (Mod. 07_A17), still a draft; the
 * same submission delivered again gets the draft its first delivery stored.
 */
export async function draftCommunication(
  services: CommunicationServices,
  by: ChatUser,
  input: unknown,
): Outcome {
  const parsed = parseInput(DraftInputSchema, input);
  if (!parsed.ok) return parsed;
  if (!may(await services.roles.rolesOf(by), 'communication.draft'))
    return refuse('COMMUNICATION.FORBIDDEN');
  if (!(await services.clients.exists(parsed.value.clientId)))
    return refuse('COMMUNICATION.CLIENT_NOT_FOUND');
  const { record: communication, first } = await services.communications.draft({
    ...parsed.value,
    status: 'draft',
    draftedBy: by,
  });
  if (first) {
    const at = services.clock.now();
    await services.events.append(event(communication, 'communication.drafted', by, at));
  }
  // Under its once-key: a repeated delivery asks again only if the first stopped before asking.
  await services.notifier.queue(
    {
      type: 'communication.to_protocol',
      communicationId: communication.id,
      subject: communication.subject,
      to: await services.roles.holdersOf('SCOM'),
    },
    { once: `communication.to_protocol:${communication.id}` },
  );
  return first ? ok(communication) : again(communication);
}

/**
 * SCOM protocols a draft: it gets the next number of the year (YYYY/NNNN, gap-free, never
 * reused, the same number if asked twice) and its text is fixed from then on.
 */
export async function protocolCommunication(
  services: CommunicationServices,
  by: ChatUser,
  input: unknown,
): Outcome {
  const parsed = parseInput(z.strictObject({ communicationId: z.string() }), input);
  if (!parsed.ok) return parsed;
  return change(
    services,
    by,
    parsed.value.communicationId,
    'communication.protocol',
    async (c, at) => {
      if (c.status !== 'draft')
        return refuse('COMMUNICATION.NOT_ALLOWED_NOW', {
          status: c.status,
          ...(c.protocol
            ? { number: c.protocol.number, by: c.protocol.by, at: c.protocol.at }
            : {}),
        });
      return ok({ ...c, status: 'protocolled' as const, updatedAt: at });
    },
    {
      // The number is given by the save itself: only a stored protocol spends one.
      store: (next, readRevision, at) =>
        services.protocol.protocol(
          next,
          { by, at },
          readRevision,
          localYearOf(at, services.timeZone),
        ),
    },
  );
}

const SentInputSchema = z.strictObject({
  communicationId: z.string(),
  channel: ContactChannelSchema,
  at: z.date().optional(),
  ...intakeField,
});

/** Marks a protocolled communication as sent (date and channel); once per form submission. */
export async function markCommunicationSent(
  services: CommunicationServices,
  by: ChatUser,
  input: unknown,
): Outcome {
  const parsed = parseInput(SentInputSchema, input);
  if (!parsed.ok) return parsed;
  const { communicationId, channel, at: sentAt, intakeKey } = parsed.value;
  return change(
    services,
    by,
    communicationId,
    'communication.protocol',
    async (c, at) => {
      if (c.status !== 'protocolled')
        return refuse('COMMUNICATION.NOT_ALLOWED_NOW', { status: c.status });
      return ok({
        ...c,
        status: 'sent' as const,
        sent: { at: sentAt ?? at, channel, by },
        updatedAt: at,
      });
    },
    intakeKey === undefined ? {} : { intakeKey },
  );
}

type Store = (
  next: Communication,
  readRevision: number,
  at: Date,
) => Promise<Communication | undefined>;
const saveIt =
  (services: CommunicationServices): Store =>
  async (next, readRevision) =>
    (await services.communications.save(next, readRevision))
      ? { ...next, revision: readRevision + 1 }
      : undefined;

async function change(
  services: CommunicationServices,
  by: ChatUser,
  id: string,
  action: 'communication.protocol',
  decide: (c: Communication, at: Date) => Promise<Result<Communication, CommunicationRefusal>>,
  { store = saveIt(services), intakeKey }: { store?: Store; intakeKey?: string } = {},
): Outcome {
  if (!may(await services.roles.rolesOf(by), action)) return refuse('COMMUNICATION.FORBIDDEN');
  const current = RecordIdSchema.safeParse(id).success
    ? await services.communications.get(id)
    : undefined;
  if (!current) return refuse('COMMUNICATION.NOT_FOUND');
  if (alreadyApplied(current, intakeKey)) return again(current);
  const at = services.clock.now();
  const decided = await decide(current, at);
  if (!decided.ok) return decided;
  const saved = await store(withApplied(decided.value, intakeKey), current.revision, at);
  if (!saved) {
    const now = await services.communications.get(current.id);
    if (now && alreadyApplied(now, intakeKey)) return again(now);
    // A second press of the same button: the letter as it is now says what already happened.
    const onNow = now ? await decide(now, services.clock.now()) : undefined;
    if (onNow && !onNow.ok) return onNow;
    return refuse('COMMUNICATION.CHANGED_MEANWHILE');
  }
  await services.events.append(
    event(
      saved,
      `communication.${saved.status}`,
      by,
      at,
      saved.protocol ? { protocol: saved.protocol.number } : {},
    ),
  );
  return ok(saved);
}
