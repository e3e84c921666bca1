import { z } from 'zod';
import { may } from '../roles/permissions.js';
import { ChatDestinationSchema, ChatUserSchema, RecordIdSchema } from '../shared/chat-user.js';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { again, ok, refuse, type Result } from '../shared/result.js';
import { inListOrder, RoutingValueSchema, RulePrioritySchema } from './routing-rule.js';
import type { RoutingRule, RuleSettings } from './routing-rule.js';
import type { RoutingServices } from './routing.ports.js';

const RuleInputSchema = z.strictObject({
  /** The rule being edited; none to add one. */
  ruleId: RecordIdSchema.optional(),
  department: RoutingValueSchema,
  category: RoutingValueSchema,
  priority: RulePrioritySchema,
  destination: ChatDestinationSchema,
  mention: z.array(ChatUserSchema).max(20).default([]),
  onCall: ChatUserSchema.optional(),
  ...intakeField,
});

export type RoutingRefusal =
  'INPUT.INVALID' | 'ROUTING.FORBIDDEN' | 'ROUTING.NOT_FOUND' | 'ROUTING.DUPLICATE';

/** The routing table in list order (rule n is the n-th); for those who may manage it. */
export async function listRoutingRules(
  services: RoutingServices,
  by: ChatUser,
): Promise<Result<RoutingRule[], RoutingRefusal>> {
  if (!may(await services.roles.rolesOf(by), 'routing.manage')) return refuse('ROUTING.FORBIDDEN');
  return ok(inListOrder(await services.rules.all()));
}

/**
 * Adds a routing rule, or changes one (`ruleId`): department × category × priority → where the
 * card goes, whom it mentions, who is on call. DCOM, manager and admin only; audited; one rule
 * per department × category × priority; the same form submission saves once.
 */
export async function saveRoutingRule(
  services: RoutingServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<RoutingRule, RoutingRefusal>> {
  const parsed = parseInput(RuleInputSchema, input);
  if (!parsed.ok) return parsed;
  const { ruleId, intakeKey, ...settings } = parsed.value;
  if (!may(await services.roles.rolesOf(by), 'routing.manage'))
    return refused(services, by, ruleId ?? 'new', 'ROUTING.FORBIDDEN', settings);
  const saved = ruleId
    ? await services.rules.change(ruleId, settings, intakeKey)
    : await services.rules.add(settings, intakeKey);
  if (!saved) return refuse('ROUTING.NOT_FOUND');
  if ('clash' in saved) return refuse('ROUTING.DUPLICATE', describeRule(saved.clash));
  if (!saved.first) return again(saved.rule);
  await audit(services, by, saved.rule.id, ruleId ? 'routing.rule_changed' : 'routing.rule_added', {
    ...saved.rule,
  });
  return ok(saved.rule);
}

/** Deletes a routing rule (DCOM, manager, admin); audited with what it was. */
export async function deleteRoutingRule(
  services: RoutingServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<RoutingRule, RoutingRefusal>> {
  const parsed = parseInput(z.strictObject({ ruleId: z.string().max(40) }), input);
  if (!parsed.ok) return parsed;
  const { ruleId } = parsed.value;
  if (!may(await services.roles.rolesOf(by), 'routing.manage'))
    return refused(services, by, ruleId, 'ROUTING.FORBIDDEN', {});
  const gone = RecordIdSchema.safeParse(ruleId).success
    ? await services.rules.remove(ruleId)
    : undefined;
  if (!gone) return refuse('ROUTING.NOT_FOUND');
  await audit(services, by, gone.id, 'routing.rule_deleted', { ...gone });
  return ok(gone);
}

/** The values a refusal may name: which rule already covers these. */
const describeRule = (rule: RoutingRule) => ({
  department: rule.department,
  category: rule.category,
  priority: rule.priority,
});

async function refused(
  services: RoutingServices,
  by: ChatUser,
  ruleId: string,
  code: RoutingRefusal,
  settings: Partial<RuleSettings>,
): Promise<Result<RoutingRule, RoutingRefusal>> {
  await audit(services, by, ruleId, 'routing.change_refused', { ...settings, code });
  return refuse(code);
}

const audit = (
  services: RoutingServices,
  by: ChatUser,
  ruleId: string,
  type: string,
  data: Record<string, unknown>,
) =>
  services.events.append({
    caseKind: 'routing',
    caseId: ruleId,
    type,
    actor: by,
    at: services.clock.now(),
    data,
  });
