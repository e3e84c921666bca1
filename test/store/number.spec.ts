import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/domain/numbering/numbering.js';
import { connectDatabase } from '../../src/store/connection.js';
import { createStore } from '../../src/store/index.js';
import { issueNumber } from '../../src/store/number.repo.js';
import { useTestDatabase } from '../support/database.js';

describe('case and protocol numbers', () => {
  const db = useTestDatabase('counter');

  it('issues 100 concurrent complaint numbers with no gap and no duplicate', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 100 }, () => issueNumber(db.store.models, 'complaint', 2026)),
    );
    expect(new Set(numbers).size).toBe(100);
    const seqs = numbers.map((n) => parseNumber(n)?.seq ?? -1).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(numbers).toContain('R-2026-0042');
  });

  it('issues protocol numbers as YYYY/NNNN, counted apart per year and per sequence', async () => {
    expect(await issueNumber(db.store.models, 'protocol', 2026)).toBe('2026/0001');
    expect(await issueNumber(db.store.models, 'protocol', 2026)).toBe('2026/0002');
    expect(await issueNumber(db.store.models, 'protocol', 2027)).toBe('2027/0001');
    expect(await issueNumber(db.store.models, 'd2', 2026)).toBe('D2-2026-0001');
  });

  it('survives concurrent first-of-the-year requests racing to create the counter', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 20 }, () => issueNumber(db.store.models, 'serviceOrder', 2031)),
    );
    expect(numbers.map((n) => parseNumber(n)?.seq).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('stays gap-free when two bot instances (separate connections) race for numbers', async () => {
    const second = await connectDatabase(db.uri, db.dbName);
    const other = await createStore(second, () => undefined);
    try {
      const numbers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          issueNumber(i % 2 ? db.store.models : other.models, 'protocol', 2030),
        ),
      );
      expect(numbers.map((n) => parseNumber(n)?.seq).sort((a, b) => a! - b!)).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      expect(
        await db.store.models.numberClaim.countDocuments({ sequence: 'protocol', year: 2030 }),
      ).toBe(60);
    } finally {
      await second.close();
    }
  });
});
