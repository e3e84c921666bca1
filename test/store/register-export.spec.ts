import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { toCsv } from '../../src/domain/registers/csv.js';
import { unguarded } from '../../src/domain/registers/spreadsheet-values.js';
import { exportRegister } from '../../src/store/register-export.repo.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint } from '../support/fixtures.js';

const tricky = 'Il cliente dice "non va"; poi,\nsi ferma di nuovo';

describe('register exports for ISO audits (CSV)', () => {
  const db = useTestDatabase('register_export');
  beforeAll(async () => {
    const client = await db.store.clients.insert(
      NewClientSchema.parse(aClient({ name: 'Rossi; Figli & C.' })),
    );
    await db.store.complaints.register(
      aComplaint(client.id, { description: tricky, solution: '=SOMMA(A1)' }),
      2026,
    );
  });

  it.each([
    [',', false],
    [';', true],
  ] as const)(
    'round-trips quotes, line breaks and separators with "%s" (BOM %s)',
    async (separator, bom) => {
      const { csv, rows } = await exportRegister(db.store, 'complaints', {
        separator,
        bom,
        timeZone: 'Europe/Rome',
      });
      expect(rows).toBe(1);
      expect(csv.startsWith('\uFEFF')).toBe(bom);
      const records = parse(csv, { bom: true, columns: true, delimiter: separator }) as Record<
        string,
        string
      >[];
      expect(records).toHaveLength(1);
      const [row] = records;
      expect(row).toMatchObject({
        number: 'R-2026-0001',
        client_name: 'Rossi; Figli & C.',
        description: tricky,
        solution: "'=SOMMA(A1)",
        received_at: '2026-11-20 10:15:00',
        priority: 'P1',
        cost_eur: separator === ';' ? '950,5' : '950.5',
        sla_first_response_result: 'met',
        sla_first_response_minutes: '12',
        at_acknowledged: '2026-11-20 10:20:00',
        satisfaction: '4',
      });
      expect(row?.approvals).toMatch(
        /^cost approved Marco Direttore \(U0DCOM\) 2026-11-20T09:25:00.000Z$/,
      );
      expect(Object.keys(row ?? {})).toEqual(
        expect.arrayContaining(['goodwill_cause', 'repeat_of', 'at_closed', 'sla_resolution_due']),
      );
    },
  );

  it('keeps every cell a spreadsheet would run as a formula as text (OWASP), and plain numbers as numbers', () => {
    const cells = [
      "-2+3+cmd|' /C calc'!A0",
      '=HYPERLINK("http://x")',
      '+1+1',
      '@SUM(A1)',
      '\tcmd',
      '\rcmd',
      '-5',
      '-1,25',
      '+3.5',
      '12',
      'plain',
    ];
    const csv = toCsv(cells, [{ header: 'v', value: (c) => c }], {
      separator: ';',
      bom: false,
      timeZone: 'Europe/Rome',
    });
    const values = (parse(csv, { columns: true, delimiter: ';' }) as { v: string }[]).map(
      (r) => r.v,
    );
    expect(values).toEqual([
      "'-2+3+cmd|' /C calc'!A0",
      '\'=HYPERLINK("http://x")',
      "'+1+1",
      "'@SUM(A1)",
      "'\tcmd",
      "'\rcmd",
      '-5',
      '-1,25',
      '+3.5',
      '12',
      'plain',
    ]);
    expect(values.map(unguarded)).toEqual(cells);
  });

  it('exports the other registers with their headers, even when empty', async () => {
    for (const register of ['care', 'communications', 'd2'] as const) {
      const { csv, rows } = await exportRegister(db.store, register, {
        separator: ',',
        bom: false,
        timeZone: 'Europe/Rome',
      });
      expect(rows).toBe(0);
      expect(parse(csv, { columns: false })).toHaveLength(1);
    }
  });
});
