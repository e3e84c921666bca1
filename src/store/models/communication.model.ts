import { Schema, type Connection } from 'mongoose';
import { chatUserSchema } from './shared.schema.js';

const communicationSchema = new Schema(
  {
    clientId: { type: Schema.Types.ObjectId, required: true },
    subject: String,
    body: String,
    status: String,
    draftedBy: chatUserSchema,
    protocol: new Schema({ number: String, by: chatUserSchema, at: Date }, { _id: false }),
    /** The protocol number's year and position (number.repo.ts), beside the protocol itself. */
    protocolYear: Number,
    protocolSeq: Number,
    sent: new Schema({ at: Date, channel: String, by: chatUserSchema }, { _id: false }),
    d2Id: Schema.Types.ObjectId,
    complaintId: Schema.Types.ObjectId,
    intakeKey: String,
    appliedIntakes: { type: [String], default: undefined },
    revision: { type: Number, default: 0 },
  },
  { timestamps: true },
);
communicationSchema.index({ clientId: 1, createdAt: -1 });
communicationSchema.index({ intakeKey: 1 }, { unique: true, sparse: true });
// A protocol number is spent only by the communication that carries it (Mod. 07_A17).
communicationSchema.index({ 'protocol.number': 1 }, { unique: true, sparse: true });
communicationSchema.index({ protocolYear: 1, protocolSeq: -1 });

export const defineCommunicationModel = (connection: Connection) =>
  connection.model('Communication', communicationSchema, 'communications');
