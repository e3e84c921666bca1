/**
 * Intake throughput: complaints per second from signed Slack view submissions until the case's
 * card is handed to the outbox, one bot process on the CI database, against a bare Bolt app whose
 * view handler does only the floor of that work (insert the case, insert the outbox entry, ack).
 * Slack (the Web API stub and the load generator) runs in a child process, as it is not the bot.
 * Usage: npm run bench:intake -- [submissions=2000] [concurrency=20]
 */
import { VIEWS } from '../src/bot/ids.js';
import { NewClientSchema } from '../src/domain/client/client.js';
import { close, createHttpApp, listen, portOf } from '../src/http/server.js';
import { aClient } from '../test/support/fixtures.js';
import { connectDatabase } from '../src/store/connection.js';
import { startTestChat } from '../test/support/test-chat.js';
import { bareBoltApp } from './support/bare-app.js';
import { benchChild } from './support/child.js';
import type { Burst, CardTimes } from './support/slack-side.js';

import { benchServer, benchStore } from './support/bench-database.js';

const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 20);
const server = await benchServer();
const { connection, store, drop } = await benchStore(server.uri, { monitorCommands: true });
// The bench's own polls (how many cards are queued yet) go through a connection nobody counts.
const watcher = await connectDatabase(server.uri, connection.name);
// Round trips to the database, by command, while a run is counted (outbox polling included).
const trips = new Map<string, number>();
let counting = false;
const tripsBy = new Map<string, number>();
connection
  .getClient()
  .on('commandStarted', (event: { commandName: string; command: Record<string, unknown> }) => {
    if (!counting) return;
    trips.set(event.commandName, (trips.get(event.commandName) ?? 0) + 1);
    const where = `${event.commandName} ${String(event.command[event.commandName])}`;
    tripsBy.set(where, (tripsBy.get(where) ?? 0) + 1);
  });
function countTrips<T>(during: () => Promise<T>) {
  trips.clear();
  tripsBy.clear();
  counting = true;
  return during().finally(() => (counting = false));
}
const perCase = () =>
  [...trips]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${(n / total).toFixed(2)}`)
    .join(', ');
const tripsPerCase = () => [...trips.values()].reduce((a, b) => a + b, 0) / total;
await store.roles.assign({ platform: 'slack', id: 'U0OP' }, ['operator']);
const clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;

const slack = benchChild(new URL('./support/slack-side.ts', import.meta.url));
/** Submission → card posted in the channel, timed on Slack's side, for a burst's cards. */
async function cardTimes(label: string, count: number) {
  const answer = await slack.ask({ cardsOf: label, count, withinMs: 300_000 } satisfies CardTimes);
  return answer as unknown as { posted: number; p50: number; p99: number };
}
const stubUrl = String((await slack.first).stubUrl);

const ours = createHttpApp({ databaseReachable: async () => true });
const chat = await startTestChat(store, ours, { slackApiUrl: stubUrl, outbox: { pollMs: 100 } });
const { http: bare, app: bareApp } = bareBoltApp(stubUrl);
const floor = connection.db!.collection('bench_floor_cases');
const floorOutbox = connection.db!.collection('bench_floor_outbox');
const floorQueued = () => watcher.db!.collection('bench_floor_outbox').countDocuments();
bareApp.view(VIEWS.complaint, async ({ ack, view }) => {
  const { insertedId } = await floor.insertOne({ values: view.state.values, at: new Date() });
  await floorOutbox.insertOne({ caseId: insertedId, status: 'pending', nextAttemptAt: new Date() });
  await ack();
});

const servers = [await listen(ours, '127.0.0.1', 0), await listen(bare, '127.0.0.1', 0)];
const [oursUrl, bareUrl] = servers.map((s) => `http://127.0.0.1:${portOf(s)}`);

/** Sends a burst from Slack's side; resolves when `handedOver` reaches its size, in items/s. */
async function run(base: string, label: string, count: number, handedOver: () => Promise<number>) {
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  const burst: Burst = { base, label, count, concurrency, clientId };
  const outcome = await slack.ask(burst);
  if (outcome.failed) throw new Error(String(outcome.failed));
  // Polled every 25 ms: often enough for a run of seconds, rarely enough to cost the bot little.
  while ((await handedOver()) < count) await new Promise((r) => setTimeout(r, 25));
  const rate = count / ((performance.now() - start) / 1000);
  const cpu = process.cpuUsage(cpuBefore);
  return { rate, cpuMsPerCase: (cpu.user + cpu.system) / 1000 / count };
}

const announced = () =>
  watcher.db!.collection('outbox').countDocuments({ 'notification.type': 'case.announce' });
await run(oursUrl!, 'warm', 100, announced); // warm-up: JIT, connections, first number claims
await run(bareUrl!, 'warmbare', 100, floorQueued);
await cardTimes('warm', 100);
await store.models.outbox.deleteMany({});
await floorOutbox.deleteMany({});
const { rate: mine, cpuMsPerCase: mineCpu } = await countTrips(() =>
  run(oursUrl!, 'ours', total, announced),
);
const mineTrips = { total: tripsPerCase(), detail: perCase() };
const mineBy = [...tripsBy].sort((a, b) => b[1] - a[1]);
// Counting on until every card is posted: filing and delivery, the whole cost of a case.
counting = true;
const cards = await cardTimes('ours', total);
counting = false;
const postedTrips = { total: tripsPerCase(), detail: perCase() };
const postedBy = [...tripsBy].sort((a, b) => b[1] - a[1]);
const { rate: base, cpuMsPerCase: baseCpu } = await countTrips(() =>
  run(bareUrl!, 'bare', total, floorQueued),
);
const baseTrips = tripsPerCase();
console.log(`submissions ${total}, ${concurrency} in flight, outbox delivery running`);
console.log(
  `sportello  ${mine.toFixed(0)} complaints/s  (signed submission → case filed → card in the outbox)`,
);
console.log(
  `baseline   ${base.toFixed(0)} submissions/s  (bare Bolt: insert case + outbox entry, ack)`,
);
console.log(`ratio      baseline / sportello  ${(base / mine).toFixed(2)}`);
// CPU of the bot's process per case over the same span (the database and Slack's side are other
// processes): steadier than throughput on a machine shared with other work.
console.log(
  `cpu / case sportello ${mineCpu.toFixed(2)} ms, baseline ${baseCpu.toFixed(2)} ms, ratio ${(mineCpu / baseCpu).toFixed(2)}`,
);
// The count includes the outbox's own polling and the cards it delivered meanwhile, not the
// bench's polls (its own connection).
console.log(`round trips per case  sportello ${mineTrips.total.toFixed(2)} (${mineTrips.detail})`);
console.log(`round trips per case  baseline  ${baseTrips.toFixed(2)}`);
console.log(
  `submission → card posted  p50 ${cards.p50.toFixed(0)} ms, p99 ${cards.p99.toFixed(0)} ms (${cards.posted}/${total} posted)`,
);
const byCollection = (counts: [string, number][]) =>
  counts.map(([where, n]) => `${where} ${(n / total).toFixed(2)}`).join(', ');
console.log(`  by collection: ${byCollection(mineBy)}`);
console.log(
  `round trips per case until its card is posted  ${postedTrips.total.toFixed(2)} (${postedTrips.detail})`,
);
console.log(`  by collection: ${byCollection(postedBy)}`);
for (const s of servers) await close(s);
await chat.stop();
await slack.close();
await watcher.close();
await drop();
await server.stop();
