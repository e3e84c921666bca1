import { Types } from 'mongoose';
import type { z } from 'zod';

export interface BadRecord {
  collection: string;
  id: string;
  issues: string[];
}
/** Told about every stored document that no longer matches its schema. */
export type BadRecordReporter = (problem: BadRecord) => void;

export type ReadResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: 'STORE.BAD_RECORD' } & BadRecord };

/** Stored shape → domain shape: `_id` becomes `id`, ObjectIds become hex strings, `__v` goes. */
export function fromStored(value: unknown): unknown {
  if (value instanceof Types.ObjectId) return value.toHexString();
  if (value instanceof Date || value === null || typeof value !== 'object') {
    return value === null ? undefined : value;
  }
  if (Array.isArray(value)) return value.map(fromStored);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '__v') continue;
    const converted = fromStored(inner);
    if (converted !== undefined) out[key === '_id' ? 'id' : key] = converted;
  }
  return out;
}

/** Validates a document read from the database; a bad one is reported, never thrown. */
export function readRecord<S extends z.ZodType>(
  schema: S,
  collection: string,
  doc: unknown,
): ReadResult<z.output<S>> {
  const parsed = schema.safeParse(fromStored(doc));
  if (parsed.success) return { ok: true, value: parsed.data };
  const id = String((doc as { _id?: unknown } | null)?._id ?? '?');
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, error: { code: 'STORE.BAD_RECORD', collection, id, issues } };
}

/** For lists: keeps the good records and reports the bad ones. */
export function readRecords<S extends z.ZodType>(
  schema: S,
  collection: string,
  docs: unknown[],
  report: BadRecordReporter,
): z.output<S>[] {
  const good: z.output<S>[] = [];
  for (const doc of docs) {
    const result = readRecord(schema, collection, doc);
    if (result.ok) good.push(result.value);
    else report(result.error);
  }
  return good;
}
