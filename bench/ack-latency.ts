/**
 * Ack latency: p50/p99 of every kind of signed Slack request (slash command, button press, view
 * submission, block_suggestion) through Sportello's Bolt app, against a bare Bolt app on the same
 * receiver and machine, in the same run. The bare app only acks, except for block_suggestion,
 * whose answer is the ack: there it reads the client list once (the floor of that answer).
 * Slack's side runs in two child processes, neither of them the bot's: the Web API stub (which
 * checks every view like Slack) and the sender, which times each request until its answer.
 * Passes alternate which app goes first. A pause before each request (ms) lets the previous
 * request's post-ack work finish first: the difference shows what that work costs the next ack.
 * Usage: npm run bench:ack -- [requests=400] [pauseMs=0] [passes=1]   (MONGODB_URI, else
 * mongo-java-server)
 */
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../src/bot/ids.js';
import { NewClientSchema } from '../src/domain/client/client.js';
import { close, createHttpApp, listen, portOf } from '../src/http/server.js';
import { aClient } from '../test/support/fixtures.js';
import { startTestChat } from '../test/support/test-chat.js';
import type { AckKind, AckRun } from './support/ack-sender.js';
import { bareBoltApp } from './support/bare-app.js';
import { benchChild } from './support/child.js';

import { benchServer, benchStore } from './support/bench-database.js';

const total = Number(process.argv[2] ?? 400);
const pauseMs = Number(process.argv[3] ?? 0);
const passes = Number(process.argv[4] ?? 1);

const server = await benchServer();
const { store, drop } = await benchStore(server.uri);
await store.roles.assign({ platform: 'slack', id: 'U0OP' }, ['operator']);
const clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
const slackApi = benchChild(new URL('./support/slack-api.ts', import.meta.url));
const sender = benchChild(new URL('./support/ack-sender.ts', import.meta.url));
const stubUrl = String((await slackApi.first).stubUrl);
await sender.first;

const ours = createHttpApp({ databaseReachable: async () => true });
const chat = await startTestChat(store, ours, { slackApiUrl: stubUrl, outbox: {} });
const { http: bare, app: bareApp } = bareBoltApp(stubUrl);
bareApp.command(COMMANDS.complaint, async ({ ack }) => ack());
bareApp.action(ACTIONS.acknowledge, async ({ ack }) => ack());
bareApp.view(VIEWS.complaint, async ({ ack }) => ack());
bareApp.options(OPTIONS.client, async ({ ack }) => {
  const clients = await store.models.client.find({}).limit(99).lean();
  await ack({
    options: clients.map((c) => ({
      text: { type: 'plain_text', text: c.name },
      value: String(c._id),
    })),
  });
});

const servers = [await listen(ours, '127.0.0.1', 0), await listen(bare, '127.0.0.1', 0)];
const [oursUrl, bareUrl] = servers.map((s) => `http://127.0.0.1:${portOf(s)}`);

async function measure(base: string, kind: AckKind, count = total): Promise<number[]> {
  const run: AckRun = { base, kind, count, pauseMs, clientId };
  const answer = await sender.ask(run);
  if (answer.failed) throw new Error(String(answer.failed));
  return answer.times as number[];
}
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

/**
 * The bot process's CPU per request over a run (both apps live in it, one runs at a time; Slack's
 * side is in the children): the work a request causes, its post-ack work included (for Sportello's
 * view submissions, until every case is filed; card deliveries still under way are not all in).
 * Steadier than latency on a shared machine.
 */
async function cpuOf(run: () => Promise<number[]>) {
  const before = process.cpuUsage();
  const times = await run();
  const used = process.cpuUsage(before);
  return { times, cpuMs: (used.user + used.system) / 1000 / total };
}
let forms = 0;
async function filed(count: number) {
  while ((await store.models.complaint.countDocuments()) < count)
    await new Promise((r) => setTimeout(r, 20));
}
/** Sportello's run of a kind; the filings that follow its view acks end before anything else. */
async function mine(kind: AckKind) {
  const times = await measure(oursUrl!, kind);
  if (kind === 'view') await filed((forms += total));
  return times;
}
await measure(oursUrl!, '/complaint'); // warm-up of both paths
await measure(bareUrl!, '/complaint');
console.log(`${total} requests of each kind, ${pauseMs} ms pause before each, ${passes} pass(es)`);
for (let pass = 1; pass <= passes; pass++) {
  const bareFirst = pass % 2 === 0;
  for (const kind of ['/complaint', 'button', 'view', 'suggestion'] as const) {
    const bareRun = () => cpuOf(() => measure(bareUrl!, kind));
    const base = bareFirst ? await bareRun() : undefined;
    const s = await cpuOf(() => mine(kind));
    const b = base ?? (await bareRun());
    const line = (label: string, t: number[]) =>
      `${label} p50 ${pct(t, 0.5).toFixed(2)} ms  p99 ${pct(t, 0.99).toFixed(2)} ms`;
    console.log(
      `pass ${pass}${bareFirst ? ' (bare first)' : ''} ${kind.padEnd(11)} ${line('sportello', s.times)} | ${line('bare bolt', b.times)} | ratio p50 ${(pct(s.times, 0.5) / pct(b.times, 0.5)).toFixed(2)} p99 ${(pct(s.times, 0.99) / pct(b.times, 0.99)).toFixed(2)} | cpu/request ${s.cpuMs.toFixed(2)} vs ${b.cpuMs.toFixed(2)} ms`,
    );
  }
}
for (const s of servers) await close(s);
await chat.stop();
await sender.close();
await slackApi.close();
await drop();
await server.stop();
