import type { Models } from './models/index.js';

export interface StoredConversation {
  id: string;
  kind: 'personal' | 'channel' | 'groupChat';
  reference: Record<string, unknown>;
  userAadId?: string;
  locale?: string;
}

/** Where the Teams bot can speak without being spoken to first. */
export function conversationRepository(models: Models) {
  const { conversation } = models;
  const toStored = (doc: Record<string, unknown> | null): StoredConversation | undefined =>
    doc
      ? {
          id: String(doc._id),
          kind: doc.kind as StoredConversation['kind'],
          reference: doc.reference as Record<string, unknown>,
          ...(doc.userAadId ? { userAadId: String(doc.userAadId) } : {}),
          ...(doc.locale ? { locale: String(doc.locale) } : {}),
        }
      : undefined;
  return {
    async remember(entry: StoredConversation): Promise<void> {
      const { id, ...fields } = entry;
      await conversation.updateOne({ _id: id }, { $set: fields }, { upsert: true });
    },
    async find(id: string): Promise<StoredConversation | undefined> {
      return toStored(
        (await conversation.findById(String(id)).lean()) as Record<string, unknown> | null,
      );
    },
    async personalFor(userAadId: string): Promise<StoredConversation | undefined> {
      const doc = await conversation
        .findOne({ kind: 'personal', userAadId: String(userAadId) })
        .lean();
      return toStored(doc as Record<string, unknown> | null);
    },
  };
}
