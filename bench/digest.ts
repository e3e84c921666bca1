/**
 * KPI digest cost: the digest's queries for one week over N seeded complaints, against one raw
 * aggregate ($match + $group) over the same collection, measured in the same run.
 * Usage: npm run bench:digest -- [complaints=1000000]   (MONGODB_URI, else mongo-java-server)
 */
import { indicatorsFrom } from '../src/domain/kpi/kpi.js';
import { lastActivityOf } from '../src/store/models/complaint.model.js';
import { benchServer, benchStore } from './support/bench-database.js';

const total = Number(process.argv[2] ?? 1_000_000);
const HOUR = 3_600_000;
const week = { from: new Date('2026-11-16T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') };

async function main() {
  const server = await benchServer();
  const { store, drop } = await benchStore(server.uri);
  const clientId = '0123456789abcdef01234567';
  const seeded = performance.now();
  const span = 52 * 7 * 24; // a year of hours
  for (let done = 0; done < total; done += 5_000) {
    const docs = Array.from({ length: Math.min(5_000, total - done) }, (_, i) => {
      const n = done + i;
      const receivedAt = new Date(week.to.getTime() - ((n * 7919) % span) * HOUR);
      const stoppedAt = new Date(receivedAt.getTime() + ((n % 48) + 1) * HOUR);
      const doc = {
        number: `R-2026-${String(n + 1).padStart(7, '0')}`,
        clientId,
        priority: ['P1', 'P2', 'P3'][n % 3],
        problemCode: `PC-${n % 40}`,
        status: n % 5 ? 'closed' : 'in_progress',
        receivedAt,
        costEur: (n % 997) / 10,
        phaseTimes: { new: receivedAt, ...(n % 5 ? { closed: stoppedAt } : {}) },
        slaClocks: [
          {
            target: 'resolution',
            state: n % 7 ? 'met' : 'breached',
            consumedMinutes: n % 900,
            stoppedAt,
          },
        ],
        ...(n % 9 === 0 ? { repeatOf: { id: clientId, number: 'R-2026-0000001' } } : {}),
      };
      // Raw inserts skip the model's hooks, so the derived field is set as a save would set it.
      return { ...doc, lastActivityAt: lastActivityOf(doc) };
    });
    await store.models.complaint.collection.insertMany(docs);
  }
  console.log(`seeded ${total} complaints in ${Math.round(performance.now() - seeded)} ms`);

  const time = async (fn: () => Promise<unknown>, runs = 3) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
    return Math.min(...times);
  };
  const baseline = await time(() =>
    store.models.complaint.aggregate([
      { $match: { receivedAt: { $gte: week.from, $lt: week.to } } },
      { $group: { _id: '$priority', n: { $sum: 1 } } },
    ]),
  );
  let opened = 0;
  const digest = await time(async () => {
    const counts = await store.kpi.counts(week);
    opened = indicatorsFrom(week, counts).opened;
  });
  const breakdown = await time(() => store.kpi.breakdown(week, 'problemCode'));
  const byClass = await time(() => store.kpi.breakdown(week, 'clientClass'));
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(`baseline  $match+$group            ${baseline.toFixed(0)} ms`);
  console.log(`digest    all indicators, 1 week   ${digest.toFixed(0)} ms  (opened ${opened})`);
  console.log(`ratio     digest / baseline        ${(digest / baseline).toFixed(2)}`);
  console.log(
    `breakdown by problem code, 1 week  ${breakdown.toFixed(0)} ms  (ratio ${(breakdown / baseline).toFixed(2)})`,
  );
  console.log(
    `breakdown by client class, 1 week  ${byClass.toFixed(0)} ms  (ratio ${(byClass / baseline).toFixed(2)})`,
  );
  console.log(`rss       ${rss} MB`);
  await drop();
  await server.stop();
}

await main();
