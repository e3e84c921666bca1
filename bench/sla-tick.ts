/**
 * SLA sweep scaling: the cost of one Agenda tick that sends 20 due SLA reminders, with 1k, 10k and
 * 100k open cases waiting for later reminders, against the same tick with no other open cases
 * (the baseline), in the same run. It should grow with the due jobs, not with the open cases.
 * Reminders days away stay on the cases' clocks until they come within two hours; the pass that
 * promotes them (every 30 minutes, not every tick) is timed on its own.
 * Usage: npm run bench:sla -- [sizes=1000,10000,100000] [due=20]
 */
import { Types } from 'mongoose';
import { NewClientSchema } from '../src/domain/client/client.js';
import { createAgenda } from '../src/jobs/agenda.js';
import { promoteSlaReminders } from '../src/domain/sla/promote-reminders.js';
import { SLA_JOB, agendaSlaScheduler, defineSlaJob } from '../src/jobs/sla.job.js';
import { buildServices, slaPromotionServices } from '../src/services.js';
import { romeRules } from '../test/support/calendar.js';
import { aClient, aComplaint } from '../test/support/fixtures.js';
import { benchServer, benchStore } from './support/bench-database.js';

const sizes = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number);
const due = Number(process.argv[3] ?? 20);
const MINUTE = 60_000;
const server = await benchServer();

/** One tick's wall time with `open` cases whose reminders are days away and `due` due now. */
async function tick(open: number) {
  const { connection, store, drop } = await benchStore(server.uri);
  const clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
  const jobs = connection.db!.collection('agendaJobs');
  const later = Date.now() + 3 * 24 * 60 * MINUTE;
  for (let done = 0; done < open; done += 5_000) {
    const batch = Array.from({ length: Math.min(5_000, open - done) }, (_, i) => {
      const n = done + i;
      const dueAt = new Date(later + n * MINUTE);
      return { _id: new Types.ObjectId(), n, dueAt };
    });
    await store.models.complaint.collection.insertMany(
      batch.map((b) => ({
        _id: b._id,
        number: `R-2026-${String(b.n + 1).padStart(7, '0')}`,
        clientId: new Types.ObjectId(clientId),
        status: 'in_progress',
        priority: 'P3',
        receivedAt: new Date(),
        lastActivityAt: new Date(),
        slaClocks: [{ target: 'resolution', state: 'running', warnAt: b.dueAt, dueAt: b.dueAt }],
      })),
    );
  }
  const agenda = createAgenda(connection.db!, { name: 'bench', processEveryMs: MINUTE });
  const scheduler = agendaSlaScheduler(agenda, { now: () => new Date() });
  const services = buildServices(store, {
    clock: { now: () => new Date() },
    notifier: { queue: (n, o) => store.outbox.enqueue(n, new Date(), o?.once) },
    scheduler,
    rules: romeRules('C0TRIAGE'),
  });
  defineSlaJob(agenda, services);
  const now = new Date();
  for (let i = 0; i < due; i++) {
    const base = aComplaint(clientId, { problemCode: `DUE-${i}`, status: 'in_progress' });
    const warnAt = new Date(now.getTime() - MINUTE);
    const clock = { ...base.slaClocks[0]!, state: 'running' as const, warnAt };
    delete (clock as { stoppedAt?: Date }).stoppedAt;
    clock.dueAt = new Date(now.getTime() + 24 * 60 * MINUTE);
    const c = await store.complaints.register({ ...base, slaClocks: [clock] }, 2026);
    await services.scheduler.reschedule(
      { caseKind: 'complaint', caseId: c.id, caseNumber: c.number },
      [clock],
    );
  }
  const promotion = slaPromotionServices(store, services, scheduler.keep);
  const promoteStart = performance.now();
  const { reminders: promoted } = await promoteSlaReminders(promotion);
  const promoteMs = performance.now() - promoteStart;
  if (promoted !== due) throw new Error(`${promoted} reminders promoted, ${due} expected`);
  const waiting = await jobs.countDocuments({ name: SLA_JOB });

  let completed = 0;
  const finished = new Promise<void>((resolve) =>
    agenda.on(`complete:${SLA_JOB}`, () => {
      if (++completed === due) resolve();
    }),
  );
  const start = performance.now();
  await agenda.start();
  await finished;
  const ms = performance.now() - start;
  await agenda.stop();
  const reminders = await store.models.outbox.countDocuments({
    'notification.type': 'case.reminder',
  });
  if (reminders !== due) throw new Error(`${reminders} reminders sent, ${due} expected`);
  await drop();
  return { ms, promoteMs, waiting };
}

await tick(0); // warm-up
// The baseline is the median of three ticks, as a single small tick is noisy.
const baselines = [await tick(0), await tick(0), await tick(0)].sort((a, b) => a.ms - b.ms);
const baseline = baselines[1]!;
console.log(`${due} due reminders per tick (sent and checked each time)`);
const line = (open: number, r: Awaited<ReturnType<typeof tick>>) =>
  `open cases ${String(open).padStart(7)}  tick ${r.ms.toFixed(0)} ms  ratio ${(r.ms / baseline.ms).toFixed(2)}  (jobs in Agenda ${r.waiting}; promotion pass ${r.promoteMs.toFixed(0)} ms)`;
console.log(`${line(0, baseline)}  baseline`);
for (const open of sizes) console.log(line(open, await tick(open)));
await server.stop();
// Agenda leaves timers behind after stop() that would keep the process alive for minutes.
process.exit(0);
