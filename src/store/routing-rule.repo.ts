import type { RoutingTable } from '../domain/complaint/complaint.ports.js';
import { RoutingRuleSchema } from '../domain/routing/routing-rule.js';
import type { Models } from './models/index.js';
import type { BadRecordReporter } from './read-boundary.js';
import { readThrough } from './shared-cache.js';

const ROUTING_TTL_MS = 30_000;
import { recordRepo } from './record.repo.js';

/** The routing table, stored so it can be edited from chat. */
export function routingRuleRepository(models: Models, report: BadRecordReporter) {
  const records = recordRepo(models.routingRule, RoutingRuleSchema, report);
  const rules = readThrough(ROUTING_TTL_MS, () => records.list({}));
  const table: RoutingTable = { rules: async () => [...(await rules.get(undefined))] };
  return {
    ...records,
    ...table,
    insert: (data: object) => records.insert(data).finally(() => rules.clear()),
  };
}
