import type { Connection } from 'mongoose';
import { defineCareContactModel } from './care-contact.model.js';
import { defineCaseEventModel } from './case-event.model.js';
import { defineClientModel } from './client.model.js';
import { defineCommunicationModel } from './communication.model.js';
import { defineComplaintModel } from './complaint.model.js';
import { defineConversationModel } from './conversation.model.js';
import { defineD2RequestModel } from './d2-request.model.js';
import { defineProblemCodeModel } from './problem-code.model.js';
import { defineSurveyModels } from './survey.model.js';
import { defineOutboxModels } from './outbox.model.js';
import { defineRoleAssignmentModel } from './role-assignment.model.js';
import { defineRoutingRuleModel } from './routing-rule.model.js';
import { defineServiceOrderModel } from './service-order.model.js';
import { defineSettingModel } from './setting.model.js';
import { defineTaxonomyModel } from './taxonomy.model.js';

export function defineModels(connection: Connection) {
  return {
    careContact: defineCareContactModel(connection),
    caseEvent: defineCaseEventModel(connection),
    client: defineClientModel(connection),
    communication: defineCommunicationModel(connection),
    complaint: defineComplaintModel(connection),
    conversation: defineConversationModel(connection),
    d2Request: defineD2RequestModel(connection),
    problemCode: defineProblemCodeModel(connection),
    ...defineSurveyModels(connection),
    ...defineOutboxModels(connection),
    roleAssignment: defineRoleAssignmentModel(connection),
    routingRule: defineRoutingRuleModel(connection),
    serviceOrder: defineServiceOrderModel(connection),
    setting: defineSettingModel(connection),
    taxonomy: defineTaxonomyModel(connection),
  };
}
export type Models = ReturnType<typeof defineModels>;

/** Creates collections and indexes (unique case numbers rely on them). */
export async function initModels(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.init();
    await model.createIndexes();
  }
}
