import { Schema, type Connection } from 'mongoose';

/**
 * Teams conversation references, captured when the bot is installed or first spoken to: the bot
 * needs one to post into a channel or chat on its own (routing cards, reminders, digests).
 */
const conversationSchema = new Schema(
  {
    _id: String,
    kind: String,
    reference: { type: Schema.Types.Mixed, required: true },
    /** For personal chats: the user's AAD object id, so the bot can message them directly. */
    userAadId: String,
    /** For personal chats: the user's Teams locale, so what the bot sends them is in their language. */
    locale: String,
  },
  { timestamps: true, minimize: false },
);
conversationSchema.index({ userAadId: 1 });

export const defineConversationModel = (connection: Connection) =>
  connection.model('Conversation', conversationSchema, 'teams_conversations');
