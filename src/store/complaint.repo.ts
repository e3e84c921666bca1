import {
  NewComplaintSchema,
  ComplaintSchema,
  type Complaint,
} from '../domain/complaint/complaint.js';
import type { ComplaintRepository } from '../domain/complaint/complaint.ports.js';
import { caseRepository } from './case.repo.js';
import type { Models } from './models/index.js';
import type { BadRecordReporter } from './read-boundary.js';

export function complaintRepository(
  models: Models,
  report: BadRecordReporter,
): ComplaintRepository & {
  list: ReturnType<typeof caseRepository<typeof ComplaintSchema>>['records']['list'];
} {
  const cases = caseRepository(
    models,
    models.complaint,
    { record: ComplaintSchema, create: NewComplaintSchema },
    'complaint',
    report,
  );
  return {
    register: (data, year) => cases.register(data, year) as Promise<Complaint>,
    get: cases.get,
    save: cases.save,
    findByNumber: (number) => cases.findOne({ number: String(number) }),
    latestOf: (clientId, problemCode, since) =>
      cases.findOne(
        {
          clientId: String(clientId),
          problemCode: String(problemCode),
          receivedAt: { $gte: since },
        },
        { receivedAt: -1 },
      ),
    list: cases.records.list,
  };
}
