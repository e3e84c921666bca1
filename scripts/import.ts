/**
 * Loads a spreadsheet (CSV) into the client registry or the complaints register.
 * Usage: npm run import -- clients|complaints FILE.csv [--mapping mapping.json]
 *        [--map field=Header ...] [--date-format day-first|month-first]
 *        [--status "Value=status" ...] [--add-clients] [--report report.json]
 * Reads MONGODB_URI, else opens the embedded database in DATA_DIR (stop the bot first).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import type { ComplaintStatus } from '../src/domain/complaint/complaint.js';
import { dateOrderNamed } from '../src/domain/registers/spreadsheet-dates.js';
import { parseStatusValue } from '../src/domain/registers/status-values.js';
import { importClients } from '../src/import/import-clients.js';
import { importComplaints } from '../src/import/import-complaints.js';
import type { ImportReport } from '../src/import/import-report.js';
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

const USAGE =
  'Usage: npm run import -- clients|complaints FILE.csv [--mapping m.json] [--map field=Header] [--date-format day-first|month-first] [--status "Value=status"] [--add-clients]';

/** A mistake in how the import was asked for: said in one line, no stack trace. */
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function parsed() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        mapping: { type: 'string' },
        map: { type: 'string', multiple: true, default: [] },
        'date-format': { type: 'string' },
        status: { type: 'string', multiple: true, default: [] },
        'add-clients': { type: 'boolean', default: false },
        report: { type: 'string' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return fail(
      `Cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function explicitMapping(file: string | undefined, pairs: string[]): Mapping {
  let fromFile: Mapping = {};
  if (file) {
    try {
      fromFile = JSON.parse(readText(file, 'mapping file')) as Mapping;
    } catch (error) {
      fail(`The mapping file ${file} is not JSON: ${(error as Error).message}`);
    }
  }
  const bad = pairs.find((p) => !/^[^=]+=.+$/.test(p));
  if (bad) fail(`--map "${bad}" is not field=Header`);
  return {
    ...fromFile,
    ...Object.fromEntries(
      pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
    ),
  };
}

const { values, positionals } = parsed();
const [kind, file] = positionals;
if ((kind !== 'clients' && kind !== 'complaints') || !file) fail(USAGE);
const dateOrder = values['date-format'] ? dateOrderNamed(values['date-format']) : undefined;
if (values['date-format'] && !dateOrder)
  fail(
    `--date-format "${values['date-format']}": use day-first (dd/mm/yyyy) or month-first (mm/dd/yyyy)`,
  );
const statusValues: Record<string, ComplaintStatus> = {};
for (const pair of values.status) {
  const entry = parseStatusValue(pair);
  if (typeof entry === 'string') fail(`--status ${entry}`);
  statusValues[entry[0]] = entry[1];
}
const csv = readCsv(readText(file, 'file'));
const known = kind === 'clients' ? CLIENT_HEADERS : COMPLAINT_HEADERS;
const { mapping, missing, unknown } = resolveMapping(
  csv.headers,
  known,
  kind === 'clients' ? CLIENT_REQUIRED : COMPLAINT_REQUIRED,
  explicitMapping(values.mapping, values.map),
);
if (unknown.length)
  fail(
    `Mapping ${unknown.join(', ')}: fields are ${Object.keys(known).join(', ')}; columns in the file: ${csv.headers.join(', ')}.`,
  );
if (missing.length)
  fail(
    `No column for: ${missing.join(', ')}. Columns in the file: ${csv.headers.join(', ')}. Use --map field=Header.`,
  );

/** A progress bar on stderr, redrawn in place. */
const progress = (done: number, total: number) => {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
};

function print(report: ImportReport) {
  const rate = Math.round(report.read / Math.max(report.seconds, 0.001));
  console.log(
    `read ${report.read}, imported ${report.imported}, updated ${report.updated}, already present ${report.alreadyPresent}, rejected ${report.rejected.length} — ${rate} rows/s`,
  );
  for (const r of report.rejected.slice(0, 50)) console.log(`  line ${r.line}: ${r.reason}`);
  if (report.rejected.length > 50)
    console.log(`  … ${report.rejected.length - 50} more in the report`);
  if (report.matchedByContent)
    console.log(
      `warning: ${report.matchedByContent} rows were matched by content because the reference was mapped in one import and not in the other; map the reference every time`,
    );
  if (report.repeatsLinked) console.log(`repeats linked: ${report.repeatsLinked}`);
  if (report.addedClients.length) console.log(`clients added: ${report.addedClients.join(', ')}`);
  if (report.addedProblemCodes.length)
    console.log(`problem codes added as "imported": ${report.addedProblemCodes.join(', ')}`);
  if (values.report) writeFileSync(values.report, JSON.stringify(report, null, 2));
}

const config = loadConfig(process.env);
const embedded = config.database.uri
  ? undefined
  : await startEmbeddedDatabase({ dataDir: config.database.dataDir });
const connection = await connectDatabase(config.database.uri ?? embedded!.uri);
let exitCode = 0;
try {
  const store = await createStore(connection, () => undefined);
  if (kind === 'clients') print(await importClients(store, csv, mapping, progress));
  else {
    const result = await importComplaints(
      store,
      csv,
      mapping,
      {
        timeZone: config.timeZone,
        repeatWindowDays: config.repeatWindowDays,
        addClients: values['add-clients'],
        statusValues,
        ...(dateOrder ? { dateOrder } : {}),
      },
      progress,
    );
    process.stderr.write('\n');
    if (result.ok) print(result.value);
    else {
      const d = result.error.details as { column: string; order: string; examples: string[] };
      console.error(
        d.order === 'mixed'
          ? `Column "${d.column}" has dates written day first (${d.examples[0]}) and month first (${d.examples[1]}). Nothing was imported. Correct the file, or choose with --date-format day-first|month-first (rows not in that order are then rejected).`
          : `Column "${d.column}": no date tells whether ${d.examples[0]} is day first or month first. Nothing was imported. Say it with --date-format day-first|month-first.`,
      );
      exitCode = 2;
    }
  }
} finally {
  await connection.close();
  await embedded?.stop();
}
process.exitCode = exitCode;
