import {
  CommunicationSchema,
  NewCommunicationSchema,
  type Communication,
} from '../domain/communication/communication.js';
import type {
  CommunicationRepository,
  ProtocolRegister,
} from '../domain/communication/communication.ports.js';
import type { Once } from '../domain/shared/intake.js';
import type { Models } from './models/index.js';
import { writeNumbered, type NumberPaths } from './number.repo.js';
import type { BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';

/** The protocol number lives on the communication itself, under a unique index. */
const PROTOCOL_NUMBER: NumberPaths = {
  number: 'protocol.number',
  year: 'protocolYear',
  seq: 'protocolSeq',
};

/** Mod. 07_A17 and its protocol register. */
export function communicationRepository(models: Models, report: BadRecordReporter) {
  const records = recordRepo(models.communication, CommunicationSchema, report);
  const repository: CommunicationRepository = {
    draft: (data) =>
      records.insertOnce(NewCommunicationSchema.parse(data)) as Promise<Once<Communication>>,
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
    async protocol(communication, stamp, readRevision, year) {
      const numbered = await writeNumbered({
        model: models.communication,
        paths: PROTOCOL_NUMBER,
        sequence: 'protocol',
        year,
        write: async (number, seq) => {
          const next = CommunicationSchema.parse({
            ...communication,
            protocol: { number, ...stamp },
          });
          const { id, createdAt: _createdAt, ...fields } = next;
          const result = await models.communication.updateOne(
            { _id: id, revision: readRevision },
            {
              $set: { ...fields, protocolYear: year, protocolSeq: seq, revision: readRevision + 1 },
            },
            { timestamps: false },
          );
          return result.matchedCount === 1 ? { ...next, revision: readRevision + 1 } : undefined;
        },
      });
      return numbered?.record;
    },
  };
  return { ...repository, protocol, list: records.list };
}
