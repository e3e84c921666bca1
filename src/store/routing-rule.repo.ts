import type { RoutingTable } from '../domain/complaint/complaint.ports.js';
import { RoutingRuleSchema } from '../domain/routing/routing-rule.js';
import type { Models } from './models/index.js';
import type { BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';

/** The routing table, stored so it can be edited from chat. */
export function routingRuleRepository(models: Models, report: BadRecordReporter) {
  const records = recordRepo(models.routingRule, RoutingRuleSchema, report);
  const table: RoutingTable = { rules: () => records.list({}) };
  return { ...records, ...table };
}
