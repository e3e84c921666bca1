import { localYearOf } from '../domain/calendar/business-calendar.js';
import type { ComplaintStatus } from '../domain/complaint/complaint.js';
import { dateOrderOf, type DateOrder } from '../domain/registers/spreadsheet-dates.js';
import { ok, refuse, type Result } from '../domain/shared/result.js';
import { insertNumberedRun } from '../store/number.repo.js';
import type { Store } from '../store/index.js';
import { toCandidate, type Candidate } from './complaint-row.js';
import { clientsFor } from './import-clients-of.js';
import { emptyReport, type ImportReport, type Progress } from './import-report.js';
import { linkRepeats } from './link-repeats.js';
import { PHASES, type Mapping } from './mapping.js';
import { changesFor, storedFor, updateOf } from './match-cases.js';
import type { CsvFile } from './read-csv.js';

const BATCH = 1000;
const DATE_FIELDS = ['receivedAt', 'firstResponseAt', 'closedAt', ...PHASES.map((p) => `at:${p}`)];

export interface ComplaintImportOptions {
  timeZone: string;
  /** The order of numeric dates in every column; else told from each column's own dates. */
  dateOrder?: DateOrder;
  /** The register's status values the usual words do not cover ("annullata" → withdrawn). */
  statusValues?: Record<string, ComplaintStatus>;
  /** The intake's repeat window (REPEAT_WINDOW_DAYS). */
  repeatWindowDays: number;
  /** Registers clients the file names (code and name) that the registry does not have. */
  addClients?: boolean;
  now?: Date;
}

export type DateOrderRefusal = {
  column: string;
  order: 'ambiguous' | 'mixed';
  examples: string[];
};

/** Each date column's order, from all its dates; a column nothing decides is refused. */
function dateOrders(file: CsvFile, m: Mapping, forced?: DateOrder) {
  const orders: Record<string, DateOrder> = {};
  for (const field of DATE_FIELDS) {
    if (!m[field]) continue;
    if (forced) orders[field] = forced;
    if (forced) continue;
    const found = dateOrderOf(file.rows.map((r) => r.cells[m[field]!] ?? ''));
    if (found.order === 'ambiguous' || found.order === 'mixed')
      return refuse('IMPORT.DATE_ORDER', {
        column: m[field]!,
        order: found.order,
        examples: [found.dayFirstExample, found.monthFirstExample, found.ambiguousExample].filter(
          Boolean,
        ),
      });
    if (found.order !== 'none') orders[field] = found.order;
  }
  return ok(orders);
}

/**
 * Loads a complaints register so indicators cover history from day one. A row is found again
 * by the register's reference when it has one, else by its content, so running a file twice,
 * or an updated file, adds nothing twice: a stored case whose row changed is updated (closing,
 * status, solution, cost) and audited. New cases get numbers of their receipt year, in receipt
 * order (an export's own numbers are kept when they come in sequence). Repeats are linked by
 * the intake's rule; unknown problem codes join the taxonomy as "imported".
 */
export async function importComplaints(
  store: Store,
  file: CsvFile,
  mapping: Mapping,
  options: ComplaintImportOptions,
  progress: Progress = () => undefined,
): Promise<Result<ImportReport, 'IMPORT.DATE_ORDER'>> {
  const started = performance.now();
  const orders = dateOrders(file, mapping, options.dateOrder);
  if (!orders.ok) return orders;
  const report = emptyReport();
  report.read = file.rows.length + file.rejected.length;
  report.rejected.push(...file.rejected);
  const rules = {
    timeZone: options.timeZone,
    dateOrders: orders.value,
    statusValues: options.statusValues ?? {},
  };
  const candidates = distinct(file, mapping, rules, report);
  const clients = await clientsFor(store, candidates, options.addClients ?? false, report);
  const accepted = candidates.filter((c) => {
    if (clients.has(c.clientCode)) return true;
    report.rejected.push({ line: c.line, reason: `clientCode: no client "${c.clientCode}"` });
    return false;
  });
  const knownCodes = new Set(
    (await store.models.problemCode.find({}, { _id: 1 }).lean()).map((c) => String(c._id)),
  );
  const imported: unknown[] = [];
  for (let from = 0; from < accepted.length; from += BATCH) {
    const batch = accepted.slice(from, from + BATCH);
    const fresh = await updateStored(store, batch, mapping, report, options.now ?? new Date());
    await addProblemCodes(store, fresh, knownCodes, report);
    imported.push(...(await insertNumbered(store, fresh, clients, options.timeZone)));
    report.imported += fresh.length;
    progress(Math.min(from + BATCH, accepted.length), accepted.length);
  }
  report.repeatsLinked = await linkRepeats(store, imported, {
    byRule: !mapping.repeatOf,
    named: namedRepeats(candidates),
    windowDays: options.repeatWindowDays,
  });
  report.rejected.sort((a, b) => a.line - b.line);
  report.seconds = (performance.now() - started) / 1000;
  return ok(report);
}

/** Rows as cases, each case once: a row repeated in the file counts as already present. */
function distinct(
  file: CsvFile,
  mapping: Mapping,
  rules: Parameters<typeof toCandidate>[2],
  report: ImportReport,
): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const row of file.rows) {
    const c = toCandidate(row, mapping, rules);
    if (typeof c === 'string') report.rejected.push({ line: row.line, reason: c });
    else if (seen.has(c.reference ?? c.hash)) report.alreadyPresent++;
    else {
      out.push(c);
      seen.add(c.reference ?? c.hash);
    }
  }
  // Numbers follow an export's own numbers, else the order complaints were received in.
  const key = (c: Candidate) => c.numberSeq ?? Number.MAX_SAFE_INTEGER;
  return out.sort(
    (a, b) =>
      key(a) - key(b) ||
      a.data.receivedAt.getTime() - b.data.receivedAt.getTime() ||
      a.line - b.line,
  );
}

/** An export names the case a row repeats by its number; the row with that number has a reference. */
function namedRepeats(candidates: Candidate[]): Map<string, string> {
  const referenceOfNumber = new Map(
    candidates.flatMap((c) => (c.reference && c.number ? [[c.number, c.reference]] : [])),
  );
  return new Map(
    candidates.flatMap((c) =>
      c.reference && c.repeatOfReference
        ? [[c.reference, referenceOfNumber.get(c.repeatOfReference) ?? c.repeatOfReference]]
        : [],
    ),
  );
}

/** Updates the batch's stored cases whose row changed; returns the rows that are new cases. */
async function updateStored(
  store: Store,
  batch: Candidate[],
  mapping: Mapping,
  report: ImportReport,
  now: Date,
): Promise<Candidate[]> {
  const stored = await storedFor(store, batch);
  const fresh: Candidate[] = [];
  const writes: ReturnType<typeof updateOf>[] = [];
  const events: object[] = [];
  for (const c of batch) {
    const found = stored.match(c);
    if (!found) {
      fresh.push(c);
      continue;
    }
    if (found.byContent && (c.reference ?? '') !== (found.stored.sourceReference ?? ''))
      report.matchedByContent++;
    const set = changesFor(found.stored, c, mapping);
    if (!Object.keys(set).length) {
      report.alreadyPresent++;
      continue;
    }
    report.updated++;
    writes.push(updateOf(found.stored, set));
    events.push({
      caseKind: 'complaint',
      caseId: String(found.stored._id),
      caseNumber: found.stored.number,
      type: 'complaint.import_updated',
      actor: { platform: 'system', id: 'import' },
      at: now,
      data: { line: c.line, changed: Object.keys(set) },
    });
  }
  if (writes.length) await store.models.complaint.bulkWrite(writes, { ordered: false });
  if (events.length) await store.models.caseEvent.insertMany(events);
  return fresh;
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
  fresh: Candidate[],
  clients: Map<string, string>,
  timeZone: string,
): Promise<string[]> {
  const byYear = new Map<number, Candidate[]>();
  for (const f of fresh) {
    const year = localYearOf(f.data.receivedAt, timeZone);
    byYear.set(year, [...(byYear.get(year) ?? []), f]);
  }
  for (const [year, group] of byYear) {
    const docs = group.map((g) => ({
      ...g.data,
      clientId: clients.get(g.clientCode)!,
      intakeKey: g.reference ? `import:ref:${g.reference}` : `import:hash:${g.hash}`,
      sourceHash: g.hash,
    }));
    await insertNumberedRun(store.models.complaint, 'complaint', year, docs);
  }
  const keys = fresh.map((g) =>
    g.reference ? `import:ref:${g.reference}` : `import:hash:${g.hash}`,
  );
  const ids = await store.models.complaint.find({ intakeKey: { $in: keys } }, { _id: 1 }).lean();
  return ids.map((d) => String(d._id));
}
