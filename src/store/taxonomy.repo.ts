import {
  TaxonomyEntrySchema,
  type TaxonomyEntry,
  type TaxonomyKind,
} from '../domain/taxonomy/taxonomy.js';
import type { TaxonomyStore } from '../domain/taxonomy/taxonomy.ports.js';
import type { Models } from './models/index.js';
import { isDuplicateKey } from './number.repo.js';
import { readRecord, readRecords, type BadRecordReporter } from './read-boundary.js';
import { readThrough } from './shared-cache.js';

const TAXONOMY_TTL_MS = 30_000;
const idOf = (kind: TaxonomyKind, code: string) => `${kind}:${code}`;

/**
 * The taxonomy, edited from chat and read by every complaint form through a short cache; every
 * write here drops it, so the next form this process shows has the change.
 */
export function taxonomyRepository(models: Models, report: BadRecordReporter) {
  const model = models.taxonomy;
  const read = (doc: unknown) => {
    const result = readRecord(TaxonomyEntrySchema, 'taxonomy', doc);
    if (!result.ok) throw new Error(`taxonomy entry fails its schema: ${result.error.issues}`);
    return result.value;
  };
  const all = readThrough(TAXONOMY_TTL_MS, async () =>
    readRecords(TaxonomyEntrySchema, 'taxonomy', await model.find({}).lean(), report),
  );
  const dropping = <T>(write: Promise<T>) => write.finally(() => all.clear());
  const find = async (kind: TaxonomyKind, code: string) => {
    const doc = await model.findById(idOf(kind, code)).lean();
    return doc ? read(doc) : undefined;
  };

  async function add(entry: TaxonomyEntry) {
    try {
      await model.create({ _id: idOf(entry.kind, entry.code), ...entry });
      return { entry, first: true };
    } catch (error) {
      const theirs = isDuplicateKey(error) ? await find(entry.kind, entry.code) : undefined;
      if (!theirs) throw error;
      return { entry: theirs, first: false };
    }
  }

  /** Codes met in imported history, for review; codes already listed stay as they are. */
  async function importCodes(codes: readonly string[]) {
    if (!codes.length) return;
    const docs = codes.map((code) => ({
      _id: idOf('problemCode', code),
      kind: 'problemCode',
      code,
      label: code.slice(0, 75),
      status: 'imported',
    }));
    // A duplicate _id (a code someone added meanwhile) is skipped, the others are inserted.
    await model.insertMany(docs, { ordered: false }).catch((error: unknown) => {
      if (!isDuplicateKey(error) && !hasOnlyDuplicates(error)) throw error;
    });
  }

  const store: TaxonomyStore = {
    entries: async () => [...(await all.get(undefined))],
    find,
    add: (entry) => dropping(add(entry)),
    change: (kind, code, from, change) =>
      dropping(
        (async () => {
          const { labelEn, ...rest } = change;
          // New labels without an English one: the one label is read in every language.
          const update = {
            $set: { ...rest, ...(labelEn ? { labelEn } : {}) },
            ...(change.label && !labelEn ? { $unset: { labelEn: 1 } } : {}),
          };
          const doc = await model
            .findOneAndUpdate({ _id: idOf(kind, code), status: { $in: [...from] } }, update, {
              returnDocument: 'after',
            })
            .lean();
          return doc ? read(doc) : undefined;
        })(),
      ),
  };
  return { ...store, importCodes: (codes: readonly string[]) => dropping(importCodes(codes)) };
}

const hasOnlyDuplicates = (error: unknown) => {
  const errors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
  return Array.isArray(errors) && errors.every((e) => e.code === 11000);
};
