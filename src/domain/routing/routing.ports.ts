import type { CaseEventLog, Clock, RoleDirectory } from '../shared/shared.ports.js';
import type { RoutingRule, RuleSettings } from './routing-rule.js';

/** What a save found: the rule as stored (`first: false` when this submission saved it before). */
export type RuleSaved = { rule: RoutingRule; first: boolean } | { clash: RoutingRule };

/**
 * The routing table as people edit it. Department × category × priority is unique; a change
 * made here is what the next complaint is routed by (no stale copy survives a write).
 */
export interface RoutingRuleStore {
  all(): Promise<RoutingRule[]>;
  /** Adds a rule; a submission (`intakeKey`) that already added one gets it back. */
  add(settings: RuleSettings, intakeKey?: string): Promise<RuleSaved>;
  /** Changes a rule once per submission; undefined when there is no such rule. */
  change(id: string, settings: RuleSettings, intakeKey?: string): Promise<RuleSaved | undefined>;
  /** Deletes a rule and returns it; undefined when there was none (already deleted). */
  remove(id: string): Promise<RoutingRule | undefined>;
}

export interface RoutingServices {
  rules: RoutingRuleStore;
  roles: RoleDirectory;
  events: CaseEventLog;
  clock: Clock;
}
