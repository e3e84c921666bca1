import { randomUUID } from 'node:crypto';
import { formatNumber, type SequenceName } from '../domain/numbering/numbering.js';
import type { Models } from './models/index.js';

const DUPLICATE_KEY = 11000;
const isDuplicateKey = (error: unknown) =>
  (error as { code?: number } | null)?.code === DUPLICATE_KEY;

/**
 * Calls through one store take turns per sequence-year, so they do not probe against each other;
 * other stores and processes are settled by the unique index.
 */
const turnsByStore = new WeakMap<Models, Map<string, Promise<unknown>>>();

/**
 * The number after the last one this store issued, per sequence-year: the next claim tries it
 * straight away instead of first reading the highest claim. Claims are never deleted, so it is
 * never ahead of the truth; when another process got there first the claim clashes and the
 * highest claim is read as usual.
 */
const nextByStore = new WeakMap<Models, Map<string, number>>();

/**
 * Issues the next number of a sequence for a year, gap-free and never twice, even across
 * processes: it claims the lowest number above the highest claimed one, moving up one at a time
 * when another process got there first. A number is only lost if its record then fails to
 * insert, so callers validate before they ask.
 */
export function issueNumber(
  models: Models,
  sequence: SequenceName,
  year: number,
  at: Date = new Date(),
  forKey?: string,
): Promise<string> {
  const key = `${sequence}:${year}`;
  const queues = turnsByStore.get(models) ?? new Map<string, Promise<unknown>>();
  turnsByStore.set(models, queues);
  const turn = (queues.get(key) ?? Promise.resolve()).then(() =>
    claimNext(models, sequence, year, at, forKey),
  );
  const settled = turn.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return turn;
}

/** The number already issued for `forKey`, if any. */
async function issuedFor(models: Models, forKey: string | undefined) {
  if (!forKey) return undefined;
  const claim = await models.numberClaim.findOne({ for: forKey }).lean();
  return claim ? formatNumber(claim.sequence as SequenceName, claim.year, claim.seq) : undefined;
}

/** The highest number claimed so far in a sequence-year, 0 when none. */
async function highestClaimed(models: Models, sequence: SequenceName, year: number) {
  const highest = await models.numberClaim
    .findOne({ sequence, year }, { seq: 1 })
    .sort({ seq: -1 })
    .lean();
  return highest?.seq ?? 0;
}

async function claimNext(
  models: Models,
  sequence: SequenceName,
  year: number,
  at: Date,
  forKey?: string,
) {
  const already = await issuedFor(models, forKey);
  if (already) return already;
  const hints = nextByStore.get(models) ?? new Map<string, number>();
  nextByStore.set(models, hints);
  const key = `${sequence}:${year}`;
  const highestPlusOne = async () => (await highestClaimed(models, sequence, year)) + 1;
  let seq = hints.get(key) ?? (await highestPlusOne());
  for (let clashes = 0; ; clashes++) {
    try {
      await models.numberClaim.create({
        _id: `${sequence}:${year}:${seq}`,
        sequence,
        year,
        seq,
        at,
        ...(forKey ? { for: forKey } : {}),
      });
      hints.set(key, seq + 1);
      return formatNumber(sequence, year, seq);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another process may have issued one for the same thing meanwhile: that one counts.
      const theirs = await issuedFor(models, forKey);
      if (theirs) return theirs;
      seq = clashes === 0 ? Math.max(seq + 1, await highestPlusOne()) : seq + 1;
    }
  }
}

/**
 * Claims `count` consecutive numbers at once for a bulk import (one insert of many claims instead
 * of one insert per number). Claims carry a batch token, so after a clash with another process
 * the ones that are ours are read back, never guessed: no number is lost or taken twice.
 */
export async function issueNumbers(
  models: Models,
  sequence: SequenceName,
  year: number,
  count: number,
  at: Date = new Date(),
): Promise<string[]> {
  const batch = `batch:${randomUUID()}`;
  let claimed = 0;
  while (claimed < count) {
    const start = (await highestClaimed(models, sequence, year)) + 1;
    const claims = Array.from({ length: count - claimed }, (_, i) => ({
      _id: `${sequence}:${year}:${start + i}`,
      sequence,
      year,
      seq: start + i,
      at,
      batch,
    }));
    try {
      await models.numberClaim.collection.insertMany(claims as never[], { ordered: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    claimed = await models.numberClaim.countDocuments({ batch });
  }
  const ours = await models.numberClaim.find({ batch }, { seq: 1 }).sort({ seq: 1 }).lean();
  return ours.map((c) => formatNumber(sequence, year, c.seq));
}
