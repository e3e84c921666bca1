/**
 * Ack latency: p50/p99 of every kind of signed Slack request (slash command, button press, view
 * submission, block_suggestion) through Sportello's Bolt app, against a bare Bolt app on the same
 * receiver and machine, in the same run. The bare app only acks, except for block_suggestion,
 * whose answer is the ack: there it reads the client list once (the floor of that answer).
 * Usage: npm run bench:ack -- [requests=400]   (MONGODB_URI, else mongo-java-server)
 */
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../src/bot/ids.js';
import { NewClientSchema } from '../src/domain/client/client.js';
import { close, createHttpApp, listen, portOf } from '../src/http/server.js';
import { aClient } from '../test/support/fixtures.js';
import { buttonPress, postToBot, slashCommand } from '../test/support/slack-requests.js';
import { startSlackStub } from '../test/support/slack-stub.js';
import { startTestChat } from '../test/support/test-chat.js';
import { bareBoltApp } from './support/bare-app.js';
import { complaintForm } from './support/complaint-form.js';

import { benchServer, benchStore } from './support/bench-database.js';

const total = Number(process.argv[2] ?? 400);
const server = await benchServer();
const { store, drop } = await benchStore(server.uri);
await store.roles.assign({ platform: 'slack', id: 'U0OP' }, ['operator']);
const clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
const stub = await startSlackStub();

const ours = createHttpApp({ databaseReachable: async () => true });
const chat = await startTestChat(store, ours, { slackApiUrl: stub.url, outbox: {} });
const { http: bare, app: bareApp } = bareBoltApp(stub.url);
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

async function measure(base: string, body: () => string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < total; i++) {
    const start = performance.now();
    const answer = await postToBot(base, { body: body() });
    times.push(performance.now() - start);
    if (answer.status !== 200) throw new Error(`status ${answer.status}`);
  }
  return times.sort((a, b) => a - b);
}
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

const command = () => slashCommand(COMMANDS.complaint, 'U0OP');
// A button on a case that does not exist: the full path (parse, roles, lookup) and an ephemeral reply.
const button = () => buttonPress('U0OP', ACTIONS.acknowledge, 'f'.repeat(24), 'C0X', '1.1');
let forms = 0;
// A valid complaint form: acked before the case is filed (the filing runs after the answer).
const submission = () => complaintForm('ack', forms++, clientId);
const suggestion = () =>
  new URLSearchParams({
    payload: JSON.stringify({
      type: 'block_suggestion',
      action_id: OPTIONS.client,
      block_id: 'client',
      value: 'ross',
      team: { id: 'T0TEAM' },
      user: { id: 'U0OP' },
      view: { id: 'V1', callback_id: VIEWS.complaint },
    }),
  }).toString();
async function filed(count: number) {
  while ((await store.models.complaint.countDocuments()) < count)
    await new Promise((r) => setTimeout(r, 20));
}
await measure(oursUrl!, command); // warm-up of both paths
await measure(bareUrl!, command);
for (const [name, body] of [
  ['/complaint', command],
  ['button', button],
  ['view', submission],
  ['suggestion', suggestion],
] as const) {
  const mine = await measure(oursUrl!, body);
  // The filings that follow Sportello's acks must not run into the baseline's run.
  if (name === 'view') await filed(forms);
  const base = await measure(bareUrl!, body);
  const line = (label: string, s: number[]) =>
    `${label} p50 ${pct(s, 0.5).toFixed(2)} ms  p99 ${pct(s, 0.99).toFixed(2)} ms`;
  console.log(
    `${name.padEnd(11)} ${line('sportello', mine)} | ${line('bare bolt', base)} | ratio p50 ${(pct(mine, 0.5) / pct(base, 0.5)).toFixed(2)} p99 ${(pct(mine, 0.99) / pct(base, 0.99)).toFixed(2)}`,
  );
}
for (const s of servers) await close(s);
await chat.stop();
await stub.close();
await drop();
await server.stop();
