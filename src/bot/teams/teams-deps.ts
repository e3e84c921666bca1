import type { ChatDeps } from '../shared/chat-deps.js';

/** Where the Teams bot can speak on its own: references captured from incoming activities. */
export interface ConversationDirectory {
  remember(entry: {
    id: string;
    kind: 'personal' | 'channel' | 'groupChat';
    reference: Record<string, unknown>;
    userAadId?: string;
    locale?: string;
  }): Promise<void>;
  find(id: string): Promise<{ id: string; reference: Record<string, unknown> } | undefined>;
  personalFor(
    userAadId: string,
  ): Promise<{ id: string; reference: Record<string, unknown>; locale?: string } | undefined>;
}

/** The same use cases and queries as Slack, plus the Teams conversation directory. */
export type TeamsDeps = ChatDeps & {
  conversations: ConversationDirectory;
  appId: string;
};
