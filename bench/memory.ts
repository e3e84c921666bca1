/**
 * Memory: resident set size of an idle Sportello (`npm start`: Slack on, Agenda jobs, outbox
 * worker, on the CI database) against an idle bare Bolt app, each in its own process, read from
 * /proc after both have settled. Both run as `npm start` runs the bot: compiled JavaScript on
 * plain node (built here by tsc into .bench-build), not through the tsx loader. (The RSS after the 1M-complaint digest is printed by
 * bench/digest.ts, which computes it.)
 * Usage: npm run bench:memory -- [settleSeconds=10]
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startMongoWire } from '../src/store/embedded/mongo-wire.js';

const settleMs = Number(process.argv[2] ?? 10) * 1000;
const statusMb = (pid: number, field: string) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(
    new RegExp(`${field}:\\s+(\\d+) kB`),
  );
  return line ? Number(line[1]) / 1024 : NaN;
};
const rssMb = (pid: number) => statusMb(pid, 'VmRSS');
// What the RSS is made of: anonymous pages (V8 heap, native buffers) and file-backed pages
// (node's binary and shared libraries). The database (Java) is this bench's process, not the bot's.
const madeOf = (pid: number) =>
  `anonymous ${statusMb(pid, 'RssAnon').toFixed(0)} MB, file-backed ${statusMb(pid, 'RssFile').toFixed(0)} MB`;
const healthy = async (port: number) => {
  for (let i = 0; i < 200; i++) {
    const answer = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (answer?.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the bot did not become healthy');
};
const settle = () => new Promise((r) => setTimeout(r, settleMs));
const stop = (child: ChildProcess) =>
  new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

const built = (file: string) => fileURLToPath(new URL(`../.bench-build/${file}`, import.meta.url));
execFileSync(
  'npx',
  ['tsc', '-p', fileURLToPath(new URL('./tsconfig.memory.json', import.meta.url))],
  {
    stdio: 'inherit',
  },
);
// The node flags `npm start` gives the bot (package.json), given to both processes here.
const start = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start;
const flags = start
  .match(/exec node (.*?) ?dist\/src\/main\.js/)?.[1]
  ?.split(' ')
  .filter(Boolean);
if (!flags) throw new Error(`npm start no longer runs dist/src/main.js: ${start}`);
const plain = { execArgv: flags };
const database = await startMongoWire({ port: 0 });
const bot = fork(built('src/main.js'), [], {
  ...plain,
  stdio: 'ignore',
  env: {
    ...process.env,
    PORT: '39171',
    HOST: '127.0.0.1',
    MONGODB_URI: `${database.uri.replace(/\/$/, '')}/bench_memory`,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    LOG_LEVEL: 'error',
  },
});
await healthy(39171);
await settle();
const ours = rssMb(bot.pid!);
const oursMadeOf = madeOf(bot.pid!);
await stop(bot);

const bare = fork(built('bench/support/bare-bolt.js'), [], {
  ...plain,
  env: { ...process.env, PORT: '39172' },
});
await new Promise((resolve) => bare.once('message', resolve));
await settle();
const base = rssMb(bare.pid!);
const baseMadeOf = madeOf(bare.pid!);
await stop(bare);
await database.stop();

console.log(
  `idle sportello  RSS ${ours.toFixed(0)} MB  (Slack, Agenda, outbox worker, database pool)`,
);
console.log(`idle bare Bolt  RSS ${base.toFixed(0)} MB`);
console.log(
  `made of         sportello: ${oursMadeOf}; bare Bolt: ${baseMadeOf} (Java database not included)`,
);
console.log(`node flags      ${flags.join(' ') || '(none)'} (as npm start)`);
console.log(`ratio           ${(ours / base).toFixed(2)}`);
