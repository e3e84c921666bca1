import type { Model } from 'mongoose';
import type { z } from 'zod';
import type { SequenceName } from '../domain/numbering/numbering.js';
import { CASE_NUMBER, writeNumbered } from './number.repo.js';

export type Invalid = { ok: false; error: { code: 'STORE.INVALID'; issues: string[] } };

/**
 * Validates first, then inserts the record itself under the next number (see writeNumbered):
 * nothing half-written is stored and no number is spent on input that was going to be refused.
 * With `earlier`, a record whose intake was already stored is not inserted again: that earlier
 * record comes back instead, and spends no number.
 */
export async function insertNumbered<R>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  repo: { insert(data: object): Promise<R> },
  input: {
    schema: z.ZodType;
    data: unknown;
    sequence: SequenceName;
    year: number;
    earlier?: () => Promise<R | undefined>;
    /** Stored with the record but not part of it (validated by the caller). */
    alongside?: Record<string, unknown>;
  },
): Promise<{ ok: true; value: R; first: boolean } | Invalid> {
  const parsed = input.schema.safeParse(input.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    return { ok: false, error: { code: 'STORE.INVALID', issues } };
  }
  const numbered = await writeNumbered({
    model,
    paths: CASE_NUMBER,
    sequence: input.sequence,
    year: input.year,
    write: (number, seq) =>
      repo.insert({
        ...(parsed.data as object),
        ...input.alongside,
        number,
        numberYear: input.year,
        numberSeq: seq,
      }),
    ...(input.earlier ? { earlier: input.earlier } : {}),
  });
  if (!numbered) throw new Error('an insert of a numbered record came back empty');
  return { ok: true, value: numbered.record, first: numbered.first };
}
