import { describe, expect, it } from 'vitest';
import { deleteRoutingRule, saveRoutingRule } from '../../src/domain/routing/manage-routing.js';
import { routeCase } from '../../src/domain/routing/route.js';
import { routingKey, type RoutingRule } from '../../src/domain/routing/routing-rule.js';
import type { RoutingServices, RuleSaved } from '../../src/domain/routing/routing.ports.js';
import type { NewCaseEvent } from '../../src/domain/audit/case-event.js';
import type { Role } from '../../src/domain/roles/role.js';

const AT = new Date('2026-11-20T09:00:00Z');
const manager = { platform: 'slack' as const, id: 'U0MGR' };
const operator = { platform: 'slack' as const, id: 'U0OP' };

/** An in-memory routing table, audit log and role directory. */
function services(roles: Record<string, Role[]>) {
  const table: RoutingRule[] = [];
  const events: NewCaseEvent[] = [];
  const rules: RoutingServices['rules'] = {
    all: async () => [...table],
    add: async (settings): Promise<RuleSaved> => {
      const clash = table.find(
        (r) =>
          r.department === settings.department &&
          r.category === settings.category &&
          r.priority === settings.priority,
      );
      if (clash) return { clash };
      const rule = { ...settings, id: String(table.length + 1).padStart(24, '0') };
      table.push(rule);
      return { rule, first: true };
    },
    change: async () => undefined,
    remove: async (id) => {
      const i = table.findIndex((r) => r.id === id);
      return i < 0 ? undefined : table.splice(i, 1)[0];
    },
  };
  const deps: RoutingServices = {
    rules,
    roles: { rolesOf: async (u) => roles[u.id] ?? [], holdersOf: async () => [] },
    events: { append: async (e) => void events.push(e) },
    clock: { now: () => AT },
  };
  return { deps, table, events };
}

const input = {
  department: '  Assistènza-Tecnica ',
  category: 'IDRAULICA',
  priority: 'P2',
  destination: { platform: 'slack', channel: 'C0HYDRO' },
};

describe('managing routing rules', () => {
  it('stores department and category as their routing key, and audits the addition', async () => {
    const { deps, table, events } = services({ U0MGR: ['manager'] });
    const saved = await saveRoutingRule(deps, manager, input);
    expect(saved).toMatchObject({ ok: true, value: { department: 'assistenza tecnica' } });
    expect(table[0]).toMatchObject({ department: 'assistenza tecnica', category: 'idraulica' });
    expect(events).toEqual([
      expect.objectContaining({ caseKind: 'routing', type: 'routing.rule_added', actor: manager }),
    ]);
  });

  it('refuses an operator and records the refused attempt, storing nothing', async () => {
    const { deps, table, events } = services({ U0OP: ['operator'] });
    expect(await saveRoutingRule(deps, operator, input)).toEqual({
      ok: false,
      error: { code: 'ROUTING.FORBIDDEN' },
    });
    expect(await deleteRoutingRule(deps, operator, { ruleId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'ROUTING.FORBIDDEN' },
    });
    expect(table).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['routing.change_refused', 'routing.change_refused']);
  });

  it('refuses bad values field by field and a duplicate by naming the rule it repeats', async () => {
    const { deps } = services({ U0MGR: ['DCOM'] });
    const bad = await saveRoutingRule(deps, manager, { ...input, category: '', priority: 'P9' });
    expect(bad.ok).toBe(false);
    const fields = (
      bad as unknown as { error: { details: { problems: { field: string }[] } } }
    ).error.details.problems.map((p) => p.field);
    expect(fields).toEqual(['category', 'priority']);
    await saveRoutingRule(deps, manager, input);
    expect(
      await saveRoutingRule(deps, manager, { ...input, department: 'assistenza tecnica' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'ROUTING.DUPLICATE',
        details: { department: 'assistenza tecnica', category: 'idraulica', priority: 'P2' },
      },
    });
  });

  it('routes a complaint however its department is typed', () => {
    expect(routingKey('Assistenza-Tecnica')).toBe(routingKey('assistenza  tecnica'));
    expect(routingKey('Qualità_Prodotto')).toBe('qualita prodotto');
    const rule: RoutingRule = {
      id: 'r',
      department: 'Assistenza-Tecnica', // stored by hand before keys existed
      category: '*',
      priority: '*',
      destination: { platform: 'slack', channel: 'C0TECH' },
      mention: [],
    };
    const route = routeCase(
      [rule],
      { department: 'assistenza tecnica', category: 'x', priority: 'P3' },
      { triage: { platform: 'slack', channel: 'C0TRIAGE' }, directors: [] },
    );
    expect(route).toMatchObject({ via: 'rule', destination: { channel: 'C0TECH' } });
  });
});
