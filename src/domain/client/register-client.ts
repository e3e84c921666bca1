import { z } from 'zod';
import type { ClientDirectory } from '../complaint/complaint.ports.js';
import { may } from '../roles/permissions.js';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { ok, refuse, type Result } from '../shared/result.js';
import type { RoleDirectory } from '../shared/shared.ports.js';
import { chatText } from '../shared/text.js';
import type { Client } from './client.js';

const QuickClientSchema = z.strictObject({
  name: chatText(200),
  code: chatText(40)
    .regex(/^[A-Z0-9][A-Z0-9._-]*$/, 'capital letters, digits, . _ -')
    .optional(),
});

/** A code from the name when the operator gives none: "Officine Rossi S.r.l." → "OFFICINEROS-1". */
export function codeFromName(name: string, attempt: number): string {
  const letters = name
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .slice(0, 11);
  return `${letters || 'CLIENT'}-${attempt}`;
}

/**
 * The "new client" path of intake: a client known only by name is registered on the spot (the
 * registry can complete the file later); its code is given or derived from the name. A client
 * of that name that exists already — or that another form registered at the same moment — is
 * the one chosen: the registry never gets the same client twice.
 */
export async function registerQuickClient(
  services: { clients: ClientDirectory; roles: RoleDirectory },
  by: ChatUser,
  input: unknown,
): Promise<
  Result<
    { client: Client; existed: boolean },
    'INPUT.INVALID' | 'CLIENT.FORBIDDEN' | 'CLIENT.CODE_TAKEN'
  >
> {
  const parsed = parseInput(QuickClientSchema, input);
  if (!parsed.ok) return parsed;
  if (!may(await services.roles.rolesOf(by), 'client.register')) return refuse('CLIENT.FORBIDDEN');
  const { name, code } = parsed.value;
  const known = await services.clients.findByName(name);
  if (known) return ok({ client: known, existed: true });
  for (let attempt = 1; attempt <= 20; attempt++) {
    const client = await services.clients.register({
      code: code ?? codeFromName(name, attempt),
      name,
      classification: { kind: 'business' },
      contacts: [],
      careCadenceDays: 90,
      loyal: false,
      active: true,
    });
    if (client) return ok({ client, existed: false });
    const registeredMeanwhile = await services.clients.findByName(name);
    if (registeredMeanwhile) return ok({ client: registeredMeanwhile, existed: false });
    if (code) break;
  }
  return refuse('CLIENT.CODE_TAKEN', { code: code ?? codeFromName(name, 1) });
}
