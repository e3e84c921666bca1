import { beforeAll, describe, expect, it } from 'vitest';
import { digestLines } from '../../src/bot/shared/digest-text.js';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { indicatorsFrom, type Indicators } from '../../src/domain/kpi/kpi.js';
import { importComplaints } from '../../src/import/import-complaints.js';
import { COMPLAINT_HEADERS, COMPLAINT_REQUIRED, resolveMapping } from '../../src/import/mapping.js';
import { readCsv } from '../../src/import/read-csv.js';
import { translator } from '../../src/i18n/translate.js';
import { kpiRepository } from '../../src/store/kpi.repo.js';
import { rome, romeCalendar } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { aClient } from '../support/fixtures.js';

const march = { from: rome('2025-03-01 00:00'), to: rome('2025-04-01 00:00') };
/** Weekdays of March 2025 (no Italian holiday in it), as "DD/03/2025". */
const WEEKDAYS = [3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28];

interface Row {
  ref: string;
  client: string;
  day: number;
  code: string;
  status: string;
  /** Hours after 09:00 the case was closed the same day, or closed on 2 April. */
  closedAfter?: number | 'april';
  ackAfterMinutes?: number;
}

/**
 * An Italian municipal register of March 2025: 110 reports, 10 of code A among 100 distinct
 * others (the Pareto trap of a top 50), repeats of A by two clients, 5 cancelled reports.
 */
function register(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 110; i++)
    rows.push({
      ref: `PG-${i}`,
      client: i < 10 ? (i % 2 ? 'C1' : 'C2') : `C${3 + (i % 3)}`,
      day: WEEKDAYS[i % WEEKDAYS.length]!,
      code: i < 10 ? 'A' : `Z${String(i).padStart(3, '0')}`,
      status: i % 2 === 0 ? 'Chiusa' : 'In lavorazione',
      ...(i % 2 === 0 ? { closedAfter: i % 20 === 0 ? ('april' as const) : i % 8 } : {}),
      ...(i % 3 === 0 ? { ackAfterMinutes: 30 + (i % 4) * 15 } : {}),
    });
  for (let i = 0; i < 5; i++)
    rows.push({ ref: `PG-X${i}`, client: 'C9', day: 10 + i, code: 'A', status: 'Annullata' });
  return rows;
}

const pad = (n: number) => String(n).padStart(2, '0');
function csvOf(rows: Row[]): string {
  const line = (r: Row) => {
    const closed =
      r.closedAfter === 'april'
        ? '02/04/2025 10:00'
        : r.closedAfter !== undefined
          ? `${pad(r.day)}/03/2025 ${pad(9 + r.closedAfter)}:00`
          : '';
    const ack =
      r.ackAfterMinutes !== undefined
        ? `${pad(r.day)}/03/2025 ${pad(9 + Math.floor(r.ackAfterMinutes / 60))}:${pad(r.ackAfterMinutes % 60)}`
        : '';
    return [
      r.ref,
      r.client,
      `${pad(r.day)}/03/2025 09:00`,
      ack,
      closed,
      r.status,
      'Servizio',
      `segnalazione ${r.ref}`,
      r.code,
    ].join(';');
  };
  return [
    'Protocollo;Codice cliente;Data reclamo;Data presa in carico;Data chiusura;Stato;Prodotto;Descrizione;Codice problema',
    ...rows.map(line),
  ].join('\r\n');
}

const nearestRank = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.ceil(p * sorted.length) - 1]! : null;
};

describe('indicators over an imported register, against figures computed from the file', () => {
  const db = useTestDatabase('imported_kpi');
  const rows = register();
  let current: Indicators;
  beforeAll(async () => {
    for (const code of ['C1', 'C2', 'C3', 'C4', 'C5', 'C9'])
      await db.store.clients.insert(
        NewClientSchema.parse(aClient({ code, name: `Client ${code}` })),
      );
    const csv = readCsv(csvOf(rows));
    const { mapping } = resolveMapping(csv.headers, COMPLAINT_HEADERS, COMPLAINT_REQUIRED, {
      reference: 'Protocollo',
    });
    const result = await importComplaints(db.store, csv, mapping, {
      timeZone: 'Europe/Rome',
      repeatWindowDays: 30,
    });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value).toMatchObject({ imported: 115, rejected: [] });
    current = indicatorsFrom(march, await db.store.kpi.counts(march), { calendar: romeCalendar() });
  });

  it('counts cancelled reports apart from complaints', () => {
    const complaints = rows.filter((r) => r.status !== 'Annullata');
    expect(current.opened).toBe(complaints.length);
    expect(current.withdrawn).toBe(5);
    expect(current.closed).toBe(complaints.filter((r) => typeof r.closedAfter === 'number').length);
  });

  it('links repeats by the intake rule, so the repeat rate is the file’s, not 0%', () => {
    const complaints = rows.filter((r) => r.status !== 'Annullata');
    // Same client and code, an earlier report within 30 days: every A report after a client's first.
    const repeats = complaints.filter((r, i) =>
      complaints
        .slice(0, i)
        .some((e) => e.client === r.client && e.code === r.code && e.day < r.day),
    );
    expect(repeats.length).toBe(8);
    expect(current.repeatRate).toBeCloseTo(repeats.length / complaints.length, 10);
  });

  it('times first response and resolution from phase times, in working minutes and calendar days', () => {
    const complaints = rows.filter((r) => r.status !== 'Annullata');
    // Same-day handling inside 08:30–17:30: working minutes are the wall-clock minutes.
    const resolution = complaints.flatMap((r) =>
      typeof r.closedAfter === 'number' ? [r.closedAfter * 60] : [],
    );
    const first = complaints.flatMap((r) =>
      r.ackAfterMinutes !== undefined ? [r.ackAfterMinutes] : [],
    );
    expect(current.resolution).toEqual({
      median: nearestRank(resolution, 0.5),
      p90: nearestRank(resolution, 0.9),
    });
    expect(current.firstResponse).toEqual({
      median: nearestRank(first, 0.5),
      p90: nearestRank(first, 0.9),
    });
    const days = (m: number) => Math.round((m / 1440) * 100) / 100;
    expect(current.resolutionDays).toEqual({
      median: days(nearestRank(resolution, 0.5)!),
      p90: days(nearestRank(resolution, 0.9)!),
    });
  });

  it('gives the same times when the period has more cases than the digest query carries', async () => {
    // 110 complaints against a bound of 5 rows: their phase times come from a query of their own.
    const longPeriod = kpiRepository(db.store.models, {}, 5);
    const counts = await longPeriod.counts(march);
    expect(counts.phaseSpans.length).toBeGreaterThan(5);
    const again = indicatorsFrom(march, counts, { calendar: romeCalendar() });
    expect(again.firstResponse).toEqual(current.firstResponse);
    expect(again.resolution).toEqual(current.resolution);
    expect(again).toEqual(current);
  });

  it('gives Pareto shares of all the period’s complaints, not of the top codes', () => {
    const complaints = rows.filter((r) => r.status !== 'Annullata');
    expect(current.topProblemCodes[0]).toEqual({
      code: 'A',
      count: 10,
      cumulativeShare: 10 / complaints.length,
    });
  });

  it('says n/a, never 0%, where a figure cannot be computed, and labels both kinds of closed', async () => {
    const empty = { from: rome('2024-01-01 00:00'), to: rome('2024-02-01 00:00') };
    const none = indicatorsFrom(empty, await db.store.kpi.counts(empty), {
      calendar: romeCalendar(),
    });
    expect(none).toMatchObject({
      repeatRate: null,
      firstResponse: { median: null },
      resolution: { median: null },
      resolutionDays: { median: null },
    });
    const lines = digestLines(none, none, translator('en'), 'en');
    expect(lines.find((l) => l.startsWith('*Repeats*'))).toBe(
      '*Repeats*: n/a of opened complaints',
    );
    expect(lines[0]).toContain('closed during the period 0');
    expect(
      translator('en')('kpi.row', {
        key: 'A',
        opened: 1,
        closed: 1,
        cost: '0',
        satisfaction: 'n/a',
      }),
    ).toContain('of which closed by now 1');
  });
});
