import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { director, operator } from '../support/fixtures.js';

describe('the audit trail (CaseEvent log)', () => {
  const db = useTestDatabase('case_event');
  const t0 = new Date('2026-11-20T09:00:00.000Z');
  beforeAll(async () => {
    const events = db.store.caseEvents;
    await events.append({
      caseKind: 'complaint',
      caseId: 'c1',
      caseNumber: 'R-2026-0001',
      type: 'complaint.filed',
      actor: operator,
      at: t0,
      data: { priority: 'P2' },
    });
    await events.append({
      caseKind: 'complaint',
      caseId: 'c1',
      caseNumber: 'R-2026-0001',
      type: 'approval.refused_not_allowed',
      actor: operator,
      at: new Date(t0.getTime() + 60_000),
      data: { action: 'approve' },
    });
    await events.append({
      caseKind: 'complaint',
      caseId: 'c1',
      caseNumber: 'R-2026-0001',
      type: 'approval.given',
      actor: director,
      at: new Date(t0.getTime() + 120_000),
      data: {},
    });
    await events.append({
      caseKind: 'd2',
      caseId: 'd1',
      type: 'd2.signed',
      actor: director,
      at: t0,
      data: {},
    });
  });

  it('returns a case history in order, with who did what and when', async () => {
    const history = await db.store.caseEvents.history('complaint', 'c1');
    expect(history.map((e) => [e.type, e.actor.id, e.at.toISOString()])).toEqual([
      ['complaint.filed', 'U0OPERATOR', '2026-11-20T09:00:00.000Z'],
      ['approval.refused_not_allowed', 'U0OPERATOR', '2026-11-20T09:01:00.000Z'],
      ['approval.given', 'U0DCOM', '2026-11-20T09:02:00.000Z'],
    ]);
    expect(history[0]?.data).toEqual({ priority: 'P2' });
  });

  it('refuses to change or delete what was written', async () => {
    const model = db.store.models.caseEvent;
    await expect(model.updateOne({ caseId: 'c1' }, { $set: { type: 'x.y' } })).rejects.toThrow(
      /append-only/,
    );
    await expect(
      model.findOneAndUpdate({ caseId: 'c1' }, { $set: { at: new Date() } }),
    ).rejects.toThrow(/append-only/);
    await expect(model.deleteMany({ caseId: 'c1' })).rejects.toThrow(/append-only/);
    const doc = await model.findOne({ caseId: 'd1' });
    doc!.set('type', 'd2.unsigned');
    await expect(doc!.save()).rejects.toThrow(/append-only/);
    expect(await model.countDocuments({ caseId: 'c1' })).toBe(3);
    expect((await db.store.caseEvents.history('d2', 'd1'))[0]?.type).toBe('d2.signed');
  });

  it('refuses a malformed event and writes nothing', async () => {
    await expect(
      db.store.caseEvents.append({
        caseKind: 'complaint',
        caseId: 'c2',
        type: 'NotDotted',
        actor: operator,
        at: t0,
        data: {},
      }),
    ).rejects.toThrow();
    expect(await db.store.models.caseEvent.countDocuments({ caseId: 'c2' })).toBe(0);
  });
});
