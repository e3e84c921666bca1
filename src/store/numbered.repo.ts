import type { z } from 'zod';
import type { SequenceName } from '../domain/numbering/numbering.js';
import { issueNumber } from './number.repo.js';
import type { Models } from './models/index.js';

export type Invalid = { ok: false; error: { code: 'STORE.INVALID'; issues: string[] } };

/**
 * Validates first, then takes the next number and inserts: nothing half-written is stored and
 * no number is spent on input that was going to be refused.
 */
export async function insertNumbered<R>(
  models: Models,
  repo: { insert(data: object): Promise<R> },
  input: { schema: z.ZodType; data: unknown; sequence: SequenceName; year: number },
): Promise<{ ok: true; value: R } | Invalid> {
  const parsed = input.schema.safeParse(input.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    return { ok: false, error: { code: 'STORE.INVALID', issues } };
  }
  const number = await issueNumber(models, input.sequence, input.year);
  const value = await repo.insert({ ...(parsed.data as object), number });
  return { ok: true, value };
}
