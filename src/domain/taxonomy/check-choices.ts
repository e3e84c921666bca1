import { z } from 'zod';
import { parseInput } from '../shared/input.js';
import { ok, type Result } from '../shared/result.js';
import {
  codeKey,
  NOT_SURE_DEPARTMENT,
  offered,
  type TaxonomyEntry,
  type TaxonomyKind,
} from './taxonomy.js';

/** The message of a value the taxonomy does not list (adapters say it in the reader's words). */
export const NOT_LISTED = 'not in the taxonomy';

/**
 * A complaint's department, category and problem code, checked against the taxonomy: a kind
 * with active entries takes only one of their codes (department also "not sure"); a kind with
 * none is free text, as before there was a taxonomy. Values come back as the taxonomy keeps them.
 */
export function checkChoices(
  entries: readonly TaxonomyEntry[],
  form: { department: string; category: string; problemCode: string },
): Result<{ department: string; category: string; problemCode: string }, 'INPUT.INVALID'> {
  const field = (kind: TaxonomyKind) => {
    const codes = new Set(offered(entries, kind).map((e) => e.code));
    if (kind === 'department') codes.add(NOT_SURE_DEPARTMENT);
    if (codes.size === (kind === 'department' ? 1 : 0)) return z.string();
    return z
      .string()
      .transform((value) => codeKey(kind, value.trim()))
      .refine((code) => codes.has(code), { message: NOT_LISTED });
  };
  const schema = z.object({
    department: field('department'),
    category: field('category'),
    problemCode: field('problemCode'),
  });
  const parsed = parseInput(schema, form);
  return parsed.ok ? ok(parsed.value) : parsed;
}

/** A department alone, checked as the complaint form checks it (a case moved to another one). */
export function checkDepartment(
  entries: readonly TaxonomyEntry[],
  department: string,
): Result<string, 'INPUT.INVALID'> {
  const departments = entries.filter((e) => e.kind === 'department');
  const checked = checkChoices(departments, { department, category: '', problemCode: '' });
  return checked.ok ? ok(checked.value.department) : checked;
}
