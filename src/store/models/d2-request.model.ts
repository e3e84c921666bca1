import { Schema, type Connection } from 'mongoose';
import { chatDestinationSchema, chatUserSchema, numberedFields } from './shared.schema.js';

const d2RequestSchema = new Schema(
  {
    number: { type: String, required: true },
    ...numberedFields,
    requester: chatUserSchema,
    requesterOffice: String,
    clientId: { type: Schema.Types.ObjectId, required: true },
    reason: String,
    urgency: String,
    notes: String,
    status: String,
    submittedAt: Date,
    signature: new Schema({ by: chatUserSchema, at: Date }, { _id: false }),
    lastStep: new Schema({ by: chatUserSchema, at: Date }, { _id: false }),
    declineReason: String,
    outcome: String,
    complaintId: Schema.Types.ObjectId,
    communicationId: Schema.Types.ObjectId,
    intakeKey: String,
    appliedIntakes: { type: [String], default: undefined },
    revision: { type: Number, default: 0 },
    announcement: new Schema({ ...chatDestinationSchema.obj, messageId: String }, { _id: false }),
  },
  { timestamps: true },
);
d2RequestSchema.index({ number: 1 }, { unique: true });
d2RequestSchema.index({ numberYear: 1, numberSeq: -1 });
d2RequestSchema.index({ status: 1, createdAt: 1 });
d2RequestSchema.index({ intakeKey: 1 }, { unique: true, sparse: true });

export const defineD2RequestModel = (connection: Connection) =>
  connection.model('D2Request', d2RequestSchema, 'd2_requests');
