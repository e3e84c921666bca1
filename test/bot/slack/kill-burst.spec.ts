import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { parseNumber } from '../../../src/domain/numbering/numbering.js';
import { useTestDatabase } from '../../support/database.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import { input, postToBot, SIGNING_SECRET, viewSubmission } from '../../support/slack-requests.js';
import { startSlackStub, type SlackStub } from '../../support/slack-stub.js';
import { toldTo, waitToldTo } from '../../support/told.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/**
 * The bot as its own process (`node --import tsx src/main.ts`, the source `npm start` builds) on the test
 * database and the Slack stub, killed with SIGKILL in the middle of a burst of complaint
 * submissions and started again: every form it had answered is filed (the restarted bot finishes
 * those from its journal) and its user told, the numbers stored are 1…N with no hole, and every
 * number a user was told is there.
 */
describe('Slack: kill -9 in a burst of complaints', () => {
  const db = useTestDatabase('kill_burst');
  let stub: SlackStub;
  let bot: ChildProcess | undefined;
  let output = '';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kill-burst-'));
  beforeAll(async () => {
    stub = await startSlackStub();
    const clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await db.store.roles.assign(slackUser('U0OP'), ['operator']);
    form.client = input.external(OPTIONS.client, clientId);
  });
  afterAll(async () => {
    bot?.kill('SIGKILL');
    await stub.close();
  });

  const form: Record<string, Record<string, object>> = {
    product: input.text('Pompa P-7'),
    description: input.text('Non pesca'),
    problemCode: input.text('PMP-7'),
    category: input.text('pompe'),
    department: input.text('assistenza'),
    priority: input.radio('P3'),
    channel: input.select('phone'),
    warranty: input.select('unknown'),
  };

  /** Starts the bot process and resolves with its base URL once it answers health checks. */
  const startBot = async () => {
    const port = await freePort();
    const uri = new URL(db.uri);
    uri.pathname = `/${db.dbName}`;
    bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        MONGODB_URI: uri.toString(),
        HOST: '127.0.0.1',
        PORT: String(port),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: stub.url,
        SLACK_TEAM_ID: 'T0TEAM',
        LOG_LEVEL: 'warn',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout?.on('data', (chunk) => (output += String(chunk)));
    bot.stderr?.on('data', (chunk) => (output += String(chunk)));
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => {
      if (bot?.exitCode !== null) throw new Error(`bot exited:\n${output}`);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    }, 40_000);
    return base;
  };

  const submit = (base: string, viewId: string) =>
    postToBot(base, {
      body: viewSubmission('U0OP', { id: viewId, callbackId: VIEWS.complaint, values: form }),
    }).then(
      (answer) => answer.status === 200 && answer.text === '',
      () => false,
    );

  it('files every form it had answered, with numbers 1…N and no hole, across a SIGKILL and a restart', async () => {
    let base = await startBot();
    // 10 in flight at a time; the process is killed once 40 have been answered.
    const answered: string[] = [];
    let next = 0;
    const sender = async () => {
      while (next < 200 && bot?.exitCode === null && bot.signalCode === null) {
        const view = `VKILL-${next++}`;
        if (await submit(base, view)) answered.push(view);
        if (answered.length >= 40 && bot.signalCode === null) bot.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 10 }, sender));
    expect(bot?.signalCode).toBe('SIGKILL');

    const filedBeforeKill = await db.store.models.complaint.countDocuments();
    expect(filedBeforeKill).toBeLessThan(answered.length);

    base = await startBot();
    for (let i = 0; i < 20; i++) expect(await submit(base, `VAFTER-${i}`)).toBe(true);
    // The forms answered before the kill are filed by the restarted bot from its journal.
    const keys = [...answered, ...Array.from({ length: 20 }, (_, i) => `VAFTER-${i}`)].map(
      (view) => `slack:view:${view}`,
    );
    await eventually(async () => {
      const filed = await db.store.models.complaint.countDocuments({ intakeKey: { $in: keys } });
      if (filed < keys.length) throw new Error(`${filed} of ${keys.length} answered forms filed`);
    }, 30_000);
    const after = await waitToldTo(stub, 'U0OP', keys.length, /registrato/, 30_000);

    const stored = await db.store.models.complaint.find({}, { number: 1, intakeKey: 1 }).lean();
    const seqs = stored.map((c) => parseNumber(String(c.number))?.seq ?? -1).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    const numbers = new Set(stored.map((c) => String(c.number)));
    for (const line of after) expect(numbers).toContain(/R-\d{4}-\d{4,}/.exec(line)?.[0]);
    expect(stored.filter((c) => String(c.intakeKey).startsWith('slack:view:VAFTER-'))).toHaveLength(
      20,
    );
    expect(toldTo(stub, 'U0OP', /non salvato/)).toEqual([]);
  }, 100_000);
});
