import { codeKey, nameKey } from '../domain/client/client-identity.js';
import type { Models } from './models/index.js';
import { isDuplicateKey } from './number.repo.js';
import type { BadRecordReporter } from './read-boundary.js';

/**
 * Clients stored before the normalised keys existed get them, one key at a time. When another
 * client already holds a key (two spellings of one client were registered before), that client
 * keeps no such key and is reported: which of the two is the client is a person's decision, so
 * nothing is merged here and the start-up goes on.
 */
export async function backfillClientKeys(
  models: Models,
  report: BadRecordReporter,
): Promise<{ keyed: number; clashes: number }> {
  const clients = models.client.collection;
  const missing = clients.find(
    { $or: [{ codeKey: { $exists: false } }, { nameKey: { $exists: false } }] },
    { projection: { code: 1, name: 1, codeKey: 1, nameKey: 1 } },
  );
  let keyed = 0;
  let clashes = 0;
  for await (const doc of missing) {
    const keys = {
      codeKey: codeKey(String(doc.code ?? '')),
      nameKey: nameKey(String(doc.name ?? '')),
    };
    for (const [field, key] of Object.entries(keys)) {
      if (doc[field] !== undefined) continue;
      try {
        await clients.updateOne({ _id: doc._id }, { $set: { [field]: key } });
        keyed++;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        clashes++;
        const holder = await clients.findOne({ [field]: key }, { projection: { code: 1 } });
        report({
          collection: 'clients',
          id: String(doc._id),
          issues: [
            `${field} "${key}" already belongs to client ${String(holder?.code)} (${String(holder?._id)}): ` +
              'the same client registered twice? merge or rename one',
          ],
        });
      }
    }
  }
  return { keyed, clashes };
}
