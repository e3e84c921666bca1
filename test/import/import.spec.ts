import { describe, expect, it } from 'vitest';
import { importClients } from '../../src/import/import-clients.js';
import { importComplaints } from '../../src/import/import-complaints.js';
import {
  CLIENT_HEADERS,
  CLIENT_REQUIRED,
  COMPLAINT_HEADERS,
  COMPLAINT_REQUIRED,
  resolveMapping,
} from '../../src/import/mapping.js';
import { readCsv } from '../../src/import/read-csv.js';
import { rome } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';

const CLIENTS = [
  'Codice;Ragione sociale;Settore;Dipendenti;Fedele;Referente;Email',
  'C001;Officine Rossi S.r.l.;meccanica;42;sì;Anna Rossi;anna@rossi.example',
  'C002;"Bianchi; Figli";alimentare;1.250;no;;',
  'C001;Officine Rossi (doppione);meccanica;42;sì;;',
  ';Senza codice;;;no;;',
  'C003;Verdi;;dodici;forse;;',
].join('\r\n');

const COMPLAINTS = [
  'Riferimento,Codice cliente,Data reclamo,Data chiusura,Prodotto,Descrizione,Codice problema,Priorità,Costo,Risposta',
  'A-1,C001,23/11/2025,25/11/2025,Pressa,"Perde olio, molto",HYD-02,2,"1.234,50",Guarnizione',
  'A-2,C002,2025-12-01 10:30,,Forno,Non scalda,TMP-01,P1,,',
  'A-3,C001,31/02/2025,,Pressa,Data impossibile,HYD-02,3,,',
  'A-4,C999,01/03/2025,,Pressa,Cliente sconosciuto,HYD-02,3,,',
  'A-5,C001,05/03/2025,04/03/2025,Pressa,Chiuso prima di aprire,HYD-02,3,,',
  'A-1,C001,23/11/2025,25/11/2025,Pressa,"Perde olio, molto",HYD-02,2,"1.234,50",Guarnizione',
  ',C002,10/01/2026,,Nastro,Senza riferimento,NEW-77,3,abc,',
  ',C002,11/01/2026,,Nastro,Senza riferimento bis,NEW-77,3,,',
].join('\n');

describe('CSV import of the client registry and of historical complaints', () => {
  const db = useTestDatabase('csv_import');

  it('imports clients from an Italian spreadsheet with an exact report, and changes nothing when re-run', async () => {
    const csv = readCsv(`\uFEFF${CLIENTS}`);
    const { mapping, missing } = resolveMapping(csv.headers, CLIENT_HEADERS, CLIENT_REQUIRED);
    expect(missing).toEqual([]);
    const report = await importClients(db.store, csv, mapping);
    expect(report).toMatchObject({
      read: 5,
      imported: 2,
      alreadyPresent: 1,
      rejected: [
        { line: 5, reason: expect.stringMatching(/^code: /) },
        { line: 6, reason: 'loyal: "forse" is not yes/no' },
      ],
    });
    const bianchi = (await db.store.clients.search('Bianchi', 5))[0];
    expect(bianchi).toMatchObject({
      code: 'C002',
      name: 'Bianchi; Figli',
      loyal: false,
      classification: { employees: 1250 },
    });
    expect((await db.store.clients.search('Rossi', 5))[0]).toMatchObject({
      loyal: true,
      contacts: [{ name: 'Anna Rossi' }],
    });

    const again = await importClients(db.store, csv, mapping);
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 3 });
    expect(await db.store.models.client.countDocuments()).toBe(2);
  });

  it('imports historical complaints: bad dates, unknown clients, duplicates and new codes reported line by line', async () => {
    const csv = readCsv(COMPLAINTS);
    const { mapping, missing } = resolveMapping(csv.headers, COMPLAINT_HEADERS, COMPLAINT_REQUIRED);
    expect(missing).toEqual([]);
    const options = { timeZone: 'Europe/Rome', repeatWindowDays: 30 };
    const result = await importComplaints(db.store, csv, mapping, options);
    if (!result.ok) throw new Error(result.error.code);
    const report = result.value;
    expect(report.rejected).toEqual([
      { line: 4, reason: 'receivedAt: "31/02/2025" is not a date (day-first)' },
      { line: 5, reason: 'clientCode: no client "C999"' },
      { line: 6, reason: 'closedAt: before receivedAt' },
      { line: 8, reason: 'costEur: "abc" is not a number' },
    ]);
    expect(report).toMatchObject({
      read: 8,
      imported: 3,
      alreadyPresent: 1,
      addedProblemCodes: ['HYD-02', 'TMP-01', 'NEW-77'],
    });

    const first = (await db.store.complaints.search('Perde olio', 5))[0];
    expect(first).toMatchObject({
      number: 'R-2025-0001',
      priority: 'P2',
      status: 'closed',
      costEur: 1234.5,
      solution: 'Guarnizione',
      receivedAt: rome('2025-11-23 00:00'),
      phaseTimes: { closed: rome('2025-11-25 00:00') },
      registeredBy: { id: 'IMPORT' },
    });
    expect((await db.store.complaints.search('Non scalda', 5))[0]).toMatchObject({
      number: 'R-2025-0002',
      priority: 'P1',
      status: 'new',
    });
    expect((await db.store.complaints.search('riferimento bis', 5))[0]?.number).toBe('R-2026-0001');
    const imported = (await db.store.taxonomy.entries()).filter((e) => e.status === 'imported');
    expect(imported.map((e) => e.code).sort()).toEqual(['HYD-02', 'NEW-77', 'TMP-01']);

    const again = await importComplaints(db.store, csv, mapping, options);
    expect(again.ok && again.value).toMatchObject({
      imported: 0,
      alreadyPresent: 4,
      addedProblemCodes: [],
    });
    expect(await db.store.models.complaint.countDocuments()).toBe(3);
  });

  it('says which required columns it could not find', () => {
    const { missing } = resolveMapping(
      ['Cliente', 'Quando'],
      COMPLAINT_HEADERS,
      COMPLAINT_REQUIRED,
    );
    expect(missing).toEqual(['receivedAt', 'product', 'description', 'problemCode']);
    const { mapping } = resolveMapping(
      ['Cliente', 'Quando'],
      COMPLAINT_HEADERS,
      COMPLAINT_REQUIRED,
      { receivedAt: 'Quando' },
    );
    expect(mapping.receivedAt).toBe('Quando');
  });
});
