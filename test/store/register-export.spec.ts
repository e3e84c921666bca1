import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
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
        received_at: '2026-11-20 10:15',
        priority: 'P1',
        cost_eur: separator === ';' ? '950,5' : '950.5',
        sla_first_response_result: 'met',
        sla_first_response_minutes: '12',
        at_acknowledged: '2026-11-20 10:20',
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
