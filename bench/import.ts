/**
 * Import rate: N generated spreadsheet rows of historical complaints through the importer, against
 * inserting the same number of plain documents with insertMany (the floor), in the same run.
 * Usage: npm run bench:import -- [rows=30000]   (MONGODB_URI, else mongo-java-server)
 */
import { randomBytes } from 'node:crypto';
import { importComplaints } from '../src/import/import-complaints.js';
import { COMPLAINT_HEADERS, COMPLAINT_REQUIRED, resolveMapping } from '../src/import/mapping.js';
import { connectDatabase } from '../src/store/connection.js';
import { startMongoWire } from '../src/store/embedded/mongo-wire.js';
import { createStore } from '../src/store/index.js';

const total = Number(process.argv[2] ?? 30_000);
const server = process.env.MONGODB_URI ? undefined : await startMongoWire({ port: 0 });
const connection = await connectDatabase(
  process.env.MONGODB_URI ?? server!.uri,
  `bench_${randomBytes(3).toString('hex')}`,
);
const store = await createStore(connection, () => undefined);
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
  return Object.fromEntries(headers.map((h, k) => [h, values[k]!]));
});
const { mapping } = resolveMapping(headers, COMPLAINT_HEADERS, COMPLAINT_REQUIRED);

const started = performance.now();
const report = await importComplaints(store, rows, mapping, 'Europe/Rome');
const importMs = performance.now() - started;

const floorStart = performance.now();
for (let i = 0; i < total; i += 1000)
  await connection
    .db!.collection('bench_floor')
    .insertMany(rows.slice(i, i + 1000).map((r) => ({ ...r })));
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
await connection.dropDatabase();
await connection.close();
await server?.stop();
