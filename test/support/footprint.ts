import type { Db } from 'mongodb';
import type { Store } from '../../src/store/index.js';

/**
 * What a refused request must leave as it was: the document count of every collection (except
 * `ignore`, which change on their own) and the revision of the given complaint and D2.
 */
export async function footprint(
  db: Db,
  store: Store,
  ids: { complaint: string; d2: string },
  ignore: string[] = [],
) {
  const names = (await db.listCollections().toArray())
    .map((c) => c.name)
    .filter((n) => !ignore.includes(n))
    .sort();
  const counts = await Promise.all(names.map((n) => db.collection(n).countDocuments()));
  return {
    counts: Object.fromEntries(names.map((n, i) => [n, counts[i]!])),
    complaint: (await store.complaints.get(ids.complaint))?.revision,
    d2: (await store.d2Requests.get(ids.d2))?.revision,
  };
}
