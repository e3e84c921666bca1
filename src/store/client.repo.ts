import { isValidObjectId } from 'mongoose';
import { codeKey, nameKey } from '../domain/client/client-identity.js';
import { ClientSchema, NewClientSchema } from '../domain/client/client.js';
import type { ClientDirectory } from '../domain/complaint/complaint.ports.js';
import type { ClientQueries } from '../domain/shared/queries.ports.js';
import { literally } from './complaint.repo.js';
import type { Models } from './models/index.js';
import { isDuplicateKey } from './number.repo.js';
import { readRecord, type BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';
import { readThrough } from './shared-cache.js';

const KNOWN_CLIENTS_MAX = 10_000;
const SHOWN_TTL_MS = 30_000;

export function clientRepository(models: Models, report: BadRecordReporter) {
  const records = recordRepo(models.client, ClientSchema, report);
  /**
   * Clients found to exist. No path removes a client (a client is deactivated, never deleted),
   * so one seen once exists for good, on every instance: filing asks the database only about a
   * client it has not met yet. Bounded; forgetting costs one read.
   */
  const known = new Set<string>();
  const remember = (id: string) => {
    if (known.size >= KNOWN_CLIENTS_MAX) known.clear();
    known.add(id);
  };
  const collection = models.client.collection.collectionName;
  const readOne = (doc: unknown) => {
    if (!doc) return undefined;
    const result = readRecord(ClientSchema, collection, doc);
    return result.ok ? result.value : undefined;
  };
  /**
   * The client matching any of `keys` (values always strings, never operators), read in one
   * round trip; `prefer` picks among several (each key is unique, so at most one per key).
   */
  const matching = async (
    keys: Record<string, string>[],
    prefer: (doc: Record<string, unknown>) => boolean = () => true,
  ) => {
    const filter = keys.length === 1 ? keys[0]! : { $or: keys };
    const docs = await models.client.find(filter).limit(keys.length).lean();
    return readOne(docs.find((d) => prefer(d as Record<string, unknown>)) ?? docs[0]);
  };
  const directory: ClientDirectory = {
    async register(data) {
      const { intakeKey } = data;
      try {
        const created = await records.insert({
          ...NewClientSchema.parse(data),
          ...(intakeKey ? { intakeKey } : {}),
        });
        remember(created.id);
        return created;
      } catch (error) {
        if (isDuplicateKey(error)) return undefined;
        throw error;
      }
    },
    findByName: (name) => matching([{ nameKey: nameKey(String(name)) }]),
    async find(clientId) {
      if (!isValidObjectId(clientId)) return undefined;
      const result = await records.get(String(clientId));
      return result.ok ? result.value : undefined;
    },
    async exists(clientId) {
      if (!isValidObjectId(clientId)) return false;
      if (known.has(String(clientId))) return true;
      const found = (await models.client.exists({ _id: clientId })) !== null;
      if (found) remember(String(clientId));
      return found;
    },
  };
  const find = async (id: string) => {
    const result = await records.get(id);
    return result.ok ? result.value : undefined;
  };
  // Every card a delivery renders names its client; clients change rarely.
  const cardClients = readThrough(SHOWN_TTL_MS, find, KNOWN_CLIENTS_MAX);
  const queries: ClientQueries = {
    find,
    shown: async (id) => {
      const client = await cardClients.get(String(id));
      return client && { ...client };
    },
    search: (text, limit) => {
      const trimmed = String(text).trim().slice(0, 100);
      const filter = trimmed
        ? { $or: [{ name: literally(trimmed) }, { code: literally(trimmed) }] }
        : {};
      return records.list({ active: true, ...filter }, { sort: { name: 1 }, limit });
    },
  };
  const registry = {
    // A client stored before the keys existed is still found by its exact code; one that has
    // the key comes first.
    findByCode: (code: string) => {
      const key = codeKey(String(code));
      return matching([{ codeKey: key }, { code: String(code) }], (d) => d.codeKey === key);
    },
    findByIntakeKey: records.findByIntakeKey,
    async update(
      id: string,
      changes: object,
      seen?: Date,
    ): Promise<'updated' | 'gone' | 'taken' | 'stale'> {
      if (!isValidObjectId(id)) return 'gone';
      try {
        const result = await models.client
          .updateOne({ _id: id, ...(seen ? { updatedAt: seen } : {}) }, { $set: changes })
          .finally(() => cardClients.clear());
        if (result.matchedCount === 1) return 'updated';
        return seen && (await models.client.exists({ _id: id })) ? 'stale' : 'gone';
      } catch (error) {
        if (isDuplicateKey(error)) return 'taken';
        throw error;
      }
    },
  };
  return { ...records, ...directory, ...queries, ...registry };
}
