import { isValidObjectId } from 'mongoose';
import { ClientSchema, NewClientSchema } from '../domain/client/client.js';
import type { ClientDirectory } from '../domain/complaint/complaint.ports.js';
import type { ClientQueries } from '../domain/shared/queries.ports.js';
import { literally } from './complaint.repo.js';
import type { Models } from './models/index.js';
import type { BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';

export function clientRepository(models: Models, report: BadRecordReporter) {
  const records = recordRepo(models.client, ClientSchema, report);
  const directory: ClientDirectory = {
    async register(data) {
      try {
        return await records.insert(NewClientSchema.parse(data));
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return undefined;
        throw error;
      }
    },
    async exists(clientId) {
      return isValidObjectId(clientId) && (await models.client.exists({ _id: clientId })) !== null;
    },
  };
  const queries: ClientQueries = {
    async find(id) {
      const result = await records.get(id);
      return result.ok ? result.value : undefined;
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
    async findByCode(code: string) {
      const doc = await models.client.findOne({ code: String(code) }).lean();
      if (!doc) return undefined;
      const result = await records.get(String(doc._id));
      return result.ok ? result.value : undefined;
    },
    async update(id: string, changes: object) {
      const result = await models.client.updateOne({ _id: id }, { $set: changes });
      return result.matchedCount === 1;
    },
  };
  return { ...records, ...directory, ...queries, ...registry };
}
