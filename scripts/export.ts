/**
 * Exports a register as CSV for an ISO audit.
 * Usage: npm run export -- complaints|care|communications|d2 [--from YYYY-MM-DD --to YYYY-MM-DD]
 *        [--semicolon] [--no-bom] [--out file.csv]
 * Reads MONGODB_URI, else opens the embedded database in DATA_DIR (stop the bot first).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TZDate } from '@date-fns/tz';
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/store/connection.js';
import { startEmbeddedDatabase } from '../src/store/embedded/embedded-database.js';
import { createStore } from '../src/store/index.js';
import { exportRegister, REGISTERS, type RegisterName } from '../src/store/register-export.repo.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    semicolon: { type: 'boolean', default: false },
    'no-bom': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const register = positionals[0] as RegisterName;
if (!REGISTERS.includes(register)) {
  console.error(`Which register? One of: ${REGISTERS.join(', ')}`);
  process.exit(2);
}
const config = loadConfig(process.env);
const day = (text: string, plus = 0) => {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + plus, config.timeZone).getTime());
};
const period =
  values.from && values.to ? { from: day(values.from), to: day(values.to, 1) } : undefined;

const embedded = config.database.uri
  ? undefined
  : await startEmbeddedDatabase({ dataDir: config.database.dataDir });
const connection = await connectDatabase(config.database.uri ?? embedded!.uri);
try {
  const store = await createStore(connection, (bad) =>
    console.error(`skipped a damaged record: ${JSON.stringify(bad)}`),
  );
  const { csv, rows } = await exportRegister(
    store,
    register,
    { separator: values.semicolon ? ';' : ',', bom: !values['no-bom'], timeZone: config.timeZone },
    period,
  );
  if (values.out) writeFileSync(values.out, csv);
  else process.stdout.write(csv);
  console.error(`${rows} rows of ${register}${values.out ? ` written to ${values.out}` : ''}`);
} finally {
  await connection.close();
  await embedded?.stop();
}
