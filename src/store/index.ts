import type { Connection } from 'mongoose';
import { CareContactSchema } from '../domain/care/care-contact.js';
import { ClientSchema } from '../domain/client/client.js';
import { CommunicationSchema } from '../domain/communication/communication.js';
import { ComplaintSchema } from '../domain/complaint/complaint.js';
import { ServiceOrderSchema } from '../domain/complaint/service-order.js';
import { D2RequestSchema } from '../domain/d2/d2-request.js';
import { RoutingRuleSchema } from '../domain/routing/routing-rule.js';
import { caseEventRepo } from './case-event.repo.js';
import { defineModels, initModels } from './models/index.js';
import type { BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';
import { roleAssignmentRepo } from './role-assignment.repo.js';

/** Every repository over one connection; bad stored documents go to `report`. */
export async function createStore(connection: Connection, report: BadRecordReporter) {
  const models = defineModels(connection);
  await initModels(models);
  const repo = <S extends Parameters<typeof recordRepo>[1]>(model: unknown, schema: S) =>
    recordRepo(model as never, schema, report);
  return {
    models,
    careContacts: repo(models.careContact, CareContactSchema),
    caseEvents: caseEventRepo(models, report),
    clients: repo(models.client, ClientSchema),
    communications: repo(models.communication, CommunicationSchema),
    complaints: repo(models.complaint, ComplaintSchema),
    d2Requests: repo(models.d2Request, D2RequestSchema),
    roles: roleAssignmentRepo(models, report),
    routingRules: repo(models.routingRule, RoutingRuleSchema),
    serviceOrders: repo(models.serviceOrder, ServiceOrderSchema),
  };
}
export type Store = Awaited<ReturnType<typeof createStore>>;
