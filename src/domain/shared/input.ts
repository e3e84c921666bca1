import type { z } from 'zod';
import { ok, refuse, type Refusal, type Result } from './result.js';

/** One problem with one field, in words an adapter can localise (zod's issue code and limits). */
export interface FieldProblem {
  field: string;
  code: string;
  minimum?: number;
  maximum?: number;
  /** What a too_small limit is about ('number', 'string'…): a minimum of 0 is not "required". */
  origin?: string;
  /** Nothing was given (absent or blank): "required", whatever the schema's own complaint. */
  missing?: true;
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
    ...('origin' in issue && typeof issue.origin === 'string' ? { origin: issue.origin } : {}),
    ...(isBlank(valueAt(data, issue.path)) ? { missing: true as const } : {}),
    message: issue.message,
  }));
  return refuse('INPUT.INVALID', { problems });
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
