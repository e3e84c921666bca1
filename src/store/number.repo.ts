import type { Model } from 'mongoose';
import { formatNumber, type SequenceName } from '../domain/numbering/numbering.js';
import { insertManyLean } from './lean-insert.js';

// Repositories see documents through the zod read boundary; the model's own typing adds nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

const DUPLICATE_KEY = 11000;
export const isDuplicateKey = (error: unknown) =>
  (error as { code?: number } | null)?.code === DUPLICATE_KEY ||
  (error as { writeErrors?: { code?: number }[] } | null)?.writeErrors?.[0]?.code === DUPLICATE_KEY;

/**
 * Where a collection keeps its numbers: the formatted number under a unique index, and the year
 * and position as plain numbers so the highest one can be found (the text sorts wrongly past
 * 9999).
 */
export interface NumberPaths {
  number: string;
  year: string;
  seq: string;
}
export const CASE_NUMBER: NumberPaths = { number: 'number', year: 'numberYear', seq: 'numberSeq' };

export interface NumberedWrite<R> {
  model: AnyModel;
  paths: NumberPaths;
  sequence: SequenceName;
  year: number;
  /**
   * Stores the record carrying `number` in one single-document write; throws the duplicate-key
   * error when the number is taken. Resolving to undefined means it was not written (e.g. the
   * record changed meanwhile) and spends nothing.
   */
  write(number: string, seq: number): Promise<R | undefined>;
  /** After a duplicate key: the record this write was for, when it is already stored. */
  earlier?(): Promise<R | undefined>;
}

export type Numbered<R> = { record: R; first: boolean } | undefined;

/**
 * A number is spent only by the record that carries it. The record itself is written under the
 * next number, and the unique index on the number settles races between processes: a clash moves
 * on to the following number, while a write that fails or a process that dies before it lands
 * leaves the number free for the next record. Nothing is claimed apart from the record, so no
 * crash can leave a hole (this is also all a single-document atomic write can promise on
 * mongo-java-server, where `$inc` is not atomic).
 */
export function writeNumbered<R>(write: NumberedWrite<R>): Promise<Numbered<R>> {
  return inTurn(write.model, write.year, () => writeUnderNext(write));
}

/**
 * Writes through one connection's models take turns per collection and year: at most one
 * numbered write of a process is in flight there, so a crash leaves no hole below a landed
 * number, and writes of one process never clash with each other.
 */
const turns = new WeakMap<AnyModel, Map<number, Promise<unknown>>>();
function inTurn<T>(model: AnyModel, year: number, run: () => Promise<T>): Promise<T> {
  const queues = turns.get(model) ?? new Map<number, Promise<unknown>>();
  turns.set(model, queues);
  const turn = (queues.get(year) ?? Promise.resolve()).then(run);
  const settled = turn.catch(() => undefined);
  queues.set(year, settled);
  void settled.then(() => {
    if (queues.get(year) === settled) queues.delete(year);
  });
  return turn;
}

/**
 * The position after the last number this process wrote, per collection and year: the next write
 * tries it straight away instead of reading the highest first. Records are never deleted, so it
 * is never ahead of the truth; another process getting there first shows up as a clash.
 */
const hints = new WeakMap<AnyModel, Map<number, number>>();

async function highestOf(model: AnyModel, paths: NumberPaths, year: number): Promise<number> {
  const top = await model
    .findOne({ [paths.year]: year }, { [paths.seq]: 1 })
    .sort({ [paths.seq]: -1 })
    .lean<Record<string, unknown>>();
  const seq = top?.[paths.seq];
  return typeof seq === 'number' ? seq : 0;
}

async function writeUnderNext<R>(w: NumberedWrite<R>): Promise<Numbered<R>> {
  const known = hints.get(w.model) ?? new Map<number, number>();
  hints.set(w.model, known);
  const afterHighest = async () => (await highestOf(w.model, w.paths, w.year)) + 1;
  let seq = known.get(w.year) ?? (await afterHighest());
  for (let clashes = 0; ; clashes++) {
    const number = formatNumber(w.sequence, w.year, seq);
    try {
      const record = await w.write(number, seq);
      if (record === undefined) return undefined;
      known.set(w.year, seq + 1);
      return { record, first: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const earlier = await w.earlier?.();
      if (earlier) return { record: earlier, first: false };
      if (!(await w.model.exists({ [w.paths.number]: number }))) throw error;
      seq = clashes === 0 ? Math.max(seq + 1, await afterHighest()) : seq + 1;
    }
  }
}

/** A record of a numbered run: its number fields are set on it, in place, by each attempt. */
export type NumberedDoc = Record<string, unknown> & { intakeKey: string };

/**
 * A bulk import's records, numbered consecutively from the next free number of the year. They
 * are inserted in order, so whatever a clash or a crash interrupts leaves no hole: the inserted
 * ones form an unbroken run, and the rest go on from the new highest number. Each record carries
 * an intake key, which tells after a clash which ones are stored (by this import or another).
 * The docs come validated already: they are cast through the schema and written with the driver
 * (insertManyLean), as mongoose would store them but without a mongoose document each.
 *
 * Resolves to the position after the run's last number: given back as `from` to the year's next
 * run, that run starts there instead of reading the year's highest number first (records are never
 * deleted, so it is never ahead of the truth; another writer's number there shows up as a clash,
 * after which the highest is read). Undefined when nothing of the run was numbered by this call.
 */
export function insertNumberedRun(
  model: AnyModel,
  sequence: SequenceName,
  year: number,
  docs: NumberedDoc[],
  options: {
    /** What the same model and year's previous run resolved to. */
    from?: number | undefined;
    /**
     * Sees each attempt's docs with their numbers just before they are inserted, so a doc can
     * name another of the same run by number (an import's repeat links). The last attempt that
     * includes a doc gives its number.
     */
    complete?: (numbered: NumberedDoc[]) => void;
  } = {},
): Promise<number | undefined> {
  const { complete } = options;
  return inTurn(model, year, async () => {
    let pending = docs;
    let start = options.from;
    if (!pending.length) return start;
    while (pending.length) {
      start ??= (await highestOf(model, CASE_NUMBER, year)) + 1;
      const first = start;
      pending.forEach((doc, i) => {
        doc.number = formatNumber(sequence, year, first + i);
        doc.numberYear = year;
        doc.numberSeq = first + i;
      });
      complete?.(pending);
      try {
        await insertManyLean(model, pending);
        hints.get(model)?.delete(year);
        return first + pending.length;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      start = undefined;
      const keys = pending.map((d) => d.intakeKey);
      const stored = new Set(
        (await model.find({ intakeKey: { $in: keys } }, { intakeKey: 1 }).lean()).map((d) =>
          String((d as { intakeKey?: unknown }).intakeKey),
        ),
      );
      pending = pending.filter((d) => !stored.has(d.intakeKey));
    }
    hints.get(model)?.delete(year);
    return undefined;
  });
}
