import { isValidObjectId } from 'mongoose';
import type { RoutingTable } from '../domain/complaint/complaint.ports.js';
import { RoutingRuleSchema, type RuleSettings } from '../domain/routing/routing-rule.js';
import type { RoutingRuleStore, RuleSaved } from '../domain/routing/routing.ports.js';
import type { Models } from './models/index.js';
import { isDuplicateKey } from './number.repo.js';
import { readRecord, type BadRecordReporter } from './read-boundary.js';
import { recordRepo } from './record.repo.js';
import { readThrough } from './shared-cache.js';

const ROUTING_TTL_MS = 30_000;

/**
 * The routing table, edited from chat. Filing reads it through a short cache; every write here
 * drops it, so the next complaint this process files is routed by the new table.
 */
export function routingRuleRepository(models: Models, report: BadRecordReporter) {
  const model = models.routingRule;
  const records = recordRepo(model, RoutingRuleSchema, report);
  const rules = readThrough(ROUTING_TTL_MS, () => records.list({}));
  const table: RoutingTable = { rules: async () => [...(await rules.get(undefined))] };
  const dropping = <T>(write: Promise<T>) => write.finally(() => rules.clear());
  const clashOf = async (s: RuleSettings) =>
    (
      await records.list({ department: s.department, category: s.category, priority: s.priority })
    )[0];
  const read = (doc: unknown) => {
    const result = readRecord(RoutingRuleSchema, 'routing_rules', doc);
    if (!result.ok) throw new Error(`routing rule fails its schema: ${result.error.issues}`);
    return result.value;
  };

  async function add(settings: RuleSettings, intakeKey?: string): Promise<RuleSaved> {
    const earlier = intakeKey ? await records.findByIntakeKey(intakeKey) : undefined;
    if (earlier) return { rule: earlier, first: false };
    try {
      return { rule: await records.insert({ ...settings, intakeKey }), first: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const theirs = intakeKey ? await records.findByIntakeKey(intakeKey) : undefined;
      if (theirs) return { rule: theirs, first: false };
      const clash = await clashOf(settings);
      if (!clash) throw error;
      return { clash };
    }
  }

  async function change(id: string, settings: RuleSettings, intakeKey?: string) {
    if (!isValidObjectId(id)) return undefined;
    const { onCall, ...rest } = settings;
    const update = {
      $set: { ...rest, ...(onCall ? { onCall } : {}) },
      ...(onCall ? {} : { $unset: { onCall: 1 } }),
      ...(intakeKey ? { $addToSet: { appliedIntakes: intakeKey } } : {}),
    };
    const filter = intakeKey ? { _id: id, appliedIntakes: { $ne: intakeKey } } : { _id: id };
    try {
      const changed = await model
        .findOneAndUpdate(filter, update, { returnDocument: 'after' })
        .lean();
      if (changed) return { rule: read(changed), first: true } satisfies RuleSaved;
    } catch (error) {
      const clash = isDuplicateKey(error) ? await clashOf(settings) : undefined;
      if (!clash) throw error;
      return { clash } satisfies RuleSaved;
    }
    // Nothing matched: no such rule, or this submission changed it already.
    const now = await model.findById(id).lean();
    return now ? ({ rule: read(now), first: false } satisfies RuleSaved) : undefined;
  }

  async function remove(id: string) {
    if (!isValidObjectId(id)) return undefined;
    const gone = await model.findByIdAndDelete(id).lean();
    return gone ? read(gone) : undefined;
  }

  const store: RoutingRuleStore = {
    all: () => records.list({}),
    add: (settings, key) => dropping(add(settings, key)),
    change: (id, settings, key) => dropping(change(id, settings, key)),
    remove: (id) => dropping(remove(id)),
  };
  return {
    ...records,
    ...table,
    ...store,
    insert: (data: object) => dropping(records.insert(data)),
  };
}
