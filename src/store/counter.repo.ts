import { formatNumber, type SequenceName } from '../domain/numbering/numbering.js';
import type { Models } from './models/index.js';

const DUPLICATE_KEY = 11000;
const isDuplicateKey = (error: unknown) =>
  (error as { code?: number } | null)?.code === DUPLICATE_KEY;

/**
 * Issues the next number of a sequence for a year with one atomic `$inc`: concurrent callers,
 * even in different processes, never get the same value and never skip one. A number is only
 * lost if its record then fails to insert, so callers validate before they ask.
 */
export async function issueNumber(
  models: Models,
  sequence: SequenceName,
  year: number,
): Promise<string> {
  const key = `${sequence}:${year}`;
  // Two first-of-the-year upserts can race on the same _id; the loser simply tries again.
  for (let attempt = 0; ; attempt++) {
    try {
      const counter = await models.counter
        .findOneAndUpdate(
          { _id: key },
          { $inc: { seq: 1 } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean();
      if (!counter) throw new Error(`counter ${key} was not returned`);
      return formatNumber(sequence, year, counter.seq);
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= 5) throw error;
    }
  }
}
