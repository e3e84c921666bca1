import { z } from 'zod';
import { may } from '../roles/permissions.js';
import { ChatUserSchema, type ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { ok, refuse, type Result } from '../shared/result.js';
import type { RoleDirectory } from '../shared/shared.ports.js';
import { chatText, optionalChatText } from '../shared/text.js';
import type { Client, NewClient } from './client.js';

export interface ClientRegistry {
  register(data: NewClient): Promise<Client | undefined>;
  findByCode(code: string): Promise<Client | undefined>;
  /** Replaces the editable fields of a client; false when it is gone. */
  update(id: string, changes: Partial<NewClient>): Promise<boolean>;
}

export const ClientFormSchema = z.strictObject({
  code: chatText(40).regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, . _ - only'),
  name: chatText(200),
  kind: z.enum(['private', 'business']),
  industry: optionalChatText(120),
  location: optionalChatText(120),
  owner: ChatUserSchema.optional(),
  careCadenceDays: z.coerce.number().int().min(1).max(3650).default(90),
  loyal: z.boolean().default(false),
});

/**
 * Creates a client of the registry (seed 004) or, when its code exists, updates its classification,
 * owner, care-call cadence and loyalty. Contacts and history stay as they are.
 */
export async function saveClient(
  services: { clients: ClientRegistry; roles: RoleDirectory },
  by: ChatUser,
  input: unknown,
): Promise<Result<{ client: Client; created: boolean }, 'INPUT.INVALID' | 'CLIENT.FORBIDDEN'>> {
  const parsed = parseInput(ClientFormSchema, input);
  if (!parsed.ok) return parsed;
  if (!may(await services.roles.rolesOf(by), 'client.register')) return refuse('CLIENT.FORBIDDEN');
  const { kind, industry, location, owner, ...rest } = parsed.value;
  const classification =
    kind === 'business'
      ? { kind, ...(industry ? { industry } : {}), ...(location ? { location } : {}) }
      : { kind, ...(location ? { location } : {}) };
  const fields = { ...rest, classification, ...(owner ? { owner } : {}) };
  const existing = await services.clients.findByCode(parsed.value.code);
  if (existing) {
    await services.clients.update(existing.id, fields);
    return ok({ client: { ...existing, ...fields }, created: false });
  }
  const created = await services.clients.register({ ...fields, contacts: [], active: true });
  if (!created) return saveClient(services, by, input);
  return ok({ client: created, created: true });
}
