import { isValidObjectId } from 'mongoose';
import { ClientSchema } from '../domain/client/client.js';
import type { ClientDirectory } from '../domain/complaint/complaint.ports.js';
import type { Models } from './models/index.js';
import type { BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';

export function clientRepository(models: Models, report: BadRecordReporter) {
  const records = recordRepo(models.client, ClientSchema, report);
  const directory: ClientDirectory = {
    async exists(clientId) {
      return isValidObjectId(clientId) && (await models.client.exists({ _id: clientId })) !== null;
    },
  };
  return { ...records, ...directory };
}
