import { z } from 'zod';
import { ChatDestinationSchema, type ChatDestination, type ChatUser } from '../shared/chat-user.js';

/**
 * Company and personal settings, one stored value per key. The store keeps what it is given;
 * the schemas here decide what a value may be, when it is set and again when it is read.
 */
export interface SettingsStore {
  /** The value stored under `key`, undefined when nobody set it. */
  read(key: string): Promise<unknown>;
  /** Stores `value` under `key` (replacing any earlier one), remembering who set it and when. */
  write(key: string, value: unknown, by: ChatUser, at: Date): Promise<void>;
}

/** How the person who filed a complaint hears its status changes: in its thread, by DM, or not. */
export const FOLLOW_MODES = ['thread', 'dm', 'off'] as const;
export const FollowModeSchema = z.enum(FOLLOW_MODES);
export type FollowMode = z.infer<typeof FollowModeSchema>;
export const DEFAULT_FOLLOW: FollowMode = 'thread';

/**
 * Where the weekly digest goes: a Slack channel (C…/G…, not a DM) or a Teams conversation id.
 */
export const DigestDestinationSchema = ChatDestinationSchema.refine(
  (d) => d.platform !== 'slack' || /^[CG][A-Z0-9]{2,30}$/.test(d.channel),
  { message: 'not a Slack channel id', path: ['channel'] },
);

export const followKey = (user: Pick<ChatUser, 'platform' | 'id'>) =>
  `user:${user.platform}:${user.id}:follow`;
export const DIGEST_DESTINATION_KEY = 'company:digest_destination';

/** A person's follow mode; the default when unset or when what is stored is not a mode. */
export async function followModeOf(
  settings: Pick<SettingsStore, 'read'>,
  user: Pick<ChatUser, 'platform' | 'id'>,
): Promise<FollowMode> {
  const parsed = FollowModeSchema.safeParse(await settings.read(followKey(user)));
  return parsed.success ? parsed.data : DEFAULT_FOLLOW;
}

/** The digest's destination as set from chat; `fallback` (the deployment's) when never set. */
export async function digestDestinationOf(
  settings: Pick<SettingsStore, 'read'>,
  fallback: ChatDestination | undefined,
): Promise<ChatDestination | undefined> {
  const parsed = DigestDestinationSchema.safeParse(await settings.read(DIGEST_DESTINATION_KEY));
  return parsed.success ? parsed.data : fallback;
}
