import { repeatWindowStart } from '../domain/complaint/repeat.js';
import type { Store } from '../store/index.js';

/** A case as the repeat rule sees it: stored already (with its number) or about to be inserted. */
export interface RuleCase {
  id: unknown;
  /** Known for stored cases; a new case gets its number when its run is inserted. */
  number?: string;
  clientId: string;
  problemCode: string;
  receivedAt: Date;
  reference?: string;
}

export interface RepeatRule {
  /** Without a "repeat of" column, the intake's rule decides (file-complaint.ts). */
  byRule: boolean;
  /** New cases' reference → the reference (or bot number) of the case the register says it repeats. */
  named: Map<string, string>;
  windowDays: number;
}

/** The stored cases the rule may link the new ones to: same clients and problem codes. */
export async function storedForRule(store: Store, fresh: RuleCase[]): Promise<RuleCase[]> {
  if (!fresh.length) return [];
  const docs = await store.models.complaint
    .find(
      {
        clientId: { $in: [...new Set(fresh.map((c) => c.clientId))] },
        problemCode: { $in: [...new Set(fresh.map((c) => c.problemCode))] },
      },
      { number: 1, clientId: 1, problemCode: 1, receivedAt: 1, sourceReference: 1 },
    )
    .lean<
      {
        _id: unknown;
        number: string;
        clientId: unknown;
        problemCode: string;
        receivedAt: Date;
        sourceReference?: string;
      }[]
    >();
  return docs.map((d) => ({
    id: d._id,
    number: d.number,
    clientId: String(d.clientId),
    problemCode: d.problemCode,
    receivedAt: d.receivedAt,
    ...(d.sourceReference ? { reference: d.sourceReference } : {}),
  }));
}

/**
 * Which case each new case repeats, worked out before anything is inserted, so the link goes in
 * with the case. By the intake's rule: the latest earlier case of the same client and problem
 * code received within the window (stored cases before new ones at the same instant). Or as the
 * register names it, by reference or case number.
 */
export function planRepeats(
  fresh: RuleCase[],
  stored: RuleCase[],
  rule: RepeatRule,
): Map<RuleCase, RuleCase> {
  const plan = new Map<RuleCase, RuleCase>();
  if (!rule.byRule) {
    const known = new Map<string, RuleCase>();
    for (const c of [...stored, ...fresh]) {
      if (c.number) known.set(c.number, c);
      if (c.reference) known.set(c.reference, c);
    }
    for (const c of fresh) {
      const target = c.reference ? known.get(rule.named.get(c.reference) ?? '') : undefined;
      if (target && target !== c) plan.set(c, target);
    }
    return plan;
  }
  const groups = new Map<string, RuleCase[]>();
  for (const c of [...stored, ...fresh]) {
    const key = `${c.clientId}|${c.problemCode}`;
    const group = groups.get(key) ?? [];
    group.push(c);
    groups.set(key, group);
  }
  const freshSet = new Set(fresh);
  for (const group of groups.values()) {
    // Stable: at the same instant, stored cases and earlier rows stay first.
    group.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    group.forEach((c, i) => {
      const earlier = group[i - 1];
      if (!freshSet.has(c) || !earlier) return;
      if (earlier.receivedAt >= repeatWindowStart(c.receivedAt, rule.windowDays))
        plan.set(c, earlier);
    });
  }
  return plan;
}
