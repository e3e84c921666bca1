import type { z } from 'zod';
import { ok, refuse, type Refusal, type Result } from './result.js';

/** One problem with one field, in words an adapter can localise (zod's issue code and limits). */
export interface FieldProblem {
  field: string;
  code: string;
  minimum?: number;
  maximum?: number;
  message: string;
}

export type InvalidInput = Refusal<'INPUT.INVALID'>;

/** Parses chat input; every problem is reported at once, per field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  data: unknown,
): Result<z.output<S>, 'INPUT.INVALID'> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const problems: FieldProblem[] = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(input)',
    code: issue.code,
    ...('minimum' in issue ? { minimum: Number(issue.minimum) } : {}),
    ...('maximum' in issue ? { maximum: Number(issue.maximum) } : {}),
    message: issue.message,
  }));
  return refuse('INPUT.INVALID', { problems });
}
