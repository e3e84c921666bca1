import { backfillLastActivity, backfillNumberPositions } from './migrations.js';
import type { LoyaltyRule } from '../domain/kpi/kpi.js';
import type { Connection } from 'mongoose';
import { careRegister } from './care.repo.js';
import { backfillClientKeys } from './client-migrations.js';
import { caseEventRepo } from './case-event.repo.js';
import { clientRepository } from './client.repo.js';
import { communicationRepository } from './communication.repo.js';
import { complaintRepository } from './complaint.repo.js';
import { conversationRepository } from './conversation.repo.js';
import { d2RequestRepository } from './d2-request.repo.js';
import { serviceOrderRepository } from './service-order.repo.js';
import { settingsRepository } from './settings.repo.js';
import { surveyRepository } from './survey.repo.js';
import { defineModels, initModels } from './models/index.js';
import type { BadRecordReporter } from './read-boundary.js';
import { kpiBreakdownRepository } from './kpi-breakdown.repo.js';
import { kpiRepository } from './kpi.repo.js';
import { outboxRepository } from './outbox.repo.js';
import { roleAssignmentRepo } from './role-assignment.repo.js';
import { routingRuleRepository } from './routing-rule.repo.js';
import { moveProblemCodes } from './taxonomy-migrations.js';
import { taxonomyRepository } from './taxonomy.repo.js';

/** Every repository over one connection; bad stored documents go to `report`. */
export async function createStore(
  connection: Connection,
  report: BadRecordReporter,
  loyalty: LoyaltyRule = {},
) {
  const models = defineModels(connection);
  await initModels(models);
  await backfillLastActivity(models);
  await backfillNumberPositions(models);
  await backfillClientKeys(models, report);
  await moveProblemCodes(models);
  return {
    models,
    care: careRegister(models, report),
    caseEvents: caseEventRepo(models, report),
    clients: clientRepository(models, report),
    communications: communicationRepository(models, report),
    complaints: complaintRepository(models, report),
    conversations: conversationRepository(models),
    d2Requests: d2RequestRepository(models, report),
    kpi: { ...kpiRepository(models, loyalty), ...kpiBreakdownRepository(models) },
    outbox: outboxRepository(models),
    roles: roleAssignmentRepo(models, report),
    routingRules: routingRuleRepository(models, report),
    serviceOrders: serviceOrderRepository(models, report),
    settings: settingsRepository(models),
    surveys: surveyRepository(models),
    taxonomy: taxonomyRepository(models, report),
  };
}
export type Store = Awaited<ReturnType<typeof createStore>>;
