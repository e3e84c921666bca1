import { beforeAll, describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { importClients } from '../../src/import/import-clients.js';
import {
  importComplaints,
  type ComplaintImportOptions,
} from '../../src/import/import-complaints.js';
import {
  CLIENT_HEADERS,
  CLIENT_REQUIRED,
  COMPLAINT_HEADERS,
  COMPLAINT_REQUIRED,
  resolveMapping,
  type Mapping,
} from '../../src/import/mapping.js';
import { readCsv } from '../../src/import/read-csv.js';
import { rome } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { aClient } from '../support/fixtures.js';

const OPTIONS: ComplaintImportOptions = { timeZone: 'Europe/Rome', repeatWindowDays: 30 };

describe('importing real registers: dates, rows, identity and status', () => {
  const db = useTestDatabase('register_rows');
  beforeAll(async () => {
    for (const code of ['C1', 'C2'])
      await db.store.clients.insert(
        NewClientSchema.parse(aClient({ code, name: `Client ${code}` })),
      );
  });

  const run = async (
    text: string,
    explicit: Mapping = {},
    options: Partial<ComplaintImportOptions> = {},
  ) => {
    const csv = readCsv(text);
    const { mapping } = resolveMapping(
      csv.headers,
      COMPLAINT_HEADERS,
      COMPLAINT_REQUIRED,
      explicit,
    );
    return importComplaints(db.store, csv, mapping, { ...OPTIONS, ...options });
  };
  const imported = async (
    text: string,
    explicit: Mapping = {},
    options: Partial<ComplaintImportOptions> = {},
  ) => {
    const result = await run(text, explicit, options);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };
  const byDescription = async (description: string) =>
    db.store.models.complaint.findOne({ description }).lean();

  it('reads a US register month first, told from a date whose second part is above 12', async () => {
    const report = await imported(
      [
        'id,client code,received at,closed at,product,description,problem code',
        'US-1,C1,3/12/2015,3/19/2015 4:05 PM,Pump,us twelve march,A',
        'US-2,C1,3/19/2015,,Pump,us nineteen march,A',
      ].join('\n'),
    );
    expect(report).toMatchObject({ imported: 2, rejected: [] });
    expect((await byDescription('us twelve march'))?.receivedAt).toEqual(rome('2015-03-12 00:00'));
    expect((await byDescription('us twelve march'))?.phaseTimes.closed).toEqual(
      rome('2015-03-19 16:05'),
    );
    expect((await byDescription('us nineteen march'))?.receivedAt).toEqual(
      rome('2015-03-19 00:00'),
    );
    // Inserted lean, yet stored as the bot stores a case: read back through the repository.
    const [read] = await db.store.complaints.search('us twelve march', 5);
    expect(read).toMatchObject({ number: 'R-2015-0001', sourceReference: 'US-1', revision: 0 });
    expect(read?.createdAt).toBeInstanceOf(Date);
    expect(await db.store.models.complaint.countDocuments({ clientId: read!.clientId })).toBe(2);
  });

  it('refuses a column nothing decides, and a column written both ways, importing nothing', async () => {
    const ambiguous = [
      'id,client code,received at,product,description,problem code',
      'AMB-1,C1,3/12/2015,Pump,ambiguous one,A',
      'AMB-2,C1,4/5/2015,Pump,ambiguous two,A',
    ].join('\n');
    expect(await run(ambiguous)).toEqual({
      ok: false,
      error: {
        code: 'IMPORT.DATE_ORDER',
        details: { column: 'received at', order: 'ambiguous', examples: ['3/12/2015'] },
      },
    });
    const mixed = ambiguous.replace('3/12/2015', '13/1/2015').replace('4/5/2015', '1/13/2015');
    expect(await run(mixed)).toMatchObject({
      ok: false,
      error: { details: { order: 'mixed', examples: ['13/1/2015', '1/13/2015'] } },
    });
    expect(await db.store.models.complaint.countDocuments({ description: /ambiguous/ })).toBe(0);

    const told = await imported(ambiguous, {}, { dateOrder: 'month-first' });
    expect(told.imported).toBe(2);
    expect((await byDescription('ambiguous two'))?.receivedAt).toEqual(rome('2015-04-05 00:00'));
  });

  it('refuses impossible and cut-off dates in every format, quoting the value', async () => {
    const report = await imported(
      [
        'id,client code,received at,product,description,problem code',
        'D-1,C1,2015-02-31T10:00:00Z,Pump,iso impossible,A',
        'D-2,C1,2025-05-1,Pump,iso cut off,A',
        'D-3,C1,31/04/2025,Pump,numeric impossible,A',
        'D-4,C1,2025-05-10 10:3,Pump,time cut off,A',
        'D-5,C1,23/05/2025,Pump,fine,A',
      ].join('\n'),
    );
    expect(report.rejected).toEqual([
      { line: 2, reason: 'receivedAt: "2015-02-31T10:00:00Z" is not a date (day-first)' },
      { line: 3, reason: 'receivedAt: "2025-05-1" is not a date (day-first)' },
      { line: 4, reason: 'receivedAt: "31/04/2025" is not a date (day-first)' },
      { line: 5, reason: 'receivedAt: "2025-05-10 10:3" is not a date (day-first)' },
    ]);
    expect(report.imported).toBe(1);
  });

  it('rejects a shifted row and a malformed quote line by line, and imports the rest', async () => {
    const huge = 'x'.repeat(5_000_000);
    const report = await imported(
      [
        'Riferimento;Codice cliente;Data reclamo;Prodotto;Descrizione;Codice problema',
        'S-1;C1;02/03/2025;App; Municipium;one semicolon too many;A',
        'S-2;C1;=HYPERLINK("http://x");App;bare quote;A',
        'S-3;C1;03/03/2025;App;"unclosed quote;A',
        'S-4;C1;04/03/2025;App;"multi',
        'line, kept";A',
        `S-5;C1;${huge};App;huge date;A`,
        'S-6;C1;13/03/2025;App;last row;A',
      ].join('\r\n'),
    );
    expect(report.rejected.map((r) => r.line)).toEqual([2, 3, 4, 7]);
    expect(report.rejected[0]?.reason).toBe(
      '7 fields where the header has 6 (a ";" too many or missing inside a value?)',
    );
    expect(report.rejected[1]?.reason).toMatch(
      /^a quote inside a value that is not quoted: "=HYPERLINK/,
    );
    expect(report.rejected[2]?.reason).toBe('a quote opens a value and never closes');
    expect(report.rejected[3]?.reason).toMatch(/^receivedAt: "x{60}…" \(5000000 characters\)/);
    expect(report.rejected[3]!.reason.length).toBeLessThan(150);
    expect(report).toMatchObject({ read: 6, imported: 2 });
    expect((await byDescription('multi\r\nline, kept'))?.sourceReference).toBe('S-4');
    expect(await byDescription('last row')).not.toBeNull();
  });

  it('does not create a client from a row shifted by a stray separator', async () => {
    const csv = readCsv(
      ['Codice;Ragione sociale;Fedele', 'K1;App; Municipium;no', 'K2;Verdi;no'].join('\n'),
    );
    const { mapping } = resolveMapping(csv.headers, CLIENT_HEADERS, CLIENT_REQUIRED);
    const report = await importClients(db.store, csv, mapping);
    expect(report).toMatchObject({ read: 2, imported: 1, rejected: [{ line: 2 }] });
    expect(await db.store.models.client.countDocuments({ name: 'App' })).toBe(0);
  });

  it('finds a case again when the reference is mapped the second time, and updates changed rows', async () => {
    const first = [
      'Numero,Codice cliente,Data reclamo,Data chiusura,Prodotto,Descrizione,Codice problema,Soluzione',
      'M-1,C2,13/02/2025,,Valve,leaks at start,B,',
      'M-2,C2,14/02/2025,,Valve,noisy,B,',
    ].join('\n');
    // The first run leaves the reference unmapped: the cases are known by their content only.
    expect(await imported(first, { reference: '' })).toMatchObject({ imported: 2 });
    expect((await byDescription('noisy'))?.sourceReference).toBeUndefined();
    const again = await imported(first);
    expect(again).toMatchObject({ imported: 0, updated: 2, matchedByContent: 2 });
    expect(await db.store.models.complaint.countDocuments({ description: 'noisy' })).toBe(1);
    expect((await byDescription('noisy'))?.sourceReference).toBe('M-2');

    const updated = first
      .replace('M-1,C2,13/02/2025,,', 'M-1,C2,13/02/2025,20/02/2025,')
      .replace('leaks at start,B,', 'leaks at start,B,new seal');
    const third = await imported(updated);
    expect(third).toMatchObject({ imported: 0, updated: 1, alreadyPresent: 1 });
    const closed = await byDescription('leaks at start');
    expect(closed).toMatchObject({
      status: 'closed',
      solution: 'new seal',
      sourceReference: 'M-1',
      phaseTimes: { closed: rome('2025-02-20 00:00') },
    });
    const events = await db.store.models.caseEvent.find({ caseId: String(closed!._id) }).lean();
    expect(events.map((e) => [e.type, e.data])).toContainEqual([
      'complaint.import_updated',
      { line: 2, changed: ['status', 'phaseTimes.closed', 'solution'] },
    ]);
  });

  it('maps the status column, with the company’s own words, and refuses unknown values', async () => {
    const report = await imported(
      [
        'id;cliente;data;stato;prodotto;descrizione;codice problema',
        'ST-1;C1;01/06/2025;Annullata;Sito;cancelled one;W',
        'ST-2;C1;02/06/2025;Eliminata dal cittadino;Sito;deleted one;W',
        'ST-3;C1;03/06/2025;Chiusa;Sito;closed one;W',
        'ST-4;C1;14/06/2025;boh;Sito;unknown one;W',
      ].join('\n'),
      { status: 'stato' },
      { statusValues: { 'eliminata dal cittadino': 'withdrawn' } },
    );
    expect(report.rejected).toEqual([
      {
        line: 5,
        reason: 'status: "boh" is not a known status (map it: --status "boh=closed")',
      },
    ]);
    expect(await byDescription('cancelled one')).toMatchObject({
      status: 'withdrawn',
      phaseTimes: { withdrawn: rome('2025-06-01 00:00') },
    });
    expect((await byDescription('deleted one'))?.status).toBe('withdrawn');
    expect((await byDescription('closed one'))?.status).toBe('closed');
  });
});
