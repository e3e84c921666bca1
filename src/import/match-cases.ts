import type { Store } from '../store/index.js';
import { lastActivityOf } from '../store/models/complaint.model.js';
import type { Candidate } from './complaint-row.js';
import type { ImportReport } from './import-report.js';
import type { Mapping } from './mapping.js';

/** What an imported case looks like in the database, as far as matching and updating go. */
export interface StoredCase {
  _id: unknown;
  number: string;
  sourceReference?: string;
  sourceHash?: string;
  status?: string;
  phaseTimes?: Record<string, Date>;
  solution?: string;
  rootCause?: string;
  costEur?: number;
  goodwill?: { cause?: string };
  receivedAt?: Date;
  slaClocks?: unknown;
  satisfaction?: unknown;
}

/**
 * The imported cases already stored, by source reference and content hash, read in one pass:
 * a query per batch with long $in lists would scan the collection each time where no index
 * serves it (the CI server uses only unique ones).
 */
export async function storedImports(store: Store) {
  const found = await store.models.complaint
    .find(
      { $or: [{ sourceReference: { $exists: true } }, { sourceHash: { $exists: true } }] },
      {
        number: 1,
        sourceReference: 1,
        sourceHash: 1,
        status: 1,
        phaseTimes: 1,
        solution: 1,
        rootCause: 1,
        costEur: 1,
        goodwill: 1,
        receivedAt: 1,
        slaClocks: 1,
        satisfaction: 1,
      },
    )
    .lean<StoredCase[]>();
  const byReference = new Map(
    found.flatMap((c) => (c.sourceReference ? [[c.sourceReference, c]] : [])),
  );
  const byHash = new Map(found.flatMap((c) => (c.sourceHash ? [[c.sourceHash, c]] : [])));
  return {
    /**
     * The reference decides when both sides have one; otherwise the content does, so importing
     * once without mapping the reference and once with it finds the same case.
     */
    match(c: Candidate): { stored: StoredCase; byContent: boolean } | undefined {
      const sameRef = c.reference ? byReference.get(c.reference) : undefined;
      if (sameRef) return { stored: sameRef, byContent: false };
      const sameContent = byHash.get(c.hash);
      if (!sameContent) return undefined;
      if (c.reference && sameContent.sourceReference) return undefined;
      return { stored: sameContent, byContent: true };
    },
  };
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? new Date(a as Date).getTime() === new Date(b as Date).getTime()
    : JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields a newer register changes on a stored case: closing and other phase times, status,
 * solution, cause, cost, goodwill, and the reference when the case had none. A value the file
 * leaves empty says nothing: it never clears what is stored.
 */
export function changesFor(
  stored: StoredCase,
  c: Candidate,
  mapping: Mapping,
): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const d = c.data;
  // Without a status column, a row with no closing date says nothing about the state.
  const statusGiven = Boolean(mapping.status) || d.status !== 'new';
  if (statusGiven && stored.status !== d.status) set.status = d.status;
  for (const [phase, at] of Object.entries(d.phaseTimes))
    if (!same(stored.phaseTimes?.[phase], at)) set[`phaseTimes.${phase}`] = at;
  if (set.status === 'withdrawn' && stored.phaseTimes?.closed) set['phaseTimes.closed'] = undefined;
  for (const field of ['solution', 'rootCause', 'costEur', 'goodwill'] as const)
    if (d[field] !== undefined && !same(stored[field], d[field])) set[field] = d[field];
  if (c.reference && !stored.sourceReference) set.sourceReference = c.reference;
  return set;
}

/**
 * The update of a case with its changes, keeping the indicators' activity time right. Per row, so
 * no object literal opens with a spread (Node 20 builds those ~10x slower than Object.assign).
 */
export function updateOf(stored: StoredCase, set: Record<string, unknown>) {
  const phaseTimes: Record<string, unknown> = Object.assign({}, stored.phaseTimes);
  for (const [k, v] of Object.entries(set))
    if (k.startsWith('phaseTimes.')) phaseTimes[k.slice('phaseTimes.'.length)] = v;
  const lastActivityAt = lastActivityOf(Object.assign({}, stored, { phaseTimes }));
  const unset = Object.keys(set).filter((k) => set[k] === undefined);
  const $set = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  return {
    updateOne: {
      filter: { _id: stored._id },
      update: {
        $set: Object.assign($set, { lastActivityAt }),
        ...(unset.length ? { $unset: Object.fromEntries(unset.map((k) => [k, ''])) } : {}),
        $inc: { revision: 1 },
      },
    },
  };
}

export interface CaseUpdate {
  stored: StoredCase;
  candidate: Candidate;
  set: Record<string, unknown>;
}

/** Rows against the stored imports, in memory: new cases, and stored ones whose row changed. */
export function sortOut(
  stored: Awaited<ReturnType<typeof storedImports>>,
  rows: Candidate[],
  mapping: Mapping,
  report: ImportReport,
): { fresh: Candidate[]; updates: CaseUpdate[] } {
  const fresh: Candidate[] = [];
  const updates: CaseUpdate[] = [];
  for (const c of rows) {
    const found = stored.match(c);
    if (!found) {
      fresh.push(c);
      continue;
    }
    if (found.byContent && (c.reference ?? '') !== (found.stored.sourceReference ?? ''))
      report.matchedByContent++;
    const set = changesFor(found.stored, c, mapping);
    if (Object.keys(set).length) updates.push({ stored: found.stored, candidate: c, set });
    else report.alreadyPresent++;
  }
  report.updated = updates.length;
  return { fresh, updates };
}
