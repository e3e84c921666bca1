import {
  NewComplaintSchema,
  ComplaintSchema,
  type Complaint,
} from '../domain/complaint/complaint.js';
import type { ComplaintRepository } from '../domain/complaint/complaint.ports.js';
import type { ComplaintQueries } from '../domain/shared/queries.ports.js';
import { FirstEventSchema } from '../domain/audit/case-event.js';
import { caseRepository } from './case.repo.js';
import type { Models } from './models/index.js';
import type { BadRecordReporter } from './read-boundary.js';

const OPEN = [
  'new',
  'awaiting_approval',
  'acknowledged',
  'in_progress',
  'waiting_customer',
  'reopened',
];

/** Text searched as itself, never as a pattern. */
export const literally = (text: string) =>
  new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');

export function complaintRepository(models: Models, report: BadRecordReporter) {
  const cases = caseRepository(
    models.complaint,
    { record: ComplaintSchema, create: NewComplaintSchema },
    'complaint',
    report,
  );
  const newest = { createdAt: -1 as const, _id: -1 as const };
  const filed = justFiled();
  const repository: ComplaintRepository & ComplaintQueries = {
    register: (data, year) => cases.register(data, year) as Promise<Complaint>,
    registerOnce: async (data, year, firstEvents) => {
      const done = (await cases.registerOnce(
        data,
        year,
        firstEvents?.length
          ? { firstEvents: firstEvents.map((e) => FirstEventSchema.parse(e)) }
          : undefined,
      )) as { record: Complaint; first: boolean };
      if (done.first) filed.hold(done.record);
      return done;
    },
    get: cases.get,
    forFirstCard: async (id) => filed.take(String(id)) ?? cases.get(id),
    save: (record, readRevision) => {
      filed.drop(record.id);
      return cases.save(record, readRevision);
    },
    findByNumber: (number) => cases.findOne({ number: String(number) }),
    findByIntakeKey: (key) => cases.findOne({ intakeKey: String(key) }),
    latestOf: (clientId, problemCode, since) =>
      cases.findOne(
        {
          clientId: String(clientId),
          problemCode: String(problemCode),
          receivedAt: { $gte: since },
        },
        { receivedAt: -1 },
      ),
    recent: (limit) => cases.records.list({}, { sort: newest, limit }),
    openFor: (user, limit) =>
      cases.records.list(
        {
          status: { $in: OPEN },
          $or: [
            { 'assignee.platform': user.platform, 'assignee.id': String(user.id) },
            { 'registeredBy.platform': user.platform, 'registeredBy.id': String(user.id) },
          ],
        },
        { sort: newest, limit },
      ),
    search: async (text, limit) => {
      const pattern = literally(String(text).slice(0, 200));
      // Clients whose name or code matches bring their cases too (at most 50 clients).
      const clients = await models.client
        .find({ $or: [{ name: pattern }, { code: pattern }] }, { _id: 1 })
        .limit(50)
        .lean();
      const clientIds = clients.map((c) => String(c._id));
      return cases.records.list(
        {
          $or: [
            { number: pattern },
            { product: pattern },
            { description: pattern },
            ...(clientIds.length ? [{ clientId: { $in: clientIds } }] : []),
          ],
        },
        { sort: newest, limit },
      );
    },
    awaitingApproval: (limit) =>
      cases.records.list({ 'approvals.status': 'pending' }, { sort: newest, limit }),
  };
  const filings = {
    /** Filed from chat (imports carry an `import:` intake key) and never announced. */
    unannounced: (since: Date, before: Date, limit: number) =>
      cases.records.list(
        {
          announcement: { $exists: false },
          'phaseTimes.new': { $gte: since, $lt: before },
          intakeKey: { $not: /^import:/ },
        },
        { sort: { 'phaseTimes.new': 1 }, limit },
      ),
  };
  /** Cases with a running clock that warns by `until`: its reminders are coming within reach. */
  const comingDue = (until: Date) =>
    cases.records.list({
      slaClocks: { $elemMatch: { state: 'running', warnAt: { $lte: until } } },
    });
  return {
    ...repository,
    ...filings,
    comingDue,
    list: cases.records.list,
    setAnnouncement: (id: string, announcement: object) => {
      filed.drop(String(id));
      return cases.setAnnouncement(id, announcement);
    },
  };
}

// Long enough for a burst's last card (2,000 filings took over a minute on a loaded machine);
// what a card shows meanwhile does not rest on it (see forFirstCard), only the memory held does.
const JUST_FILED_MS = 5 * 60_000;
const JUST_FILED_MAX = 5_000;

/**
 * Cases this process has just filed, as written, until their first card takes them (once) or
 * 5 minutes pass; this process's own change of one drops it. Bounded: past the limit, the
 * oldest goes.
 */
function justFiled() {
  const held = new Map<string, { record: Complaint; until: number }>();
  return {
    hold(record: Complaint) {
      if (held.size >= JUST_FILED_MAX) held.delete(held.keys().next().value!);
      held.set(record.id, { record, until: performance.now() + JUST_FILED_MS });
    },
    take(id: string): Complaint | undefined {
      const kept = held.get(id);
      held.delete(id);
      return kept && kept.until > performance.now() ? structuredClone(kept.record) : undefined;
    },
    drop: (id: string) => void held.delete(id),
  };
}
