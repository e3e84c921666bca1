import type { ComplaintStatus } from '../domain/complaint/complaint.js';
import { dateOrderOf, type DateOrder } from '../domain/registers/spreadsheet-dates.js';
import { ok, refuse, type Result } from '../domain/shared/result.js';
import type { Store } from '../store/index.js';
import { toCandidate, type Candidate } from './complaint-row.js';
import { clientsFor } from './import-clients-of.js';
import { emptyReport, type ImportReport, type Progress } from './import-report.js';
import { PHASES, type Mapping } from './mapping.js';
import { sortOut, storedImports } from './match-cases.js';
import { planRepeats, storedForRule, type RuleCase } from './repeat-links.js';
import { addProblemCodes, insertCases, linkLate, newCase, updateCases } from './write-cases.js';
import type { CsvFile } from './read-csv.js';

/** Rows per numbered run: one ordered driver insertMany each. */
const BATCH = 2500;
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
    (await store.models.taxonomy.find({ kind: 'problemCode' }, { code: 1 }).lean()).map((c) =>
      String(c.code),
    ),
  );
  const { fresh, updates } = sortOut(await storedImports(store), accepted, mapping, report);
  const cases = fresh.map((c) => newCase(c, clients.get(c.clientCode)));
  const plan = planRepeats(cases, await storedForRule(store, cases), {
    byRule: !mapping.repeatOf,
    named: mapping.repeatOf ? namedRepeats(candidates) : new Map(),
    windowDays: options.repeatWindowDays,
  });
  await addProblemCodes(store, fresh, knownCodes, report);
  const total = updates.length + fresh.length;
  for (let from = 0; from < updates.length; from += BATCH) {
    await updateCases(store, updates.slice(from, from + BATCH), options.now ?? new Date());
    progress(Math.min(from + BATCH, updates.length), total);
  }
  const links = {
    plan,
    numbers: new Map<RuleCase, string>(),
    linked: new Set<RuleCase>(),
    next: new Map<number, number | undefined>(),
  };
  for (let from = 0; from < cases.length; from += BATCH) {
    await insertCases(
      store,
      { ...links, cases: cases.slice(from, from + BATCH) },
      options.timeZone,
    );
    progress(updates.length + Math.min(from + BATCH, cases.length), total);
  }
  await linkLate(store, links);
  report.imported = fresh.length;
  report.repeatsLinked = plan.size;
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
  const referenceOfNumber = new Map<string, string>();
  for (const c of candidates)
    if (c.reference && c.number) referenceOfNumber.set(c.number, c.reference);
  const named = new Map<string, string>();
  for (const c of candidates)
    if (c.reference && c.repeatOfReference)
      named.set(c.reference, referenceOfNumber.get(c.repeatOfReference) ?? c.repeatOfReference);
  return named;
}
