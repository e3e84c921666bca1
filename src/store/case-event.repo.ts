import { isValidObjectId } from 'mongoose';
import { CaseEventSchema, type CaseEvent, type NewCaseEvent } from '../domain/audit/case-event.js';
import type { Models } from './models/index.js';
import { readRecords, type BadRecordReporter } from './read-boundary.js';

/** A complaint as the trail sees it: its number and the events written with it. */
interface WithFirstEvents {
  _id: unknown;
  number?: unknown;
  firstEvents?: unknown[];
}

/**
 * The audit trail: append and read, nothing else. A complaint's filing events are written inside
 * the complaint itself, with it (one write, so no case is without them); the trail reads them
 * there as the case's first events, before the events appended since.
 */
export function caseEventRepo(models: Models, report: BadRecordReporter) {
  const collection = models.caseEvent.collection.collectionName;
  const cases = models.complaint.collection.collectionName;
  const firstEventsOf = (doc: WithFirstEvents) => {
    const caseId = String(doc._id);
    const ref = { caseKind: 'complaint', caseId, caseNumber: String(doc.number) } as const;
    const events = (doc.firstEvents ?? []).map((event, i) => ({
      ...(event as object),
      ...ref,
      _id: `${caseId}:${i}`,
    }));
    return readRecords(CaseEventSchema, cases, events, report);
  };
  const byTime = (a: CaseEvent, b: CaseEvent) => a.at.getTime() - b.at.getTime();
  return {
    async append(event: NewCaseEvent): Promise<void> {
      CaseEventSchema.omit({ id: true }).parse(event);
      await models.caseEvent.create(event);
    },
    async history(caseKind: CaseEvent['caseKind'], caseId: string): Promise<CaseEvent[]> {
      const docs = await models.caseEvent.find({ caseKind, caseId }).sort({ at: 1, _id: 1 }).lean();
      const appended = readRecords(CaseEventSchema, collection, docs, report);
      if (caseKind !== 'complaint' || !isValidObjectId(caseId)) return appended;
      const filed = await models.complaint
        .findOne({ _id: caseId, firstEvents: { $exists: true } }, { number: 1, firstEvents: 1 })
        .lean<WithFirstEvents>();
      // A stable sort: at the same instant, the filing's events come first, in their order.
      return filed ? [...firstEventsOf(filed), ...appended].sort(byTime) : appended;
    },
    async recorded(caseId: string, type: string): Promise<boolean> {
      if ((await models.caseEvent.exists({ caseId: String(caseId), type: String(type) })) !== null)
        return true;
      if (!isValidObjectId(caseId)) return false;
      const filter = { _id: String(caseId), 'firstEvents.type': String(type) };
      return (await models.complaint.exists(filter)) !== null;
    },
    async ofType(type: string, since: Date): Promise<CaseEvent[]> {
      const docs = await models.caseEvent
        .find({ type, at: { $gte: since } })
        .sort({ at: 1 })
        .lean();
      const appended = readRecords(CaseEventSchema, collection, docs, report);
      const filed = await models.complaint
        .find({ 'firstEvents.type': String(type) }, { number: 1, firstEvents: 1 })
        .lean<WithFirstEvents[]>();
      const first = filed
        .flatMap((doc) => firstEventsOf(doc))
        .filter((e) => e.type === type && e.at >= since);
      return [...first, ...appended].sort(byTime);
    },
  };
}
