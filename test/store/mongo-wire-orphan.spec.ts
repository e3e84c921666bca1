import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/slack-bot.js';
import { processTree, running } from '../support/process-tree.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * mongo-java-server runs as a child of whoever started it (the bot, `npm run db:wire`). When that
 * parent dies without a word (SIGKILL, a crash), nothing stops the Java process but itself: the
 * launcher exits when its stdin, the parent's end of a pipe, closes.
 */
describe('mongo-java-server after its parent is killed', () => {
  let seen: number[] = [];
  afterAll(() => {
    for (const left of running(seen)) process.kill(left.pid, 'SIGKILL');
  });

  it('exits by itself when its parent is SIGKILLed', { timeout: 120_000 }, async () => {
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/mongo-wire.ts', '--port', '0'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      parent.once('exit', (code) => reject(new Error(`db:wire exited (${code})`)));
      createInterface({ input: parent.stdout }).on('line', (line) => {
        if (line.startsWith('MONGODB_URI=')) resolve();
      });
    });
    const java = processTree(parent.pid!).filter((p) => /\bjava\b.*Launcher\.java/.test(p.command));
    seen = processTree(parent.pid!).map((p) => p.pid);
    expect(java).toHaveLength(1);

    parent.kill('SIGKILL');
    await eventually(() => expect(running(java.map((p) => p.pid))).toEqual([]), 10_000);
  });
});
