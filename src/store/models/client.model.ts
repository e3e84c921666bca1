import { Schema, type Connection } from 'mongoose';
import { codeKey, nameKey } from '../../domain/client/client-identity.js';
import { computedOnInsert } from '../lean-insert.js';
import { chatUserSchema } from './shared.schema.js';

const clientSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    classification: { type: Schema.Types.Mixed, required: true },
    owner: chatUserSchema,
    contacts: { type: [Schema.Types.Mixed], default: [] },
    careCadenceDays: Number,
    lastCareCallAt: Date,
    nextCareCallDue: Date,
    loyal: { type: Boolean, default: false },
    active: { type: Boolean, default: true },
    /** The normalised code and name (client-identity.ts), each unique: one client per spelling. */
    codeKey: String,
    nameKey: String,
    /** The chat submission that registered it: delivered again, it registers nothing more. */
    intakeKey: String,
  },
  { timestamps: true },
);
clientSchema.index({ code: 1 }, { unique: true });
// Sparse: clients stored before the keys existed get them at start-up (backfillClientKeys), and
// one whose key another client already has keeps none rather than stop the bot.
clientSchema.index({ codeKey: 1 }, { unique: true, sparse: true });
clientSchema.index({ nameKey: 1 }, { unique: true, sparse: true });
clientSchema.index({ intakeKey: 1 }, { unique: true, sparse: true });
clientSchema.index({ nextCareCallDue: 1 });

computedOnInsert(clientSchema, (doc) => {
  doc.codeKey = codeKey(String(doc.code ?? ''));
  doc.nameKey = nameKey(String(doc.name ?? ''));
});
clientSchema.pre('updateOne', function () {
  const update = this.getUpdate() as { $set?: Record<string, unknown> } | null;
  const set = update?.$set;
  if (typeof set?.code === 'string') set.codeKey = codeKey(set.code);
  if (typeof set?.name === 'string') set.nameKey = nameKey(set.name);
});

export const defineClientModel = (connection: Connection) =>
  connection.model('Client', clientSchema, 'clients');
