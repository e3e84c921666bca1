import { beforeAll, describe, expect, it } from 'vitest';
import { NewComplaintSchema } from '../../src/domain/complaint/complaint.js';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { insertNumbered } from '../../src/store/numbered.repo.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint } from '../support/fixtures.js';

describe('complaints in the store', () => {
  const db = useTestDatabase('complaint_store');
  let clientId: string;
  beforeAll(async () => {
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
  });

  const register = (data: unknown, year = 2026) =>
    insertNumbered(db.store.models, db.store.complaints, {
      schema: NewComplaintSchema,
      data,
      sequence: 'complaint',
      year,
    });

  it('stores every seed-003 field and reads the case back identically', async () => {
    const input = aComplaint(clientId);
    const created = await register(input);
    if (!created.ok) throw new Error(created.error.issues.join('; '));
    expect(created.value.number).toBe('R-2026-0001');

    const reloaded = await db.store.complaints.get(created.value.id);
    expect(reloaded).toEqual({ ok: true, value: created.value });
    const { id, number, createdAt, updatedAt, ...stored } = created.value;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(number).toBe('R-2026-0001');
    expect(updatedAt.getTime()).toBeGreaterThanOrEqual(createdAt.getTime());
    expect(stored).toEqual(JSON.parse(JSON.stringify(input), reviveDates));
  });

  it('refuses invalid input before taking a number, and stores nothing', async () => {
    const before = await db.store.models.complaint.countDocuments();
    const refused = await register({ ...aComplaint(clientId), priority: 'P9', description: '' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('STORE.INVALID');
    expect(refused.error.issues.join('\n')).toMatch(/priority/);
    expect(refused.error.issues.join('\n')).toMatch(/description/);
    expect(await db.store.models.complaint.countDocuments()).toBe(before);

    const next = await register(aComplaint(clientId, { priority: 'P3' }));
    expect(next.ok && next.value.number).toBe('R-2026-0002');
  });

  it('keeps case numbers unique at the database level', async () => {
    const existing = await db.store.models.complaint.findOne().lean();
    await expect(
      db.store.models.complaint.create({ ...existing, _id: undefined }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('answers not found for unknown and malformed ids', async () => {
    expect(await db.store.complaints.get('000000000000000000000000')).toMatchObject({
      ok: false,
      error: { code: 'STORE.NOT_FOUND' },
    });
    expect(await db.store.complaints.get('{"$gt":""}')).toMatchObject({
      ok: false,
      error: { code: 'STORE.NOT_FOUND' },
    });
  });
});

function reviveDates(_key: string, value: unknown) {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value)
    ? new Date(value)
    : value;
}
