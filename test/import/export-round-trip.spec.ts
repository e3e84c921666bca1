import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHeader } from '../../src/i18n/register-headers.js';
import { translator } from '../../src/i18n/translate.js';
import { NewClientSchema } from '../../src/domain/client/client.js';
import type { Complaint, NewComplaint } from '../../src/domain/complaint/complaint.js';
import { indicatorsFrom, type Indicators } from '../../src/domain/kpi/kpi.js';
import type { SlaClock } from '../../src/domain/sla/sla-clock.js';
import { importComplaints } from '../../src/import/import-complaints.js';
import { COMPLAINT_HEADERS, COMPLAINT_REQUIRED, resolveMapping } from '../../src/import/mapping.js';
import { readCsv } from '../../src/import/read-csv.js';
import type { Store } from '../../src/store/index.js';
import { exportRegister } from '../../src/store/register-export.repo.js';
import { rome, romeCalendar } from '../support/calendar.js';
import { openTestDatabase, useTestDatabase, type TestDatabase } from '../support/database.js';
import { aClient, aComplaint } from '../support/fixtures.js';

const HOUR = 3_600_000;
const INJECTION = "-2+3+cmd|' /C calc'!A0";
const weeks = [0, 1, 2, 3].map((w) => ({
  from: new Date(rome('2026-11-02 00:00').getTime() + w * 7 * 24 * HOUR),
  to: new Date(rome('2026-11-09 00:00').getTime() + w * 7 * 24 * HOUR),
}));

/** A deterministic pseudo-random sequence, so the history is the same on every run. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

/** Bot-filed cases of November 2026: clocks, phases, ratings, goodwill, repeats, costs. */
async function fileHistory(store: Store, clients: string[]) {
  const random = sequence(11);
  const filed: Complaint[] = [];
  for (let i = 0; i < 50; i++) {
    const receivedAt = new Date(
      rome('2026-11-02 08:00').getTime() + Math.floor(random() * 26 * 24) * HOUR,
    );
    const clientId = clients[i % clients.length]!;
    const priority = (['P1', 'P2', 'P3'] as const)[Math.floor(random() * 3)]!;
    const closed =
      random() < 0.6
        ? new Date(receivedAt.getTime() + Math.floor(random() * 72) * HOUR)
        : undefined;
    const stopped = new Date(receivedAt.getTime() + Math.floor(random() * 48) * HOUR);
    const clock: SlaClock = {
      target:
        priority === 'P1' ? 'first_response' : priority === 'P2' ? 'take_in_charge' : 'resolution',
      basis: priority === 'P1' ? 'calendar' : 'business',
      budgetMinutes: 240,
      startedAt: receivedAt,
      runningSince: receivedAt,
      warnAt: receivedAt,
      dueAt: new Date(receivedAt.getTime() + 4 * HOUR),
      // A withdrawn case's clock is cancelled (clocks-on-transition.ts): it counts for nothing.
      state: random() < 0.7 ? 'met' : 'breached',
      consumedMinutes: Math.floor(random() * 600),
      stoppedAt: stopped,
    };
    const code = `PC-${Math.floor(random() * 4)}`;
    const earlier = filed.filter((f) => f.clientId === clientId && f.problemCode === code).at(-1);
    if (!closed && i % 7 === 0) clock.state = 'cancelled';
    const row: NewComplaint = aComplaint(clientId, {
      priority,
      status: closed ? 'closed' : i % 7 === 0 ? 'withdrawn' : 'in_progress',
      problemCode: code,
      description: i === 0 ? INJECTION : `caso ${i}`,
      receivedAt,
      costEur: closed ? Math.round(random() * 50000) / 100 : undefined,
      phaseTimes: {
        new: receivedAt,
        acknowledged: new Date(receivedAt.getTime() + HOUR),
        ...(closed ? { closed } : i % 7 === 0 ? { withdrawn: stopped } : {}),
      },
      slaClocks: [clock],
      ...(random() < 0.15 ? { goodwill: { cause: 'uso improprio' } } : {}),
      ...(earlier ? { repeatOf: { id: earlier.id, number: earlier.number } } : {}),
      satisfaction:
        random() < 0.5 ? { rating: 1 + Math.floor(random() * 5), at: stopped } : undefined,
    });
    filed.push(await store.complaints.register(row, 2026));
  }
}

/** A register imported before: no clocks, its own references, a cancelled report. */
const OLD_REGISTER = [
  'Protocollo;Codice cliente;Data reclamo;Data chiusura;Stato;Prodotto;Descrizione;Codice problema',
  'PG-1;RT-1;03/11/2026 09:00;14/11/2026 11:30;Chiusa;Sito;vecchio uno;PC-1',
  'PG-2;RT-1;05/11/2026 10:00;;In lavorazione;Sito;vecchio due;PC-1',
  'PG-3;RT-2;13/11/2026 15:00;;Annullata;Sito;vecchio tre;PC-2',
].join('\n');

async function importInto(store: Store, text: string, addClients = false) {
  const csv = readCsv(text);
  const { mapping } = resolveMapping(csv.headers, COMPLAINT_HEADERS, COMPLAINT_REQUIRED);
  const result = await importComplaints(store, csv, mapping, {
    timeZone: 'Europe/Rome',
    repeatWindowDays: 30,
    addClients,
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

/** Every indicator the complaints register feeds (clients, D2 and care have their own registers). */
async function complaintIndicators(store: Store) {
  const pick = (i: Indicators) => {
    const figures: Partial<Indicators> = { ...i };
    for (const other of [
      'loyalClients',
      'activeClients',
      'careCallsDone',
      'careCallsDue',
      'd2Raised',
      'd2Signed',
    ] as const)
      delete figures[other];
    return figures;
  };
  return Promise.all(
    weeks.map(async (w) =>
      pick(indicatorsFrom(w, await store.kpi.counts(w), { calendar: romeCalendar() })),
    ),
  );
}

describe('an export imported into an empty database gives the same indicators', () => {
  const source = useTestDatabase('round_trip_source');
  const targets: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of targets) await t.close();
  });
  beforeAll(async () => {
    const ids: string[] = [];
    for (const code of ['RT-1', 'RT-2', 'RT-3'])
      ids.push(
        (
          await source.store.clients.insert(
            NewClientSchema.parse(aClient({ code, name: `Cliente ${code}` })),
          )
        ).id,
      );
    expect(await importInto(source.store, OLD_REGISTER)).toMatchObject({
      imported: 3,
      rejected: [],
    });
    await fileHistory(source.store, ids);
  });

  it.each([
    [',', 'column names'],
    [';', 'it'],
    [',', 'en'],
  ] as const)(
    'with "%s" and headers in %s, no mapping: same indicators, numbers and references',
    async (separator, headers) => {
      const target = await openTestDatabase(
        `round_trip_${separator === ',' ? 'comma' : 'semi'}_${headers.slice(0, 2)}`,
      );
      targets.push(target);
      const { csv } = await exportRegister(source.store, 'complaints', {
        separator,
        bom: true,
        timeZone: 'Europe/Rome',
        ...(headers === 'column names' ? {} : { header: registerHeader(translator(headers)) }),
      });
      expect(csv).toContain(`'${INJECTION}`);
      const firstLine = csv.slice(1, csv.indexOf('\r\n'));
      if (headers === 'it')
        expect(firstLine).toMatch(/^Numero pratica;Riferimento origine;Data ricevimento;/);
      if (headers === 'en') expect(firstLine).toMatch(/^Number,Source reference,Received at,/);
      const report = await importInto(target.store, csv, true);
      expect(report).toMatchObject({
        imported: 53,
        rejected: [],
        addedClients: ['RT-1', 'RT-2', 'RT-3'],
      });

      const before = await complaintIndicators(source.store);
      expect(before.reduce((n, w) => n + (w.opened ?? 0), 0)).toBeGreaterThan(30);
      expect(before.some((w) => (w.repeatRate ?? 0) > 0 && (w.withdrawn ?? 0) > 0)).toBe(true);
      expect(await complaintIndicators(target.store)).toEqual(before);

      const cases = async (store: Store) =>
        (
          await store.models.complaint
            .find({}, { number: 1, sourceReference: 1, description: 1, status: 1 })
            .sort({ number: 1 })
            .lean()
        ).map((c) => [c.number, c.description, c.status, c.sourceReference ?? c.number]);
      expect(await cases(target.store)).toEqual(await cases(source.store));
      // Importing the same export again finds every case: nothing new, nothing changed.
      expect(await importInto(target.store, csv, true)).toMatchObject({
        imported: 0,
        updated: 0,
        alreadyPresent: 53,
      });
    },
  );
});
