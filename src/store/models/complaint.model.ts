import { Schema, type Connection } from 'mongoose';
import { computedOnInsert } from '../lean-insert.js';
import { chatDestinationSchema, chatUserSchema, numberedFields } from './shared.schema.js';

const approvalSchema = new Schema(
  {
    kind: String,
    role: String,
    reason: String,
    say: { key: String, params: Schema.Types.Mixed },
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

interface Dated {
  receivedAt?: unknown;
  phaseTimes?: unknown;
  slaClocks?: unknown;
  satisfaction?: unknown;
}

/**
 * The latest instant any indicator looks at: received, a phase reached, a clock stopped, a
 * rating given. Every complaint a period touches has it inside or after the period, so one
 * comparison on it discards the older ones, which is what keeps the KPI queries cheap when the
 * database scans (see kpi-period.ts).
 */
export function lastActivityOf(c: Dated): Date | undefined {
  const clocks = Array.isArray(c.slaClocks) ? (c.slaClocks as { stoppedAt?: unknown }[]) : [];
  const candidates = [
    c.receivedAt,
    ...Object.values((c.phaseTimes as Record<string, unknown> | undefined) ?? {}),
    ...clocks.map((clock) => clock.stoppedAt),
    (c.satisfaction as { at?: unknown } | undefined)?.at,
  ];
  const times = candidates
    .filter((d): d is Date | string => d instanceof Date || typeof d === 'string')
    .map((d) => new Date(d).getTime())
    .filter((t) => !Number.isNaN(t));
  return times.length ? new Date(Math.max(...times)) : undefined;
}

const complaintSchema = new Schema(
  {
    number: { type: String, required: true },
    ...numberedFields,
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
    sourceReference: String,
    /** An imported row's content hash (complaint-row.ts): finds it again when it has no id. */
    sourceHash: String,
    appliedIntakes: { type: [String], default: undefined },
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
    lastActivityAt: Date,
    /** Its filing's audit events, written with the case (case-event.repo reads them too). */
    firstEvents: { type: [Schema.Types.Mixed], default: undefined },
  },
  { timestamps: true, minimize: false },
);
complaintSchema.index({ number: 1 }, { unique: true });
complaintSchema.index({ numberYear: 1, numberSeq: -1 });
complaintSchema.index({ clientId: 1, problemCode: 1, receivedAt: -1 });
complaintSchema.index({ status: 1, priority: 1 });
complaintSchema.index({ lastActivityAt: 1 });
complaintSchema.index({ 'slaClocks.state': 1, 'slaClocks.warnAt': 1 });
computedOnInsert(complaintSchema, (doc) => {
  doc.lastActivityAt = lastActivityOf(doc);
});
// A case save sets the whole record; an update of other fields (the announcement) leaves it be.
complaintSchema.pre('updateOne', function () {
  const update = this.getUpdate() as { $set?: Record<string, unknown> } | null;
  if (update?.$set?.receivedAt) update.$set.lastActivityAt = lastActivityOf(update.$set);
});
// The events written with a case are part of the append-only trail: no update touches them.
for (const op of ['updateOne', 'updateMany', 'findOneAndUpdate'] as const)
  complaintSchema.pre(op, function () {
    const update = (this.getUpdate() ?? {}) as Record<string, unknown>;
    const touched = [update, ...Object.values(update)].some(
      (part) =>
        part !== null &&
        typeof part === 'object' &&
        Object.keys(part).some((path) => path.split('.')[0] === 'firstEvents'),
    );
    if (touched)
      throw new Error("a complaint's first events are part of the audit trail: never updated");
  });
complaintSchema.index({ intakeKey: 1 }, { unique: true, sparse: true });
complaintSchema.index({ sourceReference: 1 }, { sparse: true });
complaintSchema.index({ sourceHash: 1 }, { sparse: true });

export const defineComplaintModel = (connection: Connection) =>
  connection.model('Complaint', complaintSchema, 'complaints');
