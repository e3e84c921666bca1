import {
  CommunicationSchema,
  NewCommunicationSchema,
  type Communication,
} from '../domain/communication/communication.js';
import type {
  CommunicationRepository,
  ProtocolRegister,
} from '../domain/communication/communication.ports.js';
import type { Models } from './models/index.js';
import { issueNumber } from './number.repo.js';
import type { BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';

/** Mod. 07_A17 and its protocol register. */
export function communicationRepository(models: Models, report: BadRecordReporter) {
  const records = recordRepo(models.communication, CommunicationSchema, report);
  const repository: CommunicationRepository = {
    draft: (data) => records.insert(NewCommunicationSchema.parse(data)) as Promise<Communication>,
    async get(id) {
      const found = await records.get(id);
      return found.ok ? found.value : undefined;
    },
    async save(communication, readRevision) {
      const { id, createdAt: _createdAt, ...fields } = CommunicationSchema.parse(communication);
      const result = await models.communication.updateOne(
        { _id: id, revision: readRevision },
        { $set: { ...fields, revision: readRevision + 1 } },
        { timestamps: false },
      );
      return result.matchedCount === 1;
    },
  };
  const protocol: ProtocolRegister = {
    numberFor: (communicationId, year) =>
      issueNumber(models, 'protocol', year, new Date(), `communication:${communicationId}`),
  };
  return { ...repository, protocol, list: records.list };
}
