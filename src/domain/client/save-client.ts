import { z } from 'zod';
import { may } from '../roles/permissions.js';
import { ChatUserSchema, RecordIdSchema, type ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { again, ok, refuse, type Result } from '../shared/result.js';
import type { RoleDirectory } from '../shared/shared.ports.js';
import { chatText, optionalChatText } from '../shared/text.js';
import type { Client, NewClient } from './client.js';

export interface ClientRegistry {
  /** Undefined when the code, the name (both normalised) or the intake key is another client's. */
  register(data: NewClient & { intakeKey?: string }): Promise<Client | undefined>;
  find(id: string): Promise<Client | undefined>;
  /** By code, however it is spelt (case, spaces). */
  findByCode(code: string): Promise<Client | undefined>;
  /** By name, however it is spelt (case, accents, legal-form dots). */
  findByName(name: string): Promise<Client | undefined>;
  /** The client a chat submission registered, if any. */
  findByIntakeKey(key: string): Promise<Client | undefined>;
  /**
   * Replaces the editable fields of a client; 'taken' when its new code or name is another's,
   * 'stale' when `seen` is given and the client was saved since (its updatedAt differs).
   */
  update(
    id: string,
    changes: Partial<NewClient>,
    seen?: Date,
  ): Promise<'updated' | 'gone' | 'taken' | 'stale'>;
}

export const ClientFormSchema = z.strictObject({
  /** Set when the form edits a client (opened with /client edit); absent, it registers one. */
  clientId: RecordIdSchema.optional(),
  code: chatText(40).regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, . _ - only'),
  name: chatText(200),
  kind: z.enum(['private', 'business']),
  industry: optionalChatText(120),
  location: optionalChatText(120),
  owner: ChatUserSchema.optional(),
  careCadenceDays: z.coerce.number().int().min(1).max(3650).default(90),
  loyal: z.boolean().default(false),
  /** An edit confirmed on the client as saved at this instant: refused if saved since. */
  seen: z.coerce.date().optional(),
  ...intakeField,
});

export type SaveClientRefusal =
  | 'INPUT.INVALID'
  | 'CLIENT.FORBIDDEN'
  | 'CLIENT.NOT_FOUND'
  | 'CLIENT.CODE_TAKEN'
  | 'CLIENT.NAME_TAKEN'
  | 'CLIENT.CHANGED';
type Services = { clients: ClientRegistry; roles: RoleDirectory };

/**
 * The client file (seed 004): registers a client, or edits the one the form was opened on
 * (classification, owner, care-call cadence, loyalty; contacts and history stay). Registering
 * never overwrites: a code or name another client has is refused, naming that client. The same
 * submission delivered again gets the client its first delivery registered.
 */
export async function saveClient(
  services: Services,
  by: ChatUser,
  input: unknown,
): Promise<Result<{ client: Client; created: boolean }, SaveClientRefusal>> {
  const parsed = await checkedForm(services, by, input);
  if (!parsed.ok) return parsed;
  const { clientId, intakeKey, fields, seen } = parsed.value;
  if (clientId) return edit(services, clientId, fields, seen);

  // A code or name taken may be taken by this very submission, delivered more than once at a
  // time: then it gets the client that copy registered.
  const registeredBefore = async () => {
    const earlier = intakeKey && (await services.clients.findByIntakeKey(intakeKey));
    return earlier ? again({ client: earlier, created: true }) : undefined;
  };
  const before = await registeredBefore();
  if (before) return before;
  const taken = await takenBy(services, fields);
  if (taken) return (await registeredBefore()) ?? taken;
  const created = await services.clients.register({
    ...fields,
    contacts: [],
    active: true,
    ...(intakeKey ? { intakeKey } : {}),
  });
  if (created) return ok({ client: created, created: true });
  return (
    (await registeredBefore()) ??
    (await takenBy(services, fields)) ??
    refuse('CLIENT.CODE_TAKEN', { code: fields.code })
  );
}

type ClientForm = z.output<typeof ClientFormSchema>;

/** The form checked and allowed, as the fields a client record holds. */
async function checkedForm(services: Services, by: ChatUser, input: unknown) {
  const parsed = parseInput(ClientFormSchema, input);
  if (!parsed.ok) return parsed;
  if (!may(await services.roles.rolesOf(by), 'client.register')) return refuse('CLIENT.FORBIDDEN');
  return ok({ ...parsed.value, fields: recordFields(parsed.value) });
}

function recordFields({ kind, industry, location, owner, ...form }: ClientForm) {
  const { clientId: _id, intakeKey: _key, seen: _seen, ...rest } = form;
  const classification =
    kind === 'business'
      ? { kind, ...(industry ? { industry } : {}), ...(location ? { location } : {}) }
      : { kind, ...(location ? { location } : {}) };
  return { ...rest, classification, ...(owner ? { owner } : {}) } satisfies Partial<NewClient>;
}

/**
 * An edit before it is saved: the client as it is and as the form would leave it, with every
 * check the save makes (form, role, code or name another client has), so that what the person
 * confirms is what will be saved. Nothing is written.
 */
export async function previewClientEdit(
  services: Services,
  by: ChatUser,
  input: unknown,
): Promise<Result<{ before: Client; after: Client }, SaveClientRefusal>> {
  const parsed = await checkedForm(services, by, input);
  if (!parsed.ok) return parsed;
  const { clientId, fields } = parsed.value;
  const before = clientId ? await services.clients.find(clientId) : undefined;
  if (!before) return refuse('CLIENT.NOT_FOUND');
  const taken = await takenBy(services, fields, before.id);
  if (taken) return taken;
  // The save sets the fields the form has: an owner left empty stays as it was.
  return ok({ before, after: { ...before, ...fields } });
}

async function edit(services: Services, id: string, fields: Partial<NewClient>, seen?: Date) {
  const outcome = await services.clients.update(id, fields, seen);
  if (outcome === 'gone') return refuse('CLIENT.NOT_FOUND');
  if (outcome === 'stale') return refuse('CLIENT.CHANGED', { code: fields.code ?? '' });
  if (outcome === 'taken') {
    const taken = await takenBy(services, fields as { code: string; name: string }, id);
    return taken ?? refuse('CLIENT.CODE_TAKEN', { code: fields.code ?? '' });
  }
  const client = await services.clients.findByCode(fields.code ?? '');
  if (!client) return refuse('CLIENT.NOT_FOUND');
  return ok({ client, created: false });
}

/** The refusal naming the other client that has this code or name, if one has. */
async function takenBy(services: Services, fields: { code: string; name: string }, self?: string) {
  const byCode = await services.clients.findByCode(fields.code);
  if (byCode && byCode.id !== self)
    return refuse('CLIENT.CODE_TAKEN', { code: byCode.code, name: byCode.name });
  const byName = await services.clients.findByName(fields.name);
  if (byName && byName.id !== self)
    return refuse('CLIENT.NAME_TAKEN', { code: byName.code, name: byName.name });
  return undefined;
}
