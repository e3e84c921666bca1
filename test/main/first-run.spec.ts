import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { humanLine } from '../../src/log-format.js';
import { connectDatabase } from '../../src/store/connection.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const database = () => inject('mongoUri').replace(/\/?$/, '/t_first_run');

/** Starts the bot with no chat credentials and returns its output up to the first-run advice. */
function firstRun(format: 'human' | 'json'): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      MONGODB_URI: database(),
      PUBLIC_URL: 'https://sportello.example.com',
      LOG_FORMAT: format,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no first-run advice in:\n${out}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('no chat platform configured')) return;
      clearTimeout(timer);
      child.kill('SIGTERM');
      child.once('close', () => resolve(out));
    });
  });
}

describe('first run without chat credentials', () => {
  afterAll(async () => {
    const left = await connectDatabase(database());
    await left.dropDatabase();
    await left.close();
  });

  it(
    'says what to set and where each platform posts, in readable lines',
    { timeout: 90_000 },
    async () => {
      const out = await firstRun('human');
      const advice = out.split('\n').find((l) => l.includes('no chat platform configured'))!;
      expect(advice).toMatch(
        /^\d{2}:\d{2}:\d{2} WARN {2}no chat platform configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/,
      );
      for (const part of [
        'TEAMS_APP_ID and TEAMS_APP_PASSWORD',
        'slackEvents=https://sportello.example.com/slack/events',
        'teamsMessages=https://sportello.example.com/api/messages',
        'README',
      ])
        expect(advice).toContain(part);
      expect(out).not.toMatch(/^\{"level"/m);
    },
  );

  it('keeps JSON lines for log collectors', { timeout: 90_000 }, async () => {
    const out = await firstRun('json');
    const advice = out.split('\n').find((l) => l.includes('no chat platform configured'))!;
    expect(JSON.parse(advice)).toMatchObject({
      level: 40,
      slackEvents: 'https://sportello.example.com/slack/events',
    });
  });

  it('formats any pino line, leaving a non-JSON line as it is', () => {
    const line = JSON.stringify({
      level: 50,
      time: 0,
      pid: 1,
      hostname: 'h',
      msg: 'boom',
      err: { message: 'x' },
    });
    expect(humanLine(line)).toMatch(/^\d{2}:\d{2}:\d{2} ERROR boom err=\{"message":"x"\}$/);
    expect(humanLine('plain text')).toBe('plain text');
  });
});
