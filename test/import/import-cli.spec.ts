import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
const register = join(dir, 'register.csv');
writeFileSync(
  register,
  'id,client code,received at,product,description,problem code\nA,C1,1/2/2025,P,d,X\n',
);
const badMapping = join(dir, 'mapping.json');
writeFileSync(badMapping, '{ "receivedAt": ');

/** The import script as a user runs it; the mistakes below are caught before any database. */
async function importing(...args: string[]) {
  try {
    await run('node_modules/.bin/tsx', ['scripts/import.ts', ...args], {
      env: { ...process.env, MONGODB_URI: '' },
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('the import command refuses a wrong request in one line, with no stack trace', () => {
  it.each([
    [['complaints', join(dir, 'missing.csv')], /^Cannot read the file .*missing\.csv: ENOENT\n$/],
    [['complaints', register, '--mapping', badMapping], /^The mapping file .* is not JSON: /],
    [
      ['complaints', register, '--map', 'receivedAt=Quando'],
      /^Mapping receivedAt=Quando: fields are reference, /,
    ],
    [['complaints', register, '--map', 'receivedAt'], /^--map "receivedAt" is not field=Header\n$/],
    [['complaints', register, '--date-format', 'yyyy'], /^--date-format "yyyy": use day-first/],
    [
      ['complaints', register, '--status', 'annullata=gone'],
      /^--status "annullata=gone" is not VALUE=STATUS/,
    ],
    [['complaints', register, '--nonsense'], /^Unknown option '--nonsense'/],
  ])('%j', async (args, message) => {
    const { code, stderr } = await importing(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
