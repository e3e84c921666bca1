/**
 * Loads a spreadsheet (CSV) into the client registry or the complaints register.
 * Usage: npm run import -- clients|complaints FILE.csv [--mapping mapping.json]
 *        [--map field=Header ...] [--report report.json]
 * Reads MONGODB_URI, else opens the embedded database in DATA_DIR (stop the bot first).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { importClients } from '../src/import/import-clients.js';
import { importComplaints } from '../src/import/import-complaints.js';
import {
  CLIENT_HEADERS,
  CLIENT_REQUIRED,
  COMPLAINT_HEADERS,
  COMPLAINT_REQUIRED,
  resolveMapping,
  type Mapping,
} from '../src/import/mapping.js';
import { readCsv } from '../src/import/read-csv.js';
import { connectDatabase } from '../src/store/connection.js';
import { startEmbeddedDatabase } from '../src/store/embedded/embedded-database.js';
import { createStore } from '../src/store/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mapping: { type: 'string' },
    map: { type: 'string', multiple: true, default: [] },
    report: { type: 'string' },
  },
});
const [kind, file] = positionals;
if ((kind !== 'clients' && kind !== 'complaints') || !file) {
  console.error(
    'Usage: npm run import -- clients|complaints FILE.csv [--mapping m.json] [--map field=Header]',
  );
  process.exit(2);
}
const explicit: Mapping = {
  ...(values.mapping ? (JSON.parse(readFileSync(values.mapping, 'utf8')) as Mapping) : {}),
  ...Object.fromEntries(values.map.map((pair) => pair.split('=') as [string, string])),
};
const { headers, rows } = readCsv(readFileSync(file, 'utf8'));
const known = kind === 'clients' ? CLIENT_HEADERS : COMPLAINT_HEADERS;
const { mapping, missing } = resolveMapping(
  headers,
  known,
  kind === 'clients' ? CLIENT_REQUIRED : COMPLAINT_REQUIRED,
  explicit,
);
if (missing.length) {
  console.error(
    `No column for: ${missing.join(', ')}. Columns in the file: ${headers.join(', ')}. Use --map field=Header.`,
  );
  process.exit(2);
}

/** A progress bar on stderr, redrawn in place. */
const progress = (done: number, total: number) => {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
};

const config = loadConfig(process.env);
const embedded = config.database.uri
  ? undefined
  : await startEmbeddedDatabase({ dataDir: config.database.dataDir });
const connection = await connectDatabase(config.database.uri ?? embedded!.uri);
try {
  const store = await createStore(connection, () => undefined);
  const report =
    kind === 'clients'
      ? await importClients(store, rows, mapping, progress)
      : await importComplaints(store, rows, mapping, config.timeZone, progress);
  process.stderr.write('\n');
  const rate = Math.round(report.read / Math.max(report.seconds, 0.001));
  console.log(
    `read ${report.read}, imported ${report.imported}, already present ${report.alreadyPresent}, rejected ${report.rejected.length} — ${rate} rows/s`,
  );
  for (const r of report.rejected.slice(0, 50)) console.log(`  line ${r.line}: ${r.reason}`);
  if (report.rejected.length > 50)
    console.log(`  … ${report.rejected.length - 50} more in the report`);
  if (report.addedProblemCodes.length)
    console.log(`problem codes added as "imported": ${report.addedProblemCodes.join(', ')}`);
  if (values.report) writeFileSync(values.report, JSON.stringify(report, null, 2));
} finally {
  await connection.close();
  await embedded?.stop();
}
