import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { backfillLastActivity } from '../../src/store/migrations.js';
import { NewClientSchema } from '../../src/domain/client/client.js';
import {
  acknowledgeComplaint,
  waitForCustomer,
} from '../../src/domain/complaint/move-complaint.js';
import { fileComplaint } from '../../src/domain/complaint/file-complaint.js';
import { giveApproval } from '../../src/domain/complaint/decide-approval.js';
import type { Notification } from '../../src/domain/shared/notification.js';
import { buildServices, type Services } from '../../src/services.js';
import { FixedClock } from '../fakes/in-memory-services.js';
import { rome, romeRules } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint, director, operator } from '../support/fixtures.js';

describe('complaints in the store', () => {
  const db = useTestDatabase('complaint_store');
  const clock = new FixedClock(rome('2026-11-23 10:00'));
  const queued: Notification[] = [];
  let services: Services;
  let clientId: string;
  beforeAll(async () => {
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await db.store.roles.assign(operator, ['operator']);
    await db.store.roles.assign(director, ['DCOM']);
    services = buildServices(db.store, {
      clock,
      notifier: { queue: async (n) => void queued.push(n) },
      scheduler: { reschedule: async () => undefined },
      rules: romeRules('C-TRIAGE'),
    });
  });

  it('stores every seed-003 field and reads the case back identically', async () => {
    const input = aComplaint(clientId);
    const created = await db.store.complaints.register(input, 2026);
    expect(created.number).toBe('R-2026-0001');
    expect(await db.store.complaints.get(created.id)).toEqual(created);
    expect(await db.store.complaints.findByNumber('R-2026-0001')).toEqual(created);
    const { id, number: _n, createdAt, updatedAt, revision, ...stored } = created;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(revision).toBe(0);
    expect(updatedAt.getTime()).toBeGreaterThanOrEqual(createdAt.getTime());
    expect(stored).toEqual(JSON.parse(JSON.stringify(input), reviveDates));
  });

  it('files a complaint through the use case: case, events and SLA clocks reload identically', async () => {
    const filed = await fileComplaint(services, operator, {
      clientId,
      product: 'Impianto di lavaggio L-30',
      description: 'Il ciclo si ferma a metà',
      problemCode: 'CYC-04',
      category: 'cycle',
      department: 'assistenza',
      priority: 'P2',
      channel: 'email',
      estimatedCostEur: 1500,
    });
    if (!filed.ok) throw new Error(JSON.stringify(filed.error));
    const complaint = filed.value.complaint;
    expect(complaint).toMatchObject({ number: 'R-2026-0002', status: 'awaiting_approval' });
    expect(complaint.slaClocks.map((c) => [c.target, c.state])).toEqual([
      ['take_in_charge', 'paused'],
      ['resolution', 'paused'],
    ]);
    expect(await db.store.complaints.get(complaint.id)).toEqual(complaint);
    const history = await db.store.caseEvents.history('complaint', complaint.id);
    expect(history.map((e) => e.type)).toEqual(['complaint.filed', 'approval.requested']);
    expect(queued.map((n) => n.type)).toEqual(['case.announce', 'decision.requested']);

    clock.set(rome('2026-11-23 11:00'));
    const given = await giveApproval(services, director, {
      complaintId: complaint.id,
      kind: 'cost',
    });
    if (!given.ok) throw new Error(JSON.stringify(given.error));
    expect(given.value.revision).toBe(complaint.revision + 1);
    const reloaded = await db.store.complaints.get(complaint.id);
    expect(reloaded).toEqual({ ...given.value, updatedAt: rome('2026-11-23 11:00') });
    expect(reloaded?.slaClocks[0]).toMatchObject({
      state: 'running',
      dueAt: rome('2026-11-24 11:00'),
    });
  });

  it("writes a filing's events inside the case, in its one insert, and keeps them as they were", async () => {
    const filed = await fileComplaint(services, operator, {
      clientId,
      product: 'Impianto di lavaggio L-30',
      description: 'Perde acqua',
      problemCode: 'LEAK-01',
      category: 'leak',
      department: 'assistenza',
      priority: 'P2',
      channel: 'phone',
      estimatedCostEur: 1500,
    });
    if (!filed.ok) throw new Error(JSON.stringify(filed.error));
    const { id, number } = filed.value.complaint;
    // Nothing appended apart: the case's own document holds its filing's events.
    expect(await db.store.models.caseEvent.countDocuments({ caseId: id })).toBe(0);
    const doc = await db.store.models.complaint.findById(id).lean();
    expect((doc?.firstEvents as { type: string }[]).map((e) => e.type)).toEqual([
      'complaint.filed',
      'approval.requested',
    ]);
    expect(await db.store.caseEvents.recorded(id, 'complaint.filed')).toBe(true);
    expect(await db.store.caseEvents.recorded(id, 'complaint.closed')).toBe(false);
    expect(await db.store.caseEvents.history('complaint', id)).toMatchObject([
      { caseKind: 'complaint', caseId: id, caseNumber: number, type: 'complaint.filed' },
      { caseId: id, caseNumber: number, type: 'approval.requested', data: { kind: 'cost' } },
    ]);
    const since = rome('2026-11-23 09:00');
    expect(
      (await db.store.caseEvents.ofType('complaint.filed', since)).map((e) => e.caseId),
    ).toContain(id);
    // Part of the append-only trail: an update that touches them is refused, a save leaves them.
    await expect(
      db.store.models.complaint.updateOne({ _id: id }, { $set: { firstEvents: [] } }),
    ).rejects.toThrow(/audit trail/);
    await expect(
      db.store.models.complaint.updateOne({ _id: id }, { $unset: { firstEvents: 1 } }),
    ).rejects.toThrow(/audit trail/);
    const stored = (await db.store.complaints.get(id))!;
    expect(await db.store.complaints.save({ ...stored, product: 'L-31' }, stored.revision)).toBe(
      true,
    );
    expect((await db.store.caseEvents.history('complaint', id)).map((e) => e.type)).toEqual([
      'complaint.filed',
      'approval.requested',
    ]);
  });

  it('hands the case its first card as just filed, once, and only until this process changes it', async () => {
    const file = (description: string) =>
      fileComplaint(services, operator, {
        clientId,
        product: 'Impianto di lavaggio L-30',
        description,
        problemCode: 'CARD-01',
        category: 'cycle',
        department: 'assistenza',
        priority: 'P3',
        channel: 'email',
      });
    const first = await file('Primo');
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const { id } = first.value.complaint;
    // Changed behind this process's back (another instance): the first card may show it as filed…
    await db.store.models.complaint.collection.updateOne(
      { _id: new Types.ObjectId(id) },
      { $set: { product: 'altrove' } },
    );
    expect(await db.store.complaints.forFirstCard(id)).toEqual(first.value.complaint);
    // …once: after that it is read like any case.
    expect(await db.store.complaints.forFirstCard(id)).toMatchObject({ product: 'altrove' });

    const second = await file('Secondo');
    if (!second.ok) throw new Error(JSON.stringify(second.error));
    const stored = second.value.complaint;
    expect(await db.store.complaints.save({ ...stored, product: 'qui' }, stored.revision)).toBe(
      true,
    );
    expect(await db.store.complaints.forFirstCard(stored.id)).toMatchObject({
      product: 'qui',
      revision: stored.revision + 1,
    });
  });

  it('refuses a save based on a stale read, so two people cannot overwrite each other', async () => {
    const created = await db.store.complaints.register(
      aComplaint(clientId, { status: 'new' }),
      2026,
    );
    expect(await db.store.complaints.save({ ...created, product: 'primo' }, 0)).toBe(true);
    expect(await db.store.complaints.save({ ...created, product: 'secondo' }, 0)).toBe(false);
    expect(await db.store.complaints.get(created.id)).toMatchObject({
      product: 'primo',
      revision: 1,
    });

    await db.store.complaints.save({ ...created, revision: 1 }, 1);
    const result = await acknowledgeComplaint(services, operator, { complaintId: created.id });
    expect(result).toMatchObject({ ok: true, value: { status: 'acknowledged', revision: 3 } });
    expect(await waitForCustomer(services, operator, { complaintId: created.id })).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.TRANSITION_NOT_ALLOWED' },
    });
  });

  it('finds the latest case of a client on a problem code since a date', async () => {
    const found = await db.store.complaints.latestOf(clientId, 'SAF-01', new Date('2026-01-01'));
    expect(found?.problemCode).toBe('SAF-01');
    expect(
      await db.store.complaints.latestOf(clientId, 'SAF-01', new Date('2027-01-01')),
    ).toBeUndefined();
    expect(await db.store.complaints.latestOf(clientId, '{"$gt":""}', new Date(0))).toBeUndefined();
  });

  it('refuses invalid data before taking a number, and stores nothing', async () => {
    const before = await db.store.models.complaint.countDocuments();
    await expect(
      db.store.complaints.register({ ...aComplaint(clientId), priority: 'P9' } as never, 2026),
    ).rejects.toThrow(/priority/);
    expect(await db.store.models.complaint.countDocuments()).toBe(before);
    const next = await db.store.complaints.register(aComplaint(clientId, { priority: 'P3' }), 2026);
    expect(next.number).toBe(`R-2026-${String(before + 1).padStart(4, '0')}`);
  });

  it('keeps case numbers unique at the database level', async () => {
    const existing = await db.store.models.complaint.findOne().lean();
    await expect(
      db.store.models.complaint.create({ ...existing, _id: undefined }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('keeps lastActivityAt at the latest dated step, through register, save and an old-data backfill', async () => {
    const activity = async (id: string) =>
      (
        (await db.store.models.complaint.findById(id, { lastActivityAt: 1 }).lean()) as {
          lastActivityAt?: Date;
        } | null
      )?.lastActivityAt;
    const received = rome('2026-11-02 09:00');
    const created = await db.store.complaints.register(
      aComplaint(clientId, {
        receivedAt: received,
        phaseTimes: { new: received },
        slaClocks: [],
        satisfaction: undefined,
      }),
      2026,
    );
    expect(await activity(created.id)).toEqual(received);

    const closed = rome('2026-11-20 17:00');
    const rated = rome('2026-11-24 11:00');
    const saved = await db.store.complaints.save(
      {
        ...created,
        status: 'closed',
        phaseTimes: { ...created.phaseTimes, closed },
        satisfaction: { rating: 4, at: rated },
      },
      created.revision,
    );
    expect(saved).toBe(true);
    expect(await activity(created.id)).toEqual(rated);
    await db.store.complaints.setAnnouncement(created.id, {
      platform: 'slack',
      channel: 'C1',
      messageId: '1.2',
    });
    expect(await activity(created.id)).toEqual(rated);

    await db.store.models.complaint.collection.updateOne(
      { _id: new Types.ObjectId(created.id) },
      { $unset: { lastActivityAt: 1 } },
    );
    expect(await activity(created.id)).toBeUndefined();
    expect(await backfillLastActivity(db.store.models)).toBe(1);
    expect(await activity(created.id)).toEqual(rated);
    expect(await backfillLastActivity(db.store.models)).toBe(0);
  });

  it('answers not found for unknown and malformed ids', async () => {
    expect(await db.store.complaints.get('000000000000000000000000')).toBeUndefined();
    expect(await db.store.complaints.get('{"$gt":""}')).toBeUndefined();
    expect(
      await acknowledgeComplaint(services, operator, { complaintId: { $gt: '' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    });
  });
});

function reviveDates(_key: string, value: unknown) {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value)
    ? new Date(value)
    : value;
}
