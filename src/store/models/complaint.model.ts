import { Schema, type Connection } from 'mongoose';
import { chatDestinationSchema, chatUserSchema } from './shared.schema.js';

const approvalSchema = new Schema(
  {
    kind: String,
    role: String,
    reason: String,
    status: String,
    requestedAt: Date,
    decidedBy: chatUserSchema,
    decidedAt: Date,
    note: String,
  },
  { _id: false },
);

const slaClockSchema = new Schema(
  {
    target: String,
    basis: String,
    budgetMinutes: Number,
    limitMinutes: Number,
    startedAt: Date,
    runningSince: Date,
    warnAt: Date,
    dueAt: Date,
    limitAt: Date,
    state: String,
    pausedAt: Date,
    consumedMinutes: Number,
    stoppedAt: Date,
  },
  { _id: false },
);

const complaintSchema = new Schema(
  {
    number: { type: String, required: true },
    clientId: { type: Schema.Types.ObjectId, required: true },
    product: String,
    description: String,
    problemCode: String,
    category: String,
    department: String,
    priority: String,
    status: String,
    channel: String,
    remedyRequested: String,
    estimatedCostEur: Number,
    costEur: Number,
    changesProductFunctionality: Boolean,
    outsidePolicy: Boolean,
    warranty: String,
    origin: String,
    rootCause: String,
    solution: String,
    detectability: Number,
    goodwill: new Schema({ cause: String }, { _id: false }),
    repeatOf: new Schema({ id: Schema.Types.ObjectId, number: String }, { _id: false }),
    reportedBy: String,
    sourceMessageUrl: String,
    intakeKey: String,
    registeredBy: chatUserSchema,
    assignee: chatUserSchema,
    approvals: { type: [approvalSchema], default: [] },
    serviceOrderId: Schema.Types.ObjectId,
    slaClocks: { type: [slaClockSchema], default: [] },
    satisfaction: new Schema({ rating: Number, comment: String, at: Date }, { _id: false }),
    phaseTimes: { type: Schema.Types.Mixed, default: {} },
    receivedAt: Date,
    revision: { type: Number, default: 0 },
    announcement: new Schema({ ...chatDestinationSchema.obj, messageId: String }, { _id: false }),
  },
  { timestamps: true, minimize: false },
);
complaintSchema.index({ number: 1 }, { unique: true });
complaintSchema.index({ clientId: 1, problemCode: 1, receivedAt: -1 });
complaintSchema.index({ status: 1, priority: 1 });
complaintSchema.index({ receivedAt: 1 });
complaintSchema.index({ 'phaseTimes.closed': 1 });
complaintSchema.index({ 'slaClocks.stoppedAt': 1 });
complaintSchema.index({ intakeKey: 1 }, { unique: true, sparse: true });

export const defineComplaintModel = (connection: Connection) =>
  connection.model('Complaint', complaintSchema, 'complaints');
