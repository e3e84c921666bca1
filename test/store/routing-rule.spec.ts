import { describe, expect, it } from 'vitest';
import type { RuleSettings } from '../../src/domain/routing/routing-rule.js';
import { useTestDatabase } from '../support/database.js';

const rule = (over: Partial<RuleSettings> = {}): RuleSettings => ({
  department: 'assistenza tecnica',
  category: 'idraulica',
  priority: 'P2',
  destination: { platform: 'slack', channel: 'C0HYDRO' },
  mention: [{ platform: 'slack', id: 'U0TECH' }],
  ...over,
});

describe('routing rules store', () => {
  const db = useTestDatabase('routing_rules');
  const rules = () => db.store.routingRules;

  it('adds a rule once per submission and refuses a second rule for the same key', async () => {
    const first = await rules().add(rule(), 'slack:view:V1');
    const again = await rules().add(rule(), 'slack:view:V1');
    expect(first).toMatchObject({ first: true, rule: { department: 'assistenza tecnica' } });
    expect(again).toEqual({ first: false, rule: (first as { rule: object }).rule });
    const clash = await rules().add(rule({ mention: [] }), 'slack:view:V2');
    expect(clash).toEqual({ clash: (first as { rule: object }).rule });
    expect(await db.store.models.routingRule.countDocuments()).toBe(1);
  });

  it('changes a rule once per submission; a change onto another rule’s key is a clash', async () => {
    const other = await rules().add(rule({ priority: 'P3' }), 'slack:view:V3');
    const id = (other as { rule: { id: string } }).rule.id;
    const moved = await rules().change(id, rule({ priority: 'P1', mention: [] }), 'slack:view:E1');
    expect(moved).toMatchObject({ first: true, rule: { id, priority: 'P1', mention: [] } });
    expect(await rules().change(id, rule({ priority: 'P1' }), 'slack:view:E1')).toMatchObject({
      first: false,
      rule: { priority: 'P1', mention: [] },
    });
    expect(await rules().change(id, rule(), 'slack:view:E2')).toMatchObject({
      clash: { priority: 'P2' },
    });
    expect((await rules().all()).map((r) => r.priority).sort()).toEqual(['P1', 'P2']);
    expect(await rules().change('0123456789abcdef01234567', rule({ priority: '*' }))).toBe(
      undefined,
    );
  });

  it('drops the routing cache on every write, so filing reads the table as it now is', async () => {
    const before = await rules().rules();
    const added = await rules().add(rule({ category: '*', priority: '*' }));
    expect((await rules().rules()).length).toBe(before.length + 1);
    const id = (added as { rule: { id: string } }).rule.id;
    expect(await rules().remove(id)).toMatchObject({ id });
    expect(await rules().remove(id)).toBe(undefined);
    expect((await rules().rules()).length).toBe(before.length);
  });
});
