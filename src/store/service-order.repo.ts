import { NewServiceOrderSchema, ServiceOrderSchema } from '../domain/complaint/service-order.js';
import type { ServiceOrderRepository } from '../domain/complaint/complaint.ports.js';
import type { Models } from './models/index.js';
import { insertNumbered } from './numbered.repo.js';
import type { BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';

export function serviceOrderRepository(models: Models, report: BadRecordReporter) {
  const records = recordRepo(models.serviceOrder, ServiceOrderSchema, report);
  const repository: ServiceOrderRepository = {
    async issue(data, year) {
      const created = await insertNumbered(models.serviceOrder, records, {
        schema: NewServiceOrderSchema,
        data,
        sequence: 'serviceOrder',
        year,
      });
      if (!created.ok) throw new Error(`invalid service order: ${created.error.issues.join('; ')}`);
      return created.value;
    },
  };
  return { ...repository, get: records.get, list: records.list };
}
