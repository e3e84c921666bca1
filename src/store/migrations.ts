import { parseNumber } from '../domain/numbering/numbering.js';
import { lastActivityOf } from './models/complaint.model.js';
import type { Models } from './models/index.js';

/** Complaints stored before lastActivityAt existed get it, so period queries still find them. */
export async function backfillLastActivity(models: Models): Promise<number> {
  const missing = models.complaint.collection.find(
    { lastActivityAt: { $exists: false } },
    { projection: { receivedAt: 1, phaseTimes: 1, slaClocks: 1, satisfaction: 1 } },
  );
  let updates: { updateOne: { filter: object; update: object } }[] = [];
  let done = 0;
  const flush = async () => {
    if (updates.length) await models.complaint.collection.bulkWrite(updates, { ordered: false });
    done += updates.length;
    updates = [];
  };
  for await (const doc of missing) {
    const at = lastActivityOf(doc as Parameters<typeof lastActivityOf>[0]);
    if (!at) continue;
    updates.push({
      updateOne: { filter: { _id: doc._id }, update: { $set: { lastActivityAt: at } } },
    });
    if (updates.length === 1000) await flush();
  }
  await flush();
  return done;
}

/**
 * Records numbered before the year and position were kept beside the number get them, so the
 * next number is found from the highest one instead of probing past every stored record.
 */
export async function backfillNumberPositions(models: Models): Promise<number> {
  let done = 0;
  const targets = [
    { model: models.complaint, number: 'number', year: 'numberYear', seq: 'numberSeq' },
    { model: models.d2Request, number: 'number', year: 'numberYear', seq: 'numberSeq' },
    { model: models.serviceOrder, number: 'number', year: 'numberYear', seq: 'numberSeq' },
    {
      model: models.communication,
      number: 'protocol.number',
      year: 'protocolYear',
      seq: 'protocolSeq',
    },
  ];
  for (const { model, number, year, seq } of targets) {
    const missing = model.collection.find(
      { [number]: { $exists: true }, [seq]: { $exists: false } },
      { projection: { number: 1, protocol: 1 } },
    );
    for await (const doc of missing) {
      const text = number === 'number' ? doc.number : doc.protocol?.number;
      const parsed = typeof text === 'string' ? parseNumber(text) : undefined;
      if (!parsed) continue;
      await model.collection.updateOne(
        { _id: doc._id },
        { $set: { [year]: parsed.year, [seq]: parsed.seq } },
      );
      done++;
    }
  }
  return done;
}
