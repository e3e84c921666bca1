import { beforeAll, describe, expect, it, vi } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { parseNumber } from '../../src/domain/numbering/numbering.js';
import { connectDatabase } from '../../src/store/connection.js';
import { createStore } from '../../src/store/index.js';
import { insertNumberedRun } from '../../src/store/number.repo.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint } from '../support/fixtures.js';

const seqsOf = (numbers: string[]) =>
  numbers.map((n) => parseNumber(n)?.seq ?? -1).sort((a, b) => a - b);
const oneTo = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);

/** Numbers are carried by the records themselves: nothing is spent that no record carries. */
describe('case and protocol numbers', () => {
  const db = useTestDatabase('numbers');
  let clientId = '';
  beforeAll(async () => {
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
  });
  const complaint = (year: number, intakeKey?: string) =>
    db.store.complaints.registerOnce(aComplaint(clientId, intakeKey ? { intakeKey } : {}), year);
  const numbersOf = async (year: number) =>
    (await db.store.models.complaint.find({ numberYear: year }, { number: 1 }).lean()).map((c) =>
      String(c.number),
    );

  it('numbers 100 cases filed at once 1–100, no gap and no duplicate', async () => {
    const filed = await Promise.all(oneTo(100).map((i) => complaint(2026, `k:${i}`)));
    expect(seqsOf(filed.map((f) => f.record.number))).toEqual(oneTo(100));
    expect(filed.map((f) => f.record.number)).toContain('R-2026-0042');
  });

  it('spends one number on one intake sent ten times at once, and the next case follows it', async () => {
    const copies = await Promise.all(oneTo(10).map(() => complaint(2027, 'slack:view:V10X')));
    expect(new Set(copies.map((c) => c.record.id)).size).toBe(1);
    expect(copies.filter((c) => c.first)).toHaveLength(1);
    expect(copies[0]?.record.number).toBe('R-2027-0001');
    expect((await complaint(2027, 'slack:view:VNEXT')).record.number).toBe('R-2027-0002');
    expect(await db.store.models.complaint.countDocuments({ numberYear: 2027 })).toBe(2);
  });

  it('counts each sequence and year apart: D2 and service orders have their own', async () => {
    const d2 = await db.store.d2Requests.register(
      {
        requester: { platform: 'slack', id: 'U0SDID' },
        requesterOffice: 'SDID',
        clientId,
        reason: 'Sollecito',
        urgency: 'normal',
        status: 'submitted',
        submittedAt: new Date(),
      } as never,
      2026,
    );
    expect(d2.number).toBe('D2-2026-0001');
    expect((await complaint(2031)).record.number).toBe('R-2031-0001');
  });

  it('stays gap-free when two bot instances (separate connections) file at once', async () => {
    const second = await connectDatabase(db.uri, db.dbName);
    const other = await createStore(second, () => undefined);
    try {
      const filed = await Promise.all(
        oneTo(60).map((i) =>
          (i % 2 ? db.store : other).complaints.registerOnce(
            aComplaint(clientId, { intakeKey: `two:${i}` }),
            2030,
          ),
        ),
      );
      expect(seqsOf(filed.map((f) => f.record.number))).toEqual(oneTo(60));
      // The same intake through both instances at once: one case, one number.
      const twice = await Promise.all(
        [db.store, other].map((s) =>
          s.complaints.registerOnce(aComplaint(clientId, { intakeKey: 'two:same' }), 2030),
        ),
      );
      expect(twice[0]?.record.number).toBe(twice[1]?.record.number);
      expect(seqsOf(await numbersOf(2030))).toEqual(oneTo(61));
    } finally {
      await second.close();
    }
  });

  it("numbers an import's runs back to back, reading the year's highest only before the first run and after a clash", async () => {
    const model = db.store.models.complaint;
    const rows = (run: string, n: number) =>
      oneTo(n).map((i) => ({ ...aComplaint(clientId), intakeKey: `import:${run}:${i}` }));
    const highestReads = vi.spyOn(model, 'findOne');
    try {
      const first = await insertNumberedRun(model, 'complaint', 2034, rows('a', 3));
      expect(first).toBe(4);
      expect(highestReads).toHaveBeenCalledTimes(1);

      highestReads.mockClear();
      const second = await insertNumberedRun(model, 'complaint', 2034, rows('b', 2), {
        from: first,
      });
      expect(second).toBe(6);
      expect(highestReads).not.toHaveBeenCalled();

      // A chat filing takes the next number between two runs: the run clashes on it, reads the
      // highest and goes on after it.
      expect((await complaint(2034)).record.number).toBe('R-2034-0006');
      highestReads.mockClear();
      const third = await insertNumberedRun(model, 'complaint', 2034, rows('c', 2), {
        from: second,
      });
      expect(third).toBe(9);
      expect(highestReads).toHaveBeenCalledTimes(1);
    } finally {
      highestReads.mockRestore();
    }
    expect(seqsOf(await numbersOf(2034))).toEqual(oneTo(8));
    const lastRun = await model.find({ intakeKey: /^import:c:/ }, { number: 1 }).lean();
    expect(lastRun.map((d) => d.number).sort()).toEqual(['R-2034-0007', 'R-2034-0008']);
  });

  it('a long run that meets a row stored before goes on after it without a gap (written in chunks, in order)', async () => {
    const model = db.store.models.complaint;
    const rows = oneTo(1200).map((i) => ({
      ...aComplaint(clientId),
      intakeKey: `import:long:${i}`,
    }));
    // Row 700 was stored by an earlier import, under the year's first number.
    await insertNumberedRun(model, 'complaint', 2035, [{ ...rows[699]! }]);
    const end = await insertNumberedRun(model, 'complaint', 2035, rows);
    expect(end).toBe(1201);
    expect(seqsOf(await numbersOf(2035))).toEqual(oneTo(1200));
    expect(await model.countDocuments({ intakeKey: 'import:long:700' })).toBe(1);
    const last = await model.findOne({ intakeKey: 'import:long:1200' }, { number: 1 }).lean();
    expect(last?.number).toBe('R-2035-1200');
  });

  it('orders numbers past 9999 by value, not as text', async () => {
    await db.store.models.complaint.collection.insertOne({
      ...aComplaint(clientId),
      number: 'R-2032-9999',
      numberYear: 2032,
      numberSeq: 9999,
    });
    expect((await complaint(2032)).record.number).toBe('R-2032-10000');
    expect((await complaint(2032)).record.number).toBe('R-2032-10001');
  });

  it('continues after records stored before the position was kept, once the store starts', async () => {
    await db.store.models.complaint.collection.insertMany(
      oneTo(3).map((i) => ({ ...aComplaint(clientId), number: `R-2033-000${i}` })),
    );
    const restarted = await connectDatabase(db.uri, db.dbName);
    try {
      const store = await createStore(restarted, () => undefined);
      const next = await store.complaints.registerOnce(aComplaint(clientId), 2033);
      expect(next.record.number).toBe('R-2033-0004');
      expect(await store.models.complaint.countDocuments({ numberYear: 2033, numberSeq: 2 })).toBe(
        1,
      );
    } finally {
      await restarted.close();
    }
  });
});
