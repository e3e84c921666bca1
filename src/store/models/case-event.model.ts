import { Schema, type Connection } from 'mongoose';

const APPEND_ONLY = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const;

export class AppendOnlyViolation extends Error {
  override name = 'AppendOnlyViolation';
}

const caseEventSchema = new Schema(
  {
    caseKind: { type: String, required: true },
    caseId: { type: String, required: true },
    caseNumber: String,
    type: { type: String, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
  },
  { minimize: false },
);
caseEventSchema.index({ caseKind: 1, caseId: 1, at: 1 });
caseEventSchema.index({ type: 1, at: -1 });

// The audit trail is evidence: the model refuses to change or remove what was written.
for (const operation of APPEND_ONLY) {
  caseEventSchema.pre(operation, function refuse() {
    throw new AppendOnlyViolation(`case events are append-only (${operation} refused)`);
  });
}
caseEventSchema.pre('save', function refuseResave() {
  if (!this.isNew) throw new AppendOnlyViolation('case events are append-only');
});

export const defineCaseEventModel = (connection: Connection) =>
  connection.model('CaseEvent', caseEventSchema, 'case_events');
