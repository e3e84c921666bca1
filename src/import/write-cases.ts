import { Types } from 'mongoose';
import { localYearOf } from '../domain/calendar/business-calendar.js';
import type { Store } from '../store/index.js';
import { insertNumberedRun, type NumberedDoc } from '../store/number.repo.js';
import type { Candidate } from './complaint-row.js';
import type { ImportReport } from './import-report.js';
import { updateOf, type CaseUpdate } from './match-cases.js';
import type { RuleCase } from './repeat-links.js';

/** A new case: its row, and its id given now so a later row can link to it before it is stored. */
export type NewCase = RuleCase & { candidate: Candidate; clientObjectId: unknown };

export const newCase = (c: Candidate, clientId: unknown): NewCase => ({
  id: new Types.ObjectId(),
  clientId: String(clientId),
  clientObjectId: clientId,
  problemCode: c.data.problemCode,
  receivedAt: c.data.receivedAt,
  ...(c.reference ? { reference: c.reference } : {}),
  candidate: c,
});

/**
 * The local year of each quarter hour, remembered (every zone's offset is a multiple of 15
 * minutes, so a year never starts inside one): working it out each time is slow.
 */
const QUARTER_HOUR = 900_000;
const yearOfQuarter = new Map<string, number>();
function yearOf(at: Date, timeZone: string): number {
  const key = `${timeZone} ${Math.floor(at.getTime() / QUARTER_HOUR)}`;
  let year = yearOfQuarter.get(key);
  if (year === undefined) {
    if (yearOfQuarter.size > 200_000) yearOfQuarter.clear();
    year = localYearOf(at, timeZone);
    yearOfQuarter.set(key, year);
  }
  return year;
}

const intakeKeyOf = (c: Candidate) =>
  c.reference ? `import:ref:${c.reference}` : `import:hash:${c.hash}`;

/** Stored cases whose row changed: one bulk write, and an audit event each. */
export async function updateCases(store: Store, updates: CaseUpdate[], now: Date) {
  if (!updates.length) return;
  await store.models.complaint.bulkWrite(
    updates.map((u) => updateOf(u.stored, u.set)),
    { ordered: false },
  );
  await store.models.caseEvent.insertMany(
    updates.map((u) => ({
      caseKind: 'complaint',
      caseId: String(u.stored._id),
      caseNumber: u.stored.number,
      type: 'complaint.import_updated',
      actor: { platform: 'system', id: 'import' },
      at: now,
      data: { line: u.candidate.line, changed: Object.keys(u.set) },
    })),
  );
}

export interface Run {
  cases: NewCase[];
  /** The case each new case repeats. */
  plan: Map<RuleCase, RuleCase>;
  /** Numbers given so far, by case: a link names the number of the case it points to. */
  numbers: Map<RuleCase, string>;
  /** Cases inserted with their link. */
  linked: Set<RuleCase>;
  /** Per receipt year, where the next run's numbers start (what the last run returned). */
  next: Map<number, number | undefined>;
}

/**
 * New cases, per receipt year one ordered run under consecutive numbers (number.repo.ts). Rows
 * were validated already, so the run casts them through the schema and writes them with the
 * driver: a mongoose document per row would take most of an import's time. Repeat links are
 * filled in as numbers are given.
 */
export async function insertCases(store: Store, run: Run, timeZone: string) {
  const byYear = new Map<number, NumberedDoc[]>();
  // Each document's case, by the document itself: no lookups by id string per row and run.
  const caseOf = new Map<NumberedDoc, NewCase>();
  for (const c of run.cases) {
    // Object.assign, not a literal opening with a spread: on Node 20 that is ~10x slower per row.
    // Defaults, timestamps and lastActivityAt are the schema's, added as the run is stored.
    const doc: NumberedDoc = Object.assign({}, c.candidate.data, {
      _id: c.id,
      clientId: c.clientObjectId,
      intakeKey: intakeKeyOf(c.candidate),
      sourceHash: c.candidate.hash,
    });
    caseOf.set(doc, c);
    const year = yearOf(c.receivedAt, timeZone);
    const group = byYear.get(year);
    if (group) group.push(doc);
    else byYear.set(year, [doc]);
  }
  const complete = (numbered: NumberedDoc[]) => {
    for (const doc of numbered) run.numbers.set(caseOf.get(doc)!, String(doc.number));
    for (const doc of numbered) {
      const c = caseOf.get(doc)!;
      const to = run.plan.get(c);
      const number = to && (to.number ?? run.numbers.get(to));
      if (!to || !number) continue;
      doc.repeatOf = { id: to.id, number };
      run.linked.add(c);
    }
  };
  for (const [year, docs] of byYear) {
    const from = run.next.get(year);
    run.next.set(
      year,
      await insertNumberedRun(store.models.complaint, 'complaint', year, docs, { from, complete }),
    );
  }
}

/** Links whose case was numbered after the case linking to it (an export's own order). */
export async function linkLate(store: Store, run: Omit<Run, 'cases' | 'next'>) {
  const writes = [...run.plan]
    .filter(([from]) => !run.linked.has(from))
    .map(([from, to]) => ({
      updateOne: {
        filter: { _id: from.id },
        update: { $set: { repeatOf: { id: to.id, number: to.number ?? run.numbers.get(to) } } },
      },
    }));
  if (writes.length) await store.models.complaint.bulkWrite(writes, { ordered: false });
}

/** Problem codes met in the file and not in the taxonomy join it as "imported". */
export async function addProblemCodes(
  store: Store,
  fresh: Candidate[],
  known: Set<string>,
  report: ImportReport,
) {
  const unknown = [...new Set(fresh.map((f) => f.data.problemCode))].filter((c) => !known.has(c));
  if (!unknown.length) return;
  await store.taxonomy.importCodes(unknown);
  unknown.forEach((c) => known.add(c));
  report.addedProblemCodes.push(...unknown);
}
