import type { Priority } from '../complaint/complaint.js';
import { eachOnce, type ChatDestination, type ChatUser } from '../shared/chat-user.js';
import { NOT_SURE_DEPARTMENT } from '../taxonomy/taxonomy.js';
import { ANY, routingKey, type RoutingRule } from './routing-rule.js';

export interface RouteQuery {
  department: string;
  category: string;
  priority: Priority;
}

export interface Route {
  destination: ChatDestination;
  mention: ChatUser[];
  /** People alerted directly (P1: the on-call person and the directors). */
  direct: ChatUser[];
  /** The department's on-call person, when its rule names one (whatever the priority). */
  onCall?: ChatUser;
  /** 'rule' when a routing rule matched, 'triage' when the default destination was used. */
  via: 'rule' | 'triage';
  ruleId?: string;
}

const matches = (value: string, wanted: string) =>
  value === ANY || value === wanted || routingKey(value) === routingKey(wanted);
const specificity = (rule: RoutingRule) =>
  (rule.department !== ANY ? 4 : 0) +
  (rule.category !== ANY ? 2 : 0) +
  (rule.priority !== ANY ? 1 : 0);

/**
 * Where a case is announced: the most specific matching rule, or the triage destination when
 * nothing matches — a case is never dropped. A department filed as "not sure" goes to triage.
 * A triage card mentions whoever triages (`triagers`: the coordinators, else the directors),
 * so somebody is told.
 */
export function routeCase(
  rules: RoutingRule[],
  query: RouteQuery,
  fallback: { triage: ChatDestination; directors: ChatUser[]; triagers?: ChatUser[] },
): Route {
  const candidates = query.department === NOT_SURE_DEPARTMENT ? [] : rules;
  const best = candidates
    .filter(
      (r) =>
        matches(r.department, query.department) &&
        matches(r.category, query.category) &&
        matches(r.priority, query.priority),
    )
    .sort((a, b) => specificity(b) - specificity(a))[0];
  const onCall = best?.onCall ? [best.onCall] : [];
  const direct = query.priority === 'P1' ? eachOnce([...onCall, ...fallback.directors]) : [];
  if (!best)
    return {
      destination: fallback.triage,
      mention: fallback.triagers ?? [],
      direct,
      via: 'triage',
    };
  return {
    destination: best.destination,
    mention: best.mention,
    direct,
    via: 'rule',
    ruleId: best.id,
    ...(best.onCall ? { onCall: best.onCall } : {}),
  };
}
