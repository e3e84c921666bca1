import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../src/store/connection.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs the bot's entry point (from source, through tsx; `npm start` runs its build), to its exit. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
}

/** Start-up failures outside the code: one readable line on stderr, exit 1, no stack trace. */
describe('start-up failures', () => {
  // The bot gets as far as the database (and Agenda's catch-ups) before the port or host fails.
  const database = () => inject('mongoUri').replace(/\/?$/, '/t_startup_failures');
  let taken: Server;
  let takenPort: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    takenPort = (taken.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
    const left = await connectDatabase(database());
    await left.dropDatabase();
    await left.close();
  });

  it('says so in one line each', { timeout: 90_000 }, async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        'port in use',
        { MONGODB_URI: database(), PORT: String(takenPort) },
        new RegExp(
          `^Cannot listen on 127\\.0\\.0\\.1:${takenPort}: the port is in use \\(set PORT\\)$`,
        ),
      ],
      [
        'database unreachable',
        { MONGODB_URI: 'mongodb://sportello:secret@127.0.0.1:9/sportello', PORT: '0' },
        /^Cannot reach mongodb:\/\/sportello:\*\*\*@127\.0\.0\.1:9\/sportello: .*\(check MONGODB_URI and that the server runs\)$/,
      ],
      [
        'a HOST that does not resolve',
        { MONGODB_URI: database(), PORT: '0', HOST: 'no-such-host.invalid' },
        /^Cannot listen on no-such-host\.invalid:0: HOST does not resolve to an address/,
      ],
      [
        'a HOST that is not this machine',
        { MONGODB_URI: database(), PORT: '0', HOST: '192.0.2.1' },
        /^Cannot listen on 192\.0\.2\.1:0: HOST is not an address of this machine/,
      ],
      [
        'a connection string the driver cannot parse',
        { MONGODB_URI: 'mongodb://127.0.0.1:99999/sportello', PORT: '0' },
        /^MONGODB_URI is not a usable connection string: Unable to parse 127\.0\.0\.1:99999/,
      ],
      [
        'a bad setting',
        { PORT: '0x1F90' },
        /^Invalid configuration:\n {2}- PORT: must be a whole port number/,
      ],
    ];
    const results = await Promise.all(cases.map(([, env]) => start(env)));
    results.forEach(({ code, stderr }, i) => {
      const [what, , expected] = cases[i]!;
      expect(stderr.trim(), what).toMatch(expected);
      expect(stderr, what).not.toMatch(/^\s+at /m);
      if (what !== 'a bad setting') expect(stderr.trim().split('\n'), what).toHaveLength(1);
      expect(code, what).toBe(1);
    });
    expect(results[1]!.stderr).not.toContain('secret');
  });
});
