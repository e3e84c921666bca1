import { z } from 'zod';

export const PLATFORMS = ['slack', 'teams'] as const;
export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

/** A person as the chat platform knows them (Slack user id, Teams AAD object id). */
export const ChatUserSchema = z.object({
  platform: PlatformSchema,
  id: z.string().min(1).max(64),
  name: z.string().max(200).optional(),
});
export type ChatUser = z.infer<typeof ChatUserSchema>;

/** Who registered a case brought in from a spreadsheet: the import itself, nobody to tell. */
export const IMPORTER: ChatUser = {
  platform: 'slack',
  id: 'IMPORT',
  name: 'import from spreadsheet',
};
export const isImporter = (user: Pick<ChatUser, 'platform' | 'id'>) =>
  user.platform === IMPORTER.platform && user.id === IMPORTER.id;

/** Where a message is posted: a Slack channel id or a Teams conversation id. */
export const ChatDestinationSchema = z.object({
  platform: PlatformSchema,
  channel: z.string().min(1).max(300),
});
export type ChatDestination = z.infer<typeof ChatDestinationSchema>;

/** Each person once, in first-seen order (the same person may hold several roles). */
export function eachOnce<U extends Pick<ChatUser, 'platform' | 'id'>>(users: U[]): U[] {
  const seen = new Set<string>();
  return users.filter(
    (u) => !seen.has(`${u.platform}:${u.id}`) && seen.add(`${u.platform}:${u.id}`),
  );
}

export const RecordIdSchema = z.string().regex(/^[0-9a-f]{24}$/, 'not a record id');
