import type { Model } from 'mongoose';
import type { z } from 'zod';
import type { SequenceName } from '../domain/numbering/numbering.js';
import { insertNumbered } from './numbered.repo.js';
import { readRecord, type BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';

// The zod read boundary types every document, so the model's own typing adds nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

interface CaseShape {
  id: string;
  revision: number;
}

/**
 * A numbered case that changes over time (complaint, D2): registered under the next number,
 * read through the zod boundary, saved only if nobody saved it since it was read.
 */
export function caseRepository<S extends z.ZodType<CaseShape>>(
  model: AnyModel,
  schemas: { record: S; create: z.ZodType },
  sequence: SequenceName,
  report: BadRecordReporter,
) {
  type Case = z.output<S>;
  const records = recordRepo(model, schemas.record, report);
  const collection = model.collection.collectionName;
  const orThrow = (result: Awaited<ReturnType<typeof records.get>>): Case | undefined => {
    if (result.ok) return result.value;
    if (result.error.code === 'STORE.NOT_FOUND') return undefined;
    throw new Error(
      `${collection} ${result.error.id} is damaged: ${result.error.issues.join('; ')}`,
    );
  };
  /** One record by a field value (the value is always a string, never an operator). */
  async function findOne(
    filter: Record<string, string | Date | { $gte: Date }>,
    sort?: Record<string, 1 | -1>,
  ) {
    const doc = await model
      .findOne(filter)
      .sort(sort ?? { _id: 1 })
      .lean();
    return doc ? orThrow(readRecord(schemas.record, collection, doc)) : undefined;
  }
  /**
   * Stores a new case under the next number; when its intake key already filed a case, that one
   * comes back (`first: false`) and nothing is stored or spent. `alongside`: fields stored in the
   * same document that the record does not show (a complaint's first events).
   */
  async function registerOnce(
    data: unknown,
    year: number,
    alongside?: Record<string, unknown>,
  ): Promise<{ record: Case; first: boolean }> {
    const intakeKey = (data as { intakeKey?: unknown } | null)?.intakeKey;
    const created = await insertNumbered(model, records, {
      schema: schemas.create,
      data,
      sequence,
      year,
      ...(typeof intakeKey === 'string' ? { earlier: () => findOne({ intakeKey }) } : {}),
      ...(alongside ? { alongside } : {}),
    });
    if (!created.ok)
      throw new Error(`invalid new ${collection}: ${created.error.issues.join('; ')}`);
    return { record: created.value, first: created.first };
  }
  return {
    registerOnce,
    register: async (data: unknown, year: number): Promise<Case> =>
      (await registerOnce(data, year)).record,
    get: async (id: string) => orThrow(await records.get(id)),
    async save(record: Case, readRevision: number): Promise<boolean> {
      const {
        id,
        number: _number,
        createdAt: _createdAt,
        // Where the card is belongs to setAnnouncement: a case read before its card moved
        // (re-routed to another channel) must not put it back when saved.
        announcement: _announcement,
        ...fields
      } = schemas.record.parse(record) as Case & Record<string, unknown>;
      const result = await model.updateOne(
        { _id: id, revision: readRevision },
        { $set: { ...fields, revision: readRevision + 1 } },
        { timestamps: false },
      );
      return result.matchedCount === 1;
    },
    findOne,
    /** Remembers where the card was posted; not a change of the case, so no revision bump. */
    async setAnnouncement(id: string, announcement: object): Promise<void> {
      await model.updateOne({ _id: id }, { $set: { announcement } }, { timestamps: false });
    },
    records,
  };
}
