import { Schema, type Connection } from 'mongoose';
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
  },
  { timestamps: true },
);
clientSchema.index({ code: 1 }, { unique: true });
clientSchema.index({ nextCareCallDue: 1 });

export const defineClientModel = (connection: Connection) =>
  connection.model('Client', clientSchema, 'clients');
