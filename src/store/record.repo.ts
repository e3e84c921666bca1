import { isValidObjectId, type Model } from 'mongoose';

// Repositories see documents only through the zod read boundary, so the model's own typing adds nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;
import type { z } from 'zod';
import type { Once } from '../domain/shared/intake.js';
import { insertLean } from './lean-insert.js';
import { isDuplicateKey } from './number.repo.js';
import {
  readRecord,
  readRecords,
  type BadRecordReporter,
  type ReadResult,
} from './read-boundary.js';

export type NotFound = {
  ok: false;
  error: { code: 'STORE.NOT_FOUND'; collection: string; id: string };
};

export interface ListOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
}

/** get / insert / list for one collection, with the read boundary applied to every document. */
export function recordRepo<S extends z.ZodType>(
  model: AnyModel,
  schema: S,
  report: BadRecordReporter,
) {
  type Rec = z.output<S>;
  const collection = model.collection.collectionName;
  const notFound = (id: string): NotFound => ({
    ok: false,
    error: { code: 'STORE.NOT_FOUND', collection, id },
  });

  return {
    async get(id: string): Promise<ReadResult<Rec> | NotFound> {
      if (!isValidObjectId(id)) return notFound(id);
      const doc = await model.findById(id).lean();
      return doc ? readRecord(schema, collection, doc) : notFound(id);
    },
    async list(filter: Record<string, unknown>, options: ListOptions = {}): Promise<Rec[]> {
      let query = model.find(filter).sort(options.sort ?? { _id: 1 });
      if (options.limit) query = query.limit(options.limit);
      return readRecords(schema, collection, await query.lean(), report);
    },
    /** Inserts an already validated record and returns it as stored. */
    async insert(data: object): Promise<Rec> {
      const result = readRecord(schema, collection, await insertLean(model, data));
      if (!result.ok)
        throw new Error(`stored ${collection} fails its schema: ${result.error.issues.join('; ')}`);
      return result.value;
    },
    /** The record a chat submission stored, if any (see `insertOnce`). */
    async findByIntakeKey(key: string): Promise<Rec | undefined> {
      const doc = await model.findOne({ intakeKey: String(key) }).lean();
      if (!doc) return undefined;
      const result = readRecord(schema, collection, doc);
      if (!result.ok) throw new Error(`${collection} ${key} is damaged: ${result.error.issues}`);
      return result.value;
    },
    /**
     * Inserts a record made by a chat submission, whose `intakeKey` is unique in the collection:
     * when that submission already stored one (a retry, or a duplicate delivered at the same
     * time, refused by the unique index) that one is returned with `first: false`.
     */
    async insertOnce(data: { intakeKey?: string }): Promise<Once<Rec>> {
      const key = data.intakeKey;
      const earlier = key === undefined ? undefined : await this.findByIntakeKey(key);
      if (earlier) return { record: earlier, first: false };
      try {
        return { record: await this.insert(data), first: true };
      } catch (error) {
        const theirs =
          key !== undefined && isDuplicateKey(error) && (await this.findByIntakeKey(key));
        if (!theirs) throw error;
        return { record: theirs, first: false };
      }
    },
  };
}
export type RecordRepo<S extends z.ZodType> = ReturnType<typeof recordRepo<S>>;
