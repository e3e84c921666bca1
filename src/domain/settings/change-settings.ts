import { z } from 'zod';
import { may } from '../roles/permissions.js';
import type { ChatDestination, ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { ok, refuse, type Result } from '../shared/result.js';
import type { CaseEventLog, Clock, RoleDirectory } from '../shared/shared.ports.js';
import {
  DIGEST_DESTINATION_KEY,
  DigestDestinationSchema,
  followKey,
  FollowModeSchema,
  type FollowMode,
  type SettingsStore,
} from './settings.js';

export interface SettingsServices {
  settings: SettingsStore;
  roles: RoleDirectory;
  clock: Clock;
  /** The company's settings changed from chat are audited like roles and routing rules. */
  events: CaseEventLog;
}

const FollowInputSchema = z.strictObject({ mode: FollowModeSchema });

/** Anyone sets how they follow the complaints they filed: `thread`, `dm` or `off`. */
export async function setFollowMode(
  services: SettingsServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<FollowMode, 'INPUT.INVALID'>> {
  const parsed = parseInput(FollowInputSchema, input);
  if (!parsed.ok) return parsed;
  await services.settings.write(followKey(by), parsed.value.mode, by, services.clock.now());
  return ok(parsed.value.mode);
}

const DigestInputSchema = z.strictObject({ destination: DigestDestinationSchema });

/** The commercial director (only) decides where the weekly digest goes. */
export async function setDigestDestination(
  services: SettingsServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<ChatDestination, 'INPUT.INVALID' | 'SETTINGS.FORBIDDEN'>> {
  if (!may(await services.roles.rolesOf(by), 'settings.digest'))
    return refuse('SETTINGS.FORBIDDEN', { action: 'settings.digest' });
  const parsed = parseInput(DigestInputSchema, input);
  if (!parsed.ok) return parsed;
  const { destination } = parsed.value;
  const at = services.clock.now();
  await services.settings.write(DIGEST_DESTINATION_KEY, destination, by, at);
  await services.events.append({
    caseKind: 'settings',
    caseId: DIGEST_DESTINATION_KEY,
    type: 'settings.digest_destination',
    actor: by,
    at,
    data: { destination },
  });
  return ok(destination);
}
