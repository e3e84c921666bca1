import { createHash } from 'node:crypto';
import { localYearOf } from '../domain/calendar/business-calendar.js';
import {
  NewComplaintSchema,
  OriginSchema,
  PrioritySchema,
  ContactChannelSchema,
  type NewComplaint,
} from '../domain/complaint/complaint.js';
import type { ChatUser } from '../domain/shared/chat-user.js';
import {
  parseSpreadsheetDate,
  parseSpreadsheetNumber,
} from '../domain/registers/spreadsheet-values.js';
import { insertNumberedRun } from '../store/number.repo.js';
import type { Store } from '../store/index.js';
import { emptyReport, type ImportReport, type Progress } from './import-report.js';
import type { Mapping } from './mapping.js';

const BATCH = 1000;
const lineOf = (index: number) => index + 2;
/** Who registered an imported case: the import itself. */
const IMPORTER: ChatUser = { platform: 'slack', id: 'IMPORT', name: 'import from spreadsheet' };

type Candidate = {
  line: number;
  key: string;
  clientCode: string;
  data: Omit<NewComplaint, 'clientId'>;
};

function toCandidate(
  row: Record<string, string>,
  m: Mapping,
  timeZone: string,
  line: number,
): Candidate | string {
  const get = (field: string) => (m[field] ? (row[m[field]!] ?? '').trim() : '');
  const receivedAt = parseSpreadsheetDate(get('receivedAt'), timeZone);
  if (!receivedAt) return `receivedAt: "${get('receivedAt')}" is not a date`;
  const closedAt = get('closedAt') ? parseSpreadsheetDate(get('closedAt'), timeZone) : undefined;
  if (get('closedAt') && !closedAt) return `closedAt: "${get('closedAt')}" is not a date`;
  if (closedAt && closedAt < receivedAt) return 'closedAt: before receivedAt';
  const cost = get('costEur') ? parseSpreadsheetNumber(get('costEur')) : undefined;
  if (get('costEur') && cost === undefined) return `costEur: "${get('costEur')}" is not a number`;
  const priority = PrioritySchema.safeParse(
    get('priority')
      .toUpperCase()
      .replace(/^(\d)$/, 'P$1'),
  );
  const origin = OriginSchema.safeParse(get('origin'));
  const channel = ContactChannelSchema.safeParse(get('channel'));
  const clientCode = get('clientCode');
  if (!clientCode) return 'clientCode: missing';
  const data = {
    product: get('product'),
    description: get('description'),
    problemCode: get('problemCode').toUpperCase(),
    category: get('category') || 'imported',
    department: get('department') || 'imported',
    priority: priority.success ? priority.data : 'P3',
    status: closedAt ? ('closed' as const) : ('new' as const),
    channel: channel.success ? channel.data : ('other' as const),
    ...(cost !== undefined ? { costEur: cost } : {}),
    ...(origin.success ? { origin: origin.data } : {}),
    ...(get('solution') ? { solution: get('solution') } : {}),
    changesProductFunctionality: false,
    outsidePolicy: false,
    warranty: 'unknown' as const,
    registeredBy: IMPORTER,
    approvals: [],
    slaClocks: [],
    phaseTimes: { new: receivedAt, ...(closedAt ? { closed: closedAt } : {}) },
    receivedAt,
  };
  const checked = NewComplaintSchema.omit({ clientId: true }).safeParse(data);
  if (!checked.success)
    return checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  // The file's own reference when it has one, else the row's content: a re-run finds the same key.
  const key = `import:${get('reference') || createHash('sha1').update(JSON.stringify(row)).digest('hex')}`;
  return { line, key, clientCode, data: checked.data };
}

/**
 * Loads a historical complaints register so indicators cover history from day one. Each case gets
 * a number of its year; a case already imported (same reference, or same row) is not imported again;
 * unknown problem codes are added to the taxonomy as "imported" and reported.
 */
export async function importComplaints(
  store: Store,
  rows: Record<string, string>[],
  mapping: Mapping,
  timeZone: string,
  progress: Progress = () => undefined,
): Promise<ImportReport> {
  const started = performance.now();
  const report = emptyReport();
  const clients = new Map(
    (await store.models.client.find({}, { code: 1 }).lean()).map((c) => [c.code, String(c._id)]),
  );
  const knownCodes = new Set(
    (await store.models.problemCode.find({}, { _id: 1 }).lean()).map((c) => String(c._id)),
  );
  const seen = new Set<string>();
  for (let from = 0; from < rows.length; from += BATCH) {
    const ready: (Candidate & { clientId: string })[] = [];
    rows.slice(from, from + BATCH).forEach((row, i) => {
      report.read++;
      const result = toCandidate(row, mapping, timeZone, lineOf(from + i));
      if (typeof result === 'string')
        return void report.rejected.push({ line: lineOf(from + i), reason: result });
      const clientId = clients.get(result.clientCode);
      if (!clientId)
        return void report.rejected.push({
          line: result.line,
          reason: `clientCode: no client "${result.clientCode}"`,
        });
      if (seen.has(result.key)) return void report.alreadyPresent++;
      seen.add(result.key);
      ready.push({ ...result, clientId });
    });
    const present = new Set(
      (
        await store.models.complaint
          .find({ intakeKey: { $in: ready.map((r) => r.key) } }, { intakeKey: 1 })
          .lean()
      ).map((c) => c.intakeKey),
    );
    const fresh = ready.filter((r) => !present.has(r.key));
    report.alreadyPresent += ready.length - fresh.length;
    await addProblemCodes(store, fresh, knownCodes, report);
    await insertNumbered(store, fresh, timeZone);
    report.imported += fresh.length;
    progress(Math.min(from + BATCH, rows.length), rows.length);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

async function addProblemCodes(
  store: Store,
  fresh: Candidate[],
  known: Set<string>,
  report: ImportReport,
) {
  const unknown = [...new Set(fresh.map((f) => f.data.problemCode))].filter((c) => !known.has(c));
  if (!unknown.length) return;
  await store.models.problemCode
    .insertMany(
      unknown.map((code) => ({ _id: code, label: code, source: 'imported' })),
      { ordered: false },
    )
    .catch(() => undefined);
  unknown.forEach((c) => known.add(c));
  report.addedProblemCodes.push(...unknown);
}

/** Per year, the batch inserted as one ordered run under consecutive numbers (no claims apart). */
async function insertNumbered(
  store: Store,
  fresh: (Candidate & { clientId: string })[],
  timeZone: string,
) {
  const byYear = new Map<number, (Candidate & { clientId: string })[]>();
  for (const f of fresh) {
    const year = localYearOf(f.data.receivedAt, timeZone);
    byYear.set(year, [...(byYear.get(year) ?? []), f]);
  }
  for (const [year, group] of byYear) {
    const docs = group.map((g) => ({ ...g.data, clientId: g.clientId, intakeKey: g.key }));
    await insertNumberedRun(store.models.complaint, 'complaint', year, docs);
  }
}
