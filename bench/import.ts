/**
 * Import rate: N generated spreadsheet rows of historical complaints through the importer, against
 * inserting the same number of plain documents with insertMany (the floor), in the same run.
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
const result = await importComplaints(
  store,
  { headers, rows, rejected: [] },
  mapping,
  { timeZone: 'Europe/Rome', repeatWindowDays: 30 },
  () => undefined,
);
const importMs = performance.now() - started;
if (!result.ok) throw new Error(`the generated register was refused: ${result.error.code}`);
const report = result.value;

const floorStart = performance.now();
for (let i = 0; i < total; i += 1000)
  await connection
    .db!.collection('bench_floor')
    .insertMany(rows.slice(i, i + 1000).map((r) => ({ ...r.cells })));
const floorMs = performance.now() - floorStart;

console.log(
  `rows            ${total} (imported ${report.imported}, rejected ${report.rejected.length})`,
);
console.log(
  `importer        ${Math.round(total / (importMs / 1000))} rows/s  (${Math.round(importMs)} ms)`,
);
console.log(
  `plain inserts   ${Math.round(total / (floorMs / 1000))} rows/s  (${Math.round(floorMs)} ms)`,
);
console.log(
  `ratio           importer time / plain insert time = ${(importMs / floorMs).toFixed(2)}`,
);
await drop();
await server.stop();
