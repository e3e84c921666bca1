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
  const parsed = parseInput(choicesSchema(entries), form);
  return parsed.ok ? ok(parsed.value) : parsed;
}

const KINDS = ['department', 'category', 'problemCode'] as const;
/** Schemas by the codes they accept: building one per form made zod compile it each time. */
const schemas = new Map<string, ReturnType<typeof buildSchema>>();
const SCHEMAS_KEPT = 16;

function choicesSchema(entries: readonly TaxonomyEntry[]) {
  const codes = KINDS.map((kind) => {
    const listed = new Set(offered(entries, kind).map((e) => e.code));
    if (kind === 'department' && listed.size) listed.add(NOT_SURE_DEPARTMENT);
    return listed;
  });
  const key = JSON.stringify(codes.map((set) => [...set]));
  const known = schemas.get(key);
  if (known) return known;
  const schema = buildSchema(codes);
  if (schemas.size >= SCHEMAS_KEPT) schemas.clear();
  schemas.set(key, schema);
  return schema;
}

function buildSchema([department, category, problemCode]: Set<string>[]) {
  const field = (kind: TaxonomyKind, codes: Set<string> = new Set()) =>
    codes.size === 0
      ? z.string()
      : z
          .string()
          .transform((value) => codeKey(kind, value.trim()))
          .refine((code) => codes.has(code), { message: NOT_LISTED });
  return z.object({
    department: field('department', department),
    category: field('category', category),
    problemCode: field('problemCode', problemCode),
  });
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
