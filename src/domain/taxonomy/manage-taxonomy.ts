import { z } from 'zod';
import { may } from '../roles/permissions.js';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { ok, refuse, type Result } from '../shared/result.js';
import {
  codeKey,
  inListOrder,
  NOT_SURE_DEPARTMENT,
  TaxonomyCodeSchema,
  TaxonomyKindSchema,
  TaxonomyLabelSchema,
  type TaxonomyEntry,
  type TaxonomyStatus,
} from './taxonomy.js';
import type { TaxonomyChange, TaxonomyServices } from './taxonomy.ports.js';

export type TaxonomyRefusal =
  | 'INPUT.INVALID'
  | 'TAXONOMY.FORBIDDEN'
  | 'TAXONOMY.DUPLICATE'
  | 'TAXONOMY.NOT_FOUND'
  | 'TAXONOMY.NOT_IMPORTED'
  | 'TAXONOMY.RESERVED';

const EntryRefSchema = z.strictObject({ kind: TaxonomyKindSchema, code: TaxonomyCodeSchema });
const LabelledSchema = EntryRefSchema.extend({
  label: TaxonomyLabelSchema,
  labelEn: TaxonomyLabelSchema.optional(),
});

/** Every entry, imported ones (to review) first within each kind; for those who may edit it. */
export async function listTaxonomy(
  services: TaxonomyServices,
  by: ChatUser,
): Promise<Result<TaxonomyEntry[], TaxonomyRefusal>> {
  if (!(await mayEdit(services, by))) return refuse('TAXONOMY.FORBIDDEN');
  return ok(inListOrder(await services.taxonomy.entries()));
}

/**
 * Adds a department, category or problem code, offered on the next complaint form. An imported or
 * retired entry with that code becomes active with these labels; an active one is refused.
 * DCOM, manager and admin only; audited.
 */
export async function addTaxonomyEntry(
  services: TaxonomyServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<TaxonomyEntry, TaxonomyRefusal>> {
  const parsed = parseInput(LabelledSchema, input);
  if (!parsed.ok) return parsed;
  if (!(await mayEdit(services, by))) return refused(services, by, 'taxonomy.add', parsed.value);
  const { kind, label, labelEn } = parsed.value;
  const code = codeKey(kind, parsed.value.code);
  if (kind === 'department' && code === NOT_SURE_DEPARTMENT)
    return refuse('TAXONOMY.RESERVED', { code });
  const labels = { label, ...(labelEn ? { labelEn } : {}) };
  const earlier = await services.taxonomy.find(kind, code);
  if (earlier?.status === 'active') return refuse('TAXONOMY.DUPLICATE', { code, kind });
  if (!earlier) {
    const added = await services.taxonomy.add({ kind, code, ...labels, status: 'active' });
    // Another submission added it meanwhile: theirs stands.
    if (!added.first) return refuse('TAXONOMY.DUPLICATE', { code, kind });
    return audited(services, by, 'taxonomy.entry_added', added.entry);
  }
  const saved = await services.taxonomy.change(kind, code, ['imported', 'retired'], {
    ...labels,
    status: 'active',
  });
  if (!saved) return refuse('TAXONOMY.DUPLICATE', { code, kind });
  return audited(services, by, 'taxonomy.entry_added', saved);
}

/** Changes an entry's labels, whatever its status. */
export async function editTaxonomyEntry(
  services: TaxonomyServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<TaxonomyEntry, TaxonomyRefusal>> {
  const parsed = parseInput(LabelledSchema, input);
  if (!parsed.ok) return parsed;
  const { kind, code, label, labelEn } = parsed.value;
  const change: TaxonomyChange = { label, ...(labelEn ? { labelEn } : {}) };
  return moved(services, by, { kind, code }, ['active', 'imported', 'retired'], change, 'edited');
}

/** Retires an entry: no longer offered on the form, kept on the cases that have it. */
export const retireTaxonomyEntry = (services: TaxonomyServices, by: ChatUser, input: unknown) =>
  statusChange(services, by, input, ['active', 'imported'], 'retired', 'retired');

/** Approves a code met in imported history: offered on the form from now on. */
export const approveTaxonomyEntry = (services: TaxonomyServices, by: ChatUser, input: unknown) =>
  statusChange(services, by, input, ['imported'], 'active', 'approved');

async function statusChange(
  services: TaxonomyServices,
  by: ChatUser,
  input: unknown,
  from: readonly TaxonomyStatus[],
  to: TaxonomyStatus,
  verb: string,
): Promise<Result<TaxonomyEntry, TaxonomyRefusal>> {
  const parsed = parseInput(EntryRefSchema, input);
  if (!parsed.ok) return parsed;
  return moved(services, by, parsed.value, from, { status: to }, verb);
}

async function moved(
  services: TaxonomyServices,
  by: ChatUser,
  ref: z.output<typeof EntryRefSchema>,
  from: readonly TaxonomyStatus[],
  change: TaxonomyChange,
  verb: string,
): Promise<Result<TaxonomyEntry, TaxonomyRefusal>> {
  if (!(await mayEdit(services, by))) return refused(services, by, `taxonomy.${verb}`, ref);
  const code = codeKey(ref.kind, ref.code);
  const saved = await services.taxonomy.change(ref.kind, code, from, change);
  if (saved) return audited(services, by, `taxonomy.entry_${verb}`, saved);
  const now = await services.taxonomy.find(ref.kind, code);
  if (!now) return refuse('TAXONOMY.NOT_FOUND', { code, kind: ref.kind });
  return verb === 'approved'
    ? refuse('TAXONOMY.NOT_IMPORTED', { code, kind: ref.kind })
    : refuse('TAXONOMY.NOT_FOUND', { code, kind: ref.kind });
}

const mayEdit = async (services: TaxonomyServices, by: ChatUser) =>
  may(await services.roles.rolesOf(by), 'taxonomy.manage');

async function audited(
  services: TaxonomyServices,
  by: ChatUser,
  type: string,
  entry: TaxonomyEntry,
): Promise<Result<TaxonomyEntry, TaxonomyRefusal>> {
  await services.events.append({
    caseKind: 'taxonomy',
    caseId: `${entry.kind}:${entry.code}`,
    type,
    actor: by,
    at: services.clock.now(),
    data: { ...entry },
  });
  return ok(entry);
}

async function refused(
  services: TaxonomyServices,
  by: ChatUser,
  attempted: string,
  ref: { kind: string; code: string },
): Promise<Result<TaxonomyEntry, TaxonomyRefusal>> {
  await services.events.append({
    caseKind: 'taxonomy',
    caseId: `${ref.kind}:${ref.code}`,
    type: 'taxonomy.change_refused',
    actor: by,
    at: services.clock.now(),
    data: { attempted },
  });
  return refuse('TAXONOMY.FORBIDDEN');
}
