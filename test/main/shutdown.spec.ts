import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/slack-bot.js';
import { processTree, running } from '../support/process-tree.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });

/**
 * What a process manager does: it holds the PID of `npm start` and sends it SIGTERM. npm, node,
 * the bot and its embedded database (no MONGODB_URI: mongod or mongo-java-server) must all be
 * gone within 10 s.
 */
describe('npm start, stopped by SIGTERM to its PID', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sportello-stop-'));
  // Whatever the test saw of the tree, even once npm is gone and the rest was re-parented.
  let seen: number[] = [];
  afterAll(() => {
    for (const left of running(seen)) process.kill(left.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'leaves no process of its tree behind and stops answering /healthz',
    { timeout: 180_000 },
    async () => {
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
      };
      delete env.MONGODB_URI;
      const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const output: string[] = [];
      npm.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      npm.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      // 'close': after the exit and the last of its output.
      const exited = new Promise<number | null>((resolve) =>
        npm.once('close', (code) => resolve(code)),
      );

      await eventually(async () => {
        seen = [...new Set([...seen, ...processTree(npm.pid!).map((p) => p.pid)])];
        expect(npm.exitCode, output.join('')).toBeNull();
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      }, 150_000);
      const tree = processTree(npm.pid!);
      seen = [...new Set([...seen, ...tree.map((p) => p.pid)])];
      const commands = tree.map((p) => p.command).join('\n');
      expect(commands).toMatch(/dist\/src\/main\.js/);
      expect(commands).toMatch(/\bjava\b.*Launcher\.java|\bmongod\b/);

      const stoppedAt = Date.now();
      process.kill(npm.pid!, 'SIGTERM');
      await eventually(() => expect(running(tree.map((p) => p.pid))).toEqual([]), 10_000);
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
      expect(await exited, output.join('')).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      expect(output.join('')).toMatch(/"msg":"stopped"/);
    },
  );
});
