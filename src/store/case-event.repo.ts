import { CaseEventSchema, type CaseEvent, type NewCaseEvent } from '../domain/audit/case-event.js';
import type { Models } from './models/index.js';
import { readRecords, type BadRecordReporter } from './read-boundary.js';

/** The audit trail: append and read, nothing else. */
export function caseEventRepo(models: Models, report: BadRecordReporter) {
  const collection = models.caseEvent.collection.collectionName;
  return {
    async append(event: NewCaseEvent): Promise<void> {
      CaseEventSchema.omit({ id: true }).parse(event);
      await models.caseEvent.create(event);
    },
    async history(caseKind: CaseEvent['caseKind'], caseId: string): Promise<CaseEvent[]> {
      const docs = await models.caseEvent.find({ caseKind, caseId }).sort({ at: 1, _id: 1 }).lean();
      return readRecords(CaseEventSchema, collection, docs, report);
    },
    async recorded(caseId: string, type: string): Promise<boolean> {
      return (
        (await models.caseEvent.exists({ caseId: String(caseId), type: String(type) })) !== null
      );
    },
    async ofType(type: string, since: Date): Promise<CaseEvent[]> {
      const docs = await models.caseEvent
        .find({ type, at: { $gte: since } })
        .sort({ at: 1 })
        .lean();
      return readRecords(CaseEventSchema, collection, docs, report);
    },
  };
}
