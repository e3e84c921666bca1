import { Schema, type Connection } from 'mongoose';

/** Messages the bot owes someone, written before any delivery is tried (persist, then tell). */
const outboxSchema = new Schema(
  {
    notification: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true },
    /** Failed attempts, counted towards parking (rate-limit waits are not counted). */
    attempts: { type: Number, default: 0 },
    /** Attempts taken so far, each under its own claim "<entry id>:<turn>". */
    turns: Number,
    /** The messages of the set already delivered, with the platform's answer (message id). */
    sent: { type: [{ _id: false, part: String, answer: String }], default: undefined },
    /** The message being sent right now: left set by a crash, it may or may not have gone out. */
    sending: String,
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: Date,
    lastError: String,
    deliveredAt: Date,
    /** Set for messages that must go out once whoever queues them (reminders). */
    key: String,
  },
  { timestamps: true, minimize: false },
);
outboxSchema.index({ status: 1, nextAttemptAt: 1 });
outboxSchema.index({ key: 1 }, { unique: true, sparse: true });

/**
 * One document per delivery attempt ("<entry id>:<turn>"): whoever inserts it owns the attempt.
 * Inserts are atomic on every MongoDB-wire server; a conditional update is not on the CI server.
 */
const outboxClaimSchema = new Schema({ _id: String, at: Date }, { versionKey: false });

export const defineOutboxModels = (connection: Connection) => ({
  outbox: connection.model('Outbox', outboxSchema, 'outbox'),
  outboxClaim: connection.model('OutboxClaim', outboxClaimSchema, 'outbox_claims'),
});
