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
