/**
 * Slack's 3 s deadline under a burst: N signed complaint form submissions sent at once to
 * Sportello, against a bare Bolt app that only acks the same view, on the same receiver and
 * machine in the same run. Prints how many were answered within 3 s, p50/p99/max of the answer
 * and their ratio to the bare app, then how long until every user was told "registered".
 * Usage: npx tsx bench/deadline.ts [submissions=300]   (MONGODB_URI, else mongo-java-server)
 */
import { OPTIONS, VIEWS } from '../src/bot/ids.js';
import { NewClientSchema } from '../src/domain/client/client.js';
import { close, createHttpApp, listen, portOf } from '../src/http/server.js';
import { aClient } from '../test/support/fixtures.js';
import { input, postToBot, viewSubmission } from '../test/support/slack-requests.js';
import { startSlackStub } from '../test/support/slack-stub.js';
import { startTestChat } from '../test/support/test-chat.js';
import { bareBoltApp } from './support/bare-app.js';
import { benchServer, benchStore } from './support/bench-database.js';

const total = Number(process.argv[2] ?? 300);
const DEADLINE_MS = 3_000;
const server = await benchServer();
const { store, drop } = await benchStore(server.uri);
await store.roles.assign({ platform: 'slack', id: 'U0OP' }, ['operator']);
const clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
const stub = await startSlackStub();

const ours = createHttpApp({ databaseReachable: async () => true });
const chat = await startTestChat(store, ours, { slackApiUrl: stub.url, outbox: {} });
const { http: bare, app: bareApp } = bareBoltApp(stub.url);
bareApp.view(VIEWS.complaint, async ({ ack }) => ack());
const servers = [await listen(ours, '127.0.0.1', 0), await listen(bare, '127.0.0.1', 0)];
const [oursUrl, bareUrl] = servers.map((s) => `http://127.0.0.1:${portOf(s)}`);

const values = (n: number) => ({
  client: input.external(OPTIONS.client, clientId),
  product: input.text(`Caldaia ${n}`),
  description: input.text('Perde acqua'),
  problemCode: input.text('HYD-02'),
  category: input.text('idraulica'),
  department: input.text('assistenza'),
  priority: input.radio('P3'),
  channel: input.select('phone'),
  warranty: input.select('unknown'),
});

/** Every submission at once; the sorted answer times. */
async function burst(base: string, label: string): Promise<number[]> {
  const times = await Promise.all(
    Array.from({ length: total }, async (_, i) => {
      const body = viewSubmission('U0OP', {
        id: `V${label}${i}`,
        callbackId: VIEWS.complaint,
        values: values(i),
      });
      const start = performance.now();
      const answer = await postToBot(base, { body });
      if (answer.status !== 200 || answer.text !== '') throw new Error(`answer ${answer.status}`);
      return performance.now() - start;
    }),
  );
  return times.sort((a, b) => a - b);
}
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const line = (label: string, s: number[]) =>
  `${label} within 3 s ${s.filter((t) => t < DEADLINE_MS).length}/${s.length}, p50 ${pct(s, 0.5).toFixed(0)} ms, p99 ${pct(s, 0.99).toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms`;

const base = await burst(bareUrl!, 'bare');
const started = performance.now();
const mine = await burst(oursUrl!, 'ours');
console.log(`${total} complaint forms in flight at once`);
console.log(line('sportello', mine));
console.log(line('bare bolt', base));
console.log(
  `ratio p50 ${(pct(mine, 0.5) / pct(base, 0.5)).toFixed(2)} p99 ${(pct(mine, 0.99) / pct(base, 0.99)).toFixed(2)}`,
);
const toldTo = (pattern: RegExp) =>
  stub
    .of('chat.postMessage')
    .filter((c) => c.args.channel === 'U0OP' && pattern.test(String(c.args.text))).length;
while (toldTo(/registrato|non salvato/) < total)
  await new Promise((resolve) => setTimeout(resolve, 50));
console.log(
  `all ${total} told after ${((performance.now() - started) / 1000).toFixed(1)} s: "registered" ${toldTo(/registrato/)}, "not saved" ${toldTo(/non salvato/)}`,
);
for (const s of servers) await close(s);
await chat.stop();
await stub.close();
await drop();
await server.stop();
