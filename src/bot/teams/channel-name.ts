import type { ConversationDirectory } from './teams-deps.js';

/** A Teams channel by the name its captured reference carries, else by its id. */
export async function teamsChannelName(
  conversations: Pick<ConversationDirectory, 'find'>,
  id: string,
): Promise<string> {
  const reference = (await conversations.find(id))?.reference as
    { conversation?: { name?: unknown } } | undefined;
  const name = reference?.conversation?.name;
  return typeof name === 'string' && name ? name : id;
}
