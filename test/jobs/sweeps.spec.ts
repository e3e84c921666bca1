import { beforeAll, describe, expect, it } from 'vitest';
import { logCareCall, remindCareCalls } from '../../src/domain/care/care-call-use-cases.js';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { raiseD2 } from '../../src/domain/d2/raise-d2.js';
import { signD2Request, startD2Request } from '../../src/domain/d2/decide-d2.js';
import { remindUnsignedD2s, remindUnstartedD2s } from '../../src/domain/d2/remind-unsigned-d2.js';
import type { Notification } from '../../src/domain/shared/notification.js';
import { createAgenda } from '../../src/jobs/agenda.js';
import { D2_SWEEP, defineSweeps } from '../../src/jobs/sweeps.job.js';
import {
  buildServices,
  careServices,
  filingServices,
  unsignedD2Services,
  type Services,
} from '../../src/services.js';
import { FixedClock } from '../fakes/in-memory-services.js';
import { rome, romeRules } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, director } from '../support/fixtures.js';

const secretariat = { platform: 'slack' as const, id: 'U0SDID' };
const office = { platform: 'slack' as const, id: 'U0SCOM' };
const owner = { platform: 'slack' as const, id: 'U0OWNER' };

describe('sweeps: unsigned D2 requests and due care calls', () => {
  const db = useTestDatabase('sweeps');
  const clock = new FixedClock(rome('2026-12-04 15:00')); // Friday; Tuesday 8 December is a holiday
  let services: Services;
  const queued = async <T extends Notification['type']>(type: T) =>
    (await db.store.outbox.list())
      .map((e) => e.notification)
      .filter((n): n is Extract<Notification, { type: T }> => n.type === type);

  beforeAll(async () => {
    services = buildServices(db.store, {
      clock,
      notifier: { queue: (n, o) => db.store.outbox.enqueue(n, clock.now(), o?.once) },
      scheduler: { reschedule: async () => undefined },
      rules: romeRules('C0TRIAGE'),
    });
    await db.store.roles.assign(secretariat, ['SDID']);
    await db.store.roles.assign(director, ['DCOM']);
    await db.store.roles.assign(office, ['SCOM']);
  });

  it('nags the director about an unsigned D2 after 4 business hours, then once a business day, once each', async () => {
    const client = await db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'D2C' })));
    const raised = await raiseD2(services, secretariat, {
      clientId: client.id,
      reason: 'Rinnovo contratto',
    });
    if (!raised.ok) throw new Error(raised.error.code);
    const sweep = () => remindUnsignedD2s(unsignedD2Services(db.store, services));

    clock.set(rome('2026-12-07 09:59')); // Fri 15:00–17:30 is 2h30, Monday 8:30–10:00 the rest
    expect((await sweep()).sent).toBe(0);
    clock.set(rome('2026-12-07 10:01'));
    expect((await sweep()).sent).toBe(1);
    expect((await sweep()).sent).toBe(1); // the same reminder again: the outbox keeps one
    expect(await queued('d2.unsigned')).toHaveLength(1);
    expect((await queued('d2.unsigned'))[0]).toMatchObject({
      to: [{ id: director.id }],
      case: { caseNumber: raised.value.number },
    });

    clock.set(rome('2026-12-09 10:01')); // Tuesday 8 December is closed: one business day later
    await sweep();
    expect(await queued('d2.unsigned')).toHaveLength(2);
    await signD2Request(services, director, { d2Id: raised.value.id });
    clock.set(rome('2026-12-15 10:01'));
    await sweep();
    expect(await queued('d2.unsigned')).toHaveLength(2);
  });

  it('hands a signed D2 to SCOM, reminds SCOM while nobody starts it, and stops once started', async () => {
    clock.set(rome('2026-12-14 15:00')); // Monday
    const client = await db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'D2S' })));
    const raised = await raiseD2(services, secretariat, { clientId: client.id, reason: 'Offerta' });
    if (!raised.ok) throw new Error(raised.error.code);
    await signD2Request(services, director, { d2Id: raised.value.id });
    const forThis = async () =>
      (await queued('d2.to_carry_out')).filter((n) => n.case.caseId === raised.value.id);
    expect(await forThis()).toMatchObject([{ to: [{ id: office.id }] }]);
    expect((await forThis())[0]?.waitingSince).toBeUndefined();
    const sweep = () => remindUnstartedD2s(unsignedD2Services(db.store, services));

    clock.set(rome('2026-12-15 09:59')); // Mon 15:00–17:30 is 2h30, Tuesday 8:30–10:00 the rest
    await sweep();
    expect(await forThis()).toHaveLength(1);
    clock.set(rome('2026-12-15 10:01'));
    await sweep();
    await sweep();
    const reminders = (await forThis()).filter((n) => n.waitingSince);
    expect(reminders).toMatchObject([{ to: [{ id: office.id }] }]);
    expect(new Date(reminders[0]!.waitingSince!)).toEqual(rome('2026-12-14 15:00'));

    await startD2Request(services, office, { d2Id: raised.value.id });
    clock.set(rome('2026-12-17 10:01'));
    await sweep();
    expect(await forThis()).toHaveLength(2);
  });

  it('reminds the owner of a due care call, nags while overdue, and stops once the call is logged', async () => {
    const client = await db.store.clients.insert(
      NewClientSchema.parse(
        aClient({
          code: 'CARE1',
          owner,
          careCadenceDays: 90,
          nextCareCallDue: rome('2026-12-14 08:30'),
        }),
      ),
    );
    await db.store.clients.insert(
      NewClientSchema.parse(
        aClient({ code: 'CARE2', careCadenceDays: 90, nextCareCallDue: rome('2027-06-01 08:30') }),
      ),
    );
    const care = careServices(db.store, services);
    const forClient = async () =>
      (await queued('care.call_due')).filter((n) => n.clientId === client.id);

    clock.set(rome('2026-12-11 09:00'));
    await remindCareCalls(care);
    expect(await forClient()).toHaveLength(0);
    clock.set(rome('2026-12-14 09:00'));
    await remindCareCalls(care);
    await remindCareCalls(care);
    expect(await forClient()).toEqual([
      expect.objectContaining({ overdue: false, to: [owner], clientName: client.name }),
    ]);
    clock.set(rome('2026-12-15 09:00'));
    await remindCareCalls(care);
    expect((await forClient()).map((n) => n.overdue)).toEqual([false, true]);

    await db.store.roles.assign(owner, ['SCOM']);
    const logged = await logCareCall(care, owner, {
      clientId: client.id,
      channel: 'phone',
      outcome: 'Soddisfatti; chiedono un corso per i nuovi operatori',
      needs: 'Corso di formazione',
    });
    expect(logged).toMatchObject({ ok: true, value: { nextDue: rome('2027-03-15 09:00') } });
    const stored = await db.store.clients.find(client.id);
    expect(stored).toMatchObject({
      lastCareCallAt: rome('2026-12-15 09:00'),
      nextCareCallDue: rome('2027-03-15 09:00'),
    });
    expect(await db.store.care.list({ clientId: client.id })).toEqual([
      expect.objectContaining({ channel: 'phone', needs: 'Corso di formazione', by: owner }),
    ]);
    clock.set(rome('2026-12-16 09:00'));
    await remindCareCalls(care);
    expect(await forClient()).toHaveLength(2);
    expect(
      await logCareCall(
        care,
        { platform: 'slack', id: 'U0NOBODY' },
        { clientId: client.id, channel: 'phone', outcome: 'x' },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CARE.FORBIDDEN' },
    });
  });

  it('runs the sweeps as Agenda jobs', async () => {
    const agenda = createAgenda(db.connection.db!, { name: 'sweeps-test', processEveryMs: 100 });
    const failures: object[] = [];
    await defineSweeps(agenda, {
      unsignedD2: unsignedD2Services(db.store, services),
      care: careServices(db.store, services),
      filings: filingServices(db.store, services),
      log: { warn: (data) => void failures.push(data) },
    });
    const client = await db.store.clients.insert(
      NewClientSchema.parse(aClient({ code: 'AGENDA' })),
    );
    clock.set(rome('2026-12-16 09:00'));
    const raised = await raiseD2(services, secretariat, {
      clientId: client.id,
      reason: 'Sollecito',
    });
    if (!raised.ok) throw new Error(raised.error.code);
    clock.set(rome('2026-12-17 09:00'));
    const done = new Promise<void>((resolve) =>
      agenda.once(`success:${D2_SWEEP}`, () => resolve()),
    );
    await agenda.start();
    await agenda.now(D2_SWEEP);
    await done;
    await agenda.stop();
    const reminders = (await queued('d2.unsigned')).filter(
      (n) => n.case.caseId === raised.value.id,
    );
    expect(reminders).toHaveLength(1);
    expect(failures).toEqual([]);
  });
});
