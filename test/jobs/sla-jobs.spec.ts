import type { Agenda } from 'agenda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { fileComplaint } from '../../src/domain/complaint/file-complaint.js';
import { waitForCustomer } from '../../src/domain/complaint/move-complaint.js';
import { takeInCharge } from '../../src/domain/complaint/take-in-charge.js';
import type { Notification } from '../../src/domain/shared/notification.js';
import { remindSla } from '../../src/domain/sla/remind-sla.js';
import { createAgenda } from '../../src/jobs/agenda.js';
import {
  agendaSlaScheduler,
  defineSlaJob,
  defineSlaPromotion,
  SLA_JOB,
} from '../../src/jobs/sla.job.js';
import { buildServices, slaPromotionServices, type Services } from '../../src/services.js';
import { FixedClock } from '../fakes/in-memory-services.js';
import { rome, romeRules } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint, director, operator } from '../support/fixtures.js';

const technician = { platform: 'slack' as const, id: 'U0TECH' };
const manager = { platform: 'slack' as const, id: 'U0MGR' };

describe('SLA reminder jobs (Agenda on the test database)', () => {
  const db = useTestDatabase('sla_jobs');
  const clock = new FixedClock(rome('2027-03-26 16:00')); // Friday before Easter Monday
  let agenda: Agenda;
  let scheduler: ReturnType<typeof agendaSlaScheduler>;
  let promote: () => Promise<void>;
  let services: Services;
  let clientId: string;
  const outbox = async () =>
    (await db.store.outbox.list())
      .map((e) => e.notification)
      .filter(
        (n): n is Extract<Notification, { type: 'case.reminder' }> => n.type === 'case.reminder',
      );
  const jobsOf = async (caseId: string) =>
    db.connection
      .db!.collection('agendaJobs')
      .find({ name: SLA_JOB, 'data.caseId': caseId })
      .sort({ nextRunAt: 1 })
      .toArray();

  const promoteAt = async (at: Date) => {
    clock.set(at);
    await promote();
  };

  beforeAll(async () => {
    agenda = createAgenda(db.connection.db!, { name: 'sla-test', processEveryMs: 100 });
    scheduler = agendaSlaScheduler(agenda, clock);
    services = buildServices(db.store, {
      clock,
      notifier: { queue: (n, o) => db.store.outbox.enqueue(n, clock.now(), o?.once) },
      scheduler,
      rules: romeRules('C0TRIAGE'),
    });
    defineSlaJob(agenda, services);
    promote = await defineSlaPromotion(
      agenda,
      slaPromotionServices(db.store, services, scheduler.keep),
      db.connection.db!.collection('agendaJobs'),
    );
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await db.store.roles.assign(operator, ['operator']);
    await db.store.roles.assign(technician, ['technician']);
    await db.store.roles.assign(manager, ['manager']);
    await db.store.roles.assign(director, ['DCOM']);
  });
  afterAll(async () => agenda.stop());

  const fileP2 = async () => {
    const filed = await fileComplaint(services, operator, {
      clientId,
      product: 'Linea L-4',
      description: 'Nastro fermo',
      problemCode: 'CON-01',
      category: 'conveyor',
      department: 'assistenza',
      priority: 'P2',
      channel: 'phone',
    });
    if (!filed.ok) throw new Error(JSON.stringify(filed.error));
    return filed.value.complaint;
  };

  it("keeps a Friday-16:00 P2's reminders out of Agenda until they come within two hours, around Easter Monday", async () => {
    clock.set(rome('2027-03-26 16:00'));
    const c = await fileP2();
    const scheduled = async () =>
      (await jobsOf(c.id)).map((j) => [j.data.target, j.data.kind, j.nextRunAt]);
    expect(await scheduled()).toEqual([]);

    await promoteAt(rome('2027-03-30 11:00')); // the take-in-charge warning is 2 h 45 min away
    expect(await scheduled()).toEqual([]);
    await promoteAt(rome('2027-03-30 12:00'));
    expect(await scheduled()).toEqual([['take_in_charge', 'warning', rome('2027-03-30 13:45')]]);
    await promoteAt(rome('2027-03-30 14:00'));
    await promoteAt(rome('2027-03-30 14:30')); // a second pass adds nothing
    expect(await scheduled()).toEqual([
      ['take_in_charge', 'warning', rome('2027-03-30 13:45')],
      ['take_in_charge', 'breach', rome('2027-03-30 16:00')],
    ]);
    await promoteAt(rome('2027-04-05 14:00')); // the warning passed days ago: only the breach
    expect(await scheduled()).toEqual([
      ['take_in_charge', 'warning', rome('2027-03-30 13:45')],
      ['take_in_charge', 'breach', rome('2027-03-30 16:00')],
      ['resolution', 'breach', rome('2027-04-05 16:00')],
    ]);
  });

  it('drops reminder jobs that finished over a day ago, and promotes as it does', async () => {
    const jobs = db.connection.db!.collection('agendaJobs');
    const promotedAt = rome('2027-05-11 07:30');
    const finished = (hoursAgo: number) => ({
      name: SLA_JOB,
      data: { caseId: `old-${hoursAgo}` },
      nextRunAt: null,
      lastFinishedAt: new Date(promotedAt.getTime() - hoursAgo * 3_600_000),
    });
    clock.set(rome('2027-05-10 09:00'));
    await jobs.insertMany([finished(30), finished(2)]);
    const c = await fileP2(); // P2 filed Monday 09:00: taken in charge by Tuesday 09:00
    await promoteAt(promotedAt);
    expect(await jobs.countDocuments({ 'data.caseId': /^old-/ })).toBe(1);
    // Its warning fell on Monday afternoon, over a horizon ago: only the breach is promoted.
    expect((await jobsOf(c.id)).map((j) => [j.data.kind, j.nextRunAt])).toEqual([
      ['breach', rome('2027-05-11 09:00')],
    ]);
  });

  it('nudges the assignee at the warning, escalates at the breach and nags every 2 business hours', async () => {
    clock.set(rome('2027-03-26 16:00'));
    const c = await fileP2();
    await promoteAt(rome('2027-03-30 14:00'));
    const [warning, breach] = await jobsOf(c.id);
    clock.set(rome('2027-03-30 13:45'));
    expect(await remindSla(services, { ...warning!.data, at: new Date(warning!.data.at) })).toEqual(
      { sent: true },
    );

    clock.set(rome('2027-03-30 16:00'));
    const result = await remindSla(services, { ...breach!.data, at: new Date(breach!.data.at) });
    expect(result).toMatchObject({
      sent: true,
      nextNag: { kind: 'nag', at: rome('2027-03-31 09:00'), status: 'new' },
    });
    const stored = await db.store.complaints.get(c.id);
    expect(stored?.slaClocks.find((k) => k.target === 'take_in_charge')?.state).toBe('breached');
    const history = await db.store.caseEvents.history('complaint', c.id);
    expect(history.at(-1)).toMatchObject({ type: 'sla.breached', actor: { platform: 'system' } });
    const reminders = (await outbox()).filter((n) => n.case.caseId === c.id);
    expect(reminders.map((r) => r.kind)).toEqual(['warning', 'breach']);
    // Nobody holds it and no rule names its people: the warning goes to the director (triage).
    expect(reminders[0]).toMatchObject({ to: [director], unassigned: true });
    expect(reminders[1]?.to.map((u) => u.id).sort()).toEqual([director.id, manager.id].sort());
    expect(reminders[1]?.escalation).toBeUndefined(); // no escalation channel configured

    // A second run of the same breach (another instance, a restart) tells nobody twice.
    expect(
      (await remindSla(services, { ...breach!.data, at: new Date(breach!.data.at) })).sent,
    ).toBe(true);
    expect((await outbox()).filter((n) => n.case.caseId === c.id)).toHaveLength(2);

    clock.set(rome('2027-03-31 09:00'));
    expect((await remindSla(services, result.nextNag!)).nextNag?.at).toEqual(
      rome('2027-03-31 11:00'),
    );
    const taken = await takeInCharge(services, technician, { complaintId: c.id });
    expect(taken.ok).toBe(true);
    expect(await remindSla(services, { ...result.nextNag!, at: rome('2027-03-31 11:00') })).toEqual(
      { sent: false },
    );
  });

  it('gives a paused case no reminders, and reschedules them when it resumes', async () => {
    clock.set(rome('2027-03-26 16:00'));
    const c = await fileP2();
    await takeInCharge(services, technician, { complaintId: c.id });
    await promoteAt(rome('2027-04-02 12:00'));
    const [resolutionWarning] = (await jobsOf(c.id)).filter((j) => j.data.target === 'resolution');
    expect(resolutionWarning?.nextRunAt).toEqual(rome('2027-04-02 13:45'));
    clock.set(rome('2027-03-26 16:30'));
    await waitForCustomer(services, technician, { complaintId: c.id });
    expect(await jobsOf(c.id)).toEqual([]);
    await promoteAt(rome('2027-04-02 12:00')); // a paused clock has nothing to promote
    expect(await jobsOf(c.id)).toEqual([]);
    clock.set(rome('2027-04-02 13:45'));
    expect(
      await remindSla(services, {
        ...resolutionWarning!.data,
        at: new Date(resolutionWarning!.data.at),
      }),
    ).toEqual({
      sent: false,
    });
  });

  it('sends each reminder exactly once with two Agenda instances on one database', async () => {
    const second = createAgenda(db.connection.db!, { name: 'sla-test-2', processEveryMs: 100 });
    defineSlaJob(second, services);
    const soon = new Date(Date.now() + 400);
    clock.set(soon);
    const cases: string[] = [];
    for (let i = 0; i < 20; i++) {
      const base = aComplaint(clientId, {
        problemCode: `EX-${i}`,
        status: 'in_progress',
        assignee: technician,
      });
      const clocks = [
        {
          ...base.slaClocks[0]!,
          state: 'running' as const,
          warnAt: soon,
          dueAt: new Date(soon.getTime() + 3_600_000),
        },
      ];
      delete (clocks[0] as { stoppedAt?: Date }).stoppedAt;
      const c = await db.store.complaints.register({ ...base, slaClocks: clocks }, 2027);
      await scheduler.reschedule(
        { caseKind: 'complaint', caseId: c.id, caseNumber: c.number },
        clocks,
      );
      cases.push(c.id);
    }
    await Promise.all([agenda.start(), second.start()]);
    const warnings = async () =>
      (await outbox()).filter((n) => cases.includes(n.case.caseId) && n.kind === 'warning');
    for (let i = 0; i < 100 && (await warnings()).length < 20; i++)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    await second.stop();
    const sent = await warnings();
    expect(sent).toHaveLength(20);
    expect(new Set(sent.map((n) => n.case.caseId)).size).toBe(20);
  });

  it('sends a reminder once after a crashed instance left its job locked', async () => {
    const c = (await db.store.complaints.list({ problemCode: 'EX-0' }))[0]!;
    const at = new Date(Date.now() + 100);
    await db.store.complaints.save(
      { ...c, slaClocks: [{ ...c.slaClocks[0]!, warnAt: at }] },
      c.revision,
    );
    await db.connection.db!.collection('agendaJobs').insertOne({
      name: SLA_JOB,
      data: { caseId: c.id, target: c.slaClocks[0]!.target, kind: 'warning', at: at.toISOString() },
      priority: 0,
      type: 'normal',
      nextRunAt: at,
      lockedAt: new Date(Date.now() - 60 * 60_000), // locked by a process that died an hour ago
      lastModifiedBy: 'crashed-instance',
    });
    const restarted = createAgenda(db.connection.db!, {
      name: 'sla-restarted',
      processEveryMs: 100,
      lockLifetimeMs: 1_000,
    });
    defineSlaJob(restarted, services);
    await restarted.start();
    const crashedWarnings = async () =>
      (await outbox()).filter(
        (n) => n.case.caseId === c.id && n.kind === 'warning' && n.dueAt.getTime() > 0,
      );
    const before = (await crashedWarnings()).length;
    for (let i = 0; i < 60 && (await crashedWarnings()).length === before; i++)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    await restarted.stop();
    expect((await crashedWarnings()).length).toBe(before + 1);
  });
});
