import { CareContactSchema } from '../domain/care/care-contact.js';
import type { CareRegister } from '../domain/care/care.ports.js';
import { ClientSchema } from '../domain/client/client.js';
import type { Models } from './models/index.js';
import { readRecords, type BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';

/** The Customer Care Register (Mod. 07_A9) over care_contacts and the clients' call dates. */
export function careRegister(models: Models, report: BadRecordReporter) {
  const contacts = recordRepo(models.careContact, CareContactSchema, report);
  const clients = recordRepo(models.client, ClientSchema, report);
  const register: CareRegister = {
    async candidates(now, limit) {
      const docs = await models.client
        .find({
          active: true,
          $or: [{ nextCareCallDue: { $lte: now } }, { nextCareCallDue: { $exists: false } }],
        })
        .sort({ _id: 1 })
        .limit(limit)
        .lean();
      return readRecords(ClientSchema, models.client.collection.collectionName, docs, report);
    },
    async client(id) {
      const found = await clients.get(id);
      return found.ok ? found.value : undefined;
    },
    log: (contact) => contacts.insertOnce(contact),
    async scheduleNext(clientId, lastCallAt, nextDue) {
      await models.client.updateOne(
        {
          _id: clientId,
          $or: [{ lastCareCallAt: { $exists: false } }, { lastCareCallAt: { $lte: lastCallAt } }],
        },
        { $set: { lastCareCallAt: lastCallAt, nextCareCallDue: nextDue } },
      );
    },
  };
  return { ...register, list: contacts.list };
}
