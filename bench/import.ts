/**
 * Import rate: N generated spreadsheet rows of historical complaints through the importer
 * (reading, matching, numbering, repeat links, insert), against inserting the same rows as plain
 * documents with insertMany (the floor), in the same run; and against plain inserts of the
 * complaint documents the import stored. Target: importer at most 5x the floor.
 * Usage: npm run bench:import -- [rows=30000]   (MONGODB_URI, else mongo-java-server)
 */
import { importComplaints } from '../src/import/import-complaints.js';
import { COMPLAINT_HEADERS, COMPLAINT_REQUIRED, resolveMapping } from '../src/import/mapping.js';

import { benchServer, benchStore } from './support/bench-database.js';

const total = Number(process.argv[2] ?? 30_000);
const server = await benchServer();
const { connection, store, drop } = await benchStore(server.uri);
await store.models.client.insertMany(
  Array.from({ length: 200 }, (_, i) => ({
    code: `C${i}`,
    name: `Cliente ${i}`,
    classification: { kind: 'business' },
    careCadenceDays: 90,
    loyal: false,
    active: true,
  })),
);
const headers = [
  'Riferimento',
  'Codice cliente',
  'Data reclamo',
  'Data chiusura',
  'Prodotto',
  'Descrizione',
  'Codice problema',
  'Priorità',
  'Costo',
];
const rows = Array.from({ length: total }, (_, i) => {
  const day = 1 + (i % 28);
  const month = 1 + (i % 12);
  const values = [
    `H-${i}`,
    `C${i % 200}`,
    `${day}/${month}/2025`,
    `${day}/${month}/2025`,
    'Pressa',
    `Descrizione ${i}`,
    `PC-${i % 60}`,
    String(1 + (i % 3)),
    `${i % 900},50`,
  ];
  return { line: i + 2, cells: Object.fromEntries(headers.map((h, k) => [h, values[k]!])) };
});
const { mapping } = resolveMapping(headers, COMPLAINT_HEADERS, COMPLAINT_REQUIRED);

const started = performance.now();
const cpuBefore = process.cpuUsage();
const result = await importComplaints(
  store,
  { headers, rows, rejected: [] },
  mapping,
  { timeZone: 'Europe/Rome', repeatWindowDays: 30 },
  () => undefined,
);
const importMs = performance.now() - started;
// This process's CPU (the database server's is not in it): steadier than wall time under load.
const importCpu = process.cpuUsage(cpuBefore);
const importCpuMs = (importCpu.user + importCpu.system) / 1000;
if (!result.ok) throw new Error(`the generated register was refused: ${result.error.code}`);
const report = result.value;

const floorStart = performance.now();
for (let i = 0; i < total; i += 1000)
  await connection
    .db!.collection('bench_floor')
    .insertMany(rows.slice(i, i + 1000).map((r) => ({ ...r.cells })));
const floorMs = performance.now() - floorStart;

// A second reference: the finished complaint documents (about 30 fields each, not 9 short
// strings) inserted plainly; it shows how much of the import is the size of what it stores.
const stored = await store.models.complaint.find({}, { _id: 0 }).lean();
const docsStart = performance.now();
for (let i = 0; i < stored.length; i += 1000)
  await connection
    .db!.collection('bench_documents')
    .insertMany(stored.slice(i, i + 1000).map((d) => ({ ...d })));
const docsMs = performance.now() - docsStart;

console.log(
  `rows            ${total} (imported ${report.imported}, rejected ${report.rejected.length}, repeats linked ${report.repeatsLinked})`,
);
console.log(
  `importer        ${Math.round(total / (importMs / 1000))} rows/s  (${Math.round(importMs)} ms, ${Math.round(importCpuMs)} ms CPU in this process)`,
);
console.log(
  `plain inserts   ${Math.round(total / (floorMs / 1000))} rows/s  (${Math.round(floorMs)} ms)`,
);
console.log(
  `stored docs     ${Math.round(total / (docsMs / 1000))} rows/s  (${Math.round(docsMs)} ms, plain inserts of the imported documents)`,
);
console.log(
  `ratio           importer time / plain insert time = ${(importMs / floorMs).toFixed(2)}`,
);
console.log(
  `ratio           importer time / stored-documents insert time = ${(importMs / docsMs).toFixed(2)}`,
);
await drop();
await server.stop();
