import { D2RequestSchema, NewD2RequestSchema, type D2Request } from '../domain/d2/d2-request.js';
import type { D2Repository } from '../domain/d2/d2.ports.js';
import type { Once } from '../domain/shared/intake.js';
import type { D2Queries } from '../domain/shared/queries.ports.js';
import { caseRepository } from './case.repo.js';
import type { Models } from './models/index.js';
import type { BadRecordReporter } from './read-boundary.js';

export function d2RequestRepository(models: Models, report: BadRecordReporter) {
  const cases = caseRepository(
    models.d2Request,
    { record: D2RequestSchema, create: NewD2RequestSchema },
    'd2',
    report,
  );
  const repository: D2Repository = {
    register: (data, year) => cases.register(data, year) as Promise<D2Request>,
    registerOnce: (data, year) => cases.registerOnce(data, year) as Promise<Once<D2Request>>,
    findByIntakeKey: (key) => cases.findOne({ intakeKey: String(key) }),
    get: cases.get,
    save: cases.save,
  };
  const queries: D2Queries = {
    get: cases.get,
    awaitingSignature: (limit) =>
      cases.records.list({ status: 'submitted' }, { sort: { createdAt: 1, _id: 1 }, limit }),
    toCarryOut: (limit) =>
      cases.records.list(
        { status: { $in: ['signed', 'in_progress'] } },
        { sort: { updatedAt: 1, _id: 1 }, limit },
      ),
    toArchive: (limit) =>
      cases.records.list(
        { status: { $in: ['done', 'declined'] } },
        { sort: { updatedAt: -1 }, limit },
      ),
  };
  return {
    ...repository,
    ...queries,
    list: cases.records.list,
    setAnnouncement: cases.setAnnouncement,
  };
}
