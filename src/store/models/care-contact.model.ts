import { Schema, type Connection } from 'mongoose';
import { chatUserSchema } from './shared.schema.js';

const careContactSchema = new Schema(
  {
    clientId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    channel: String,
    by: chatUserSchema,
    outcome: String,
    needs: String,
    nextAction: String,
    complaintId: Schema.Types.ObjectId,
    d2Id: Schema.Types.ObjectId,
    intakeKey: String,
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
careContactSchema.index({ clientId: 1, at: -1 });
careContactSchema.index({ intakeKey: 1 }, { unique: true, sparse: true });

export const defineCareContactModel = (connection: Connection) =>
  connection.model('CareContact', careContactSchema, 'care_contacts');
