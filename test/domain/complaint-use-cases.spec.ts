import { beforeEach, describe, expect, it } from 'vitest';
import {
  addNote,
  acknowledgeComplaint,
  reopenComplaint,
  resumeComplaint,
  waitForCustomer,
} from '../../src/domain/complaint/move-complaint.js';
import {
  fileComplaint,
  type FileComplaintInput,
} from '../../src/domain/complaint/file-complaint.js';
import { giveApproval, refuseApproval } from '../../src/domain/complaint/decide-approval.js';
import { escalateComplaint } from '../../src/domain/complaint/escalate-complaint.js';
import { closeComplaint, resolveComplaint } from '../../src/domain/complaint/resolve-complaint.js';
import { takeInCharge } from '../../src/domain/complaint/take-in-charge.js';
import { countsAsDefect } from '../../src/domain/complaint/repeat.js';
import type { Complaint } from '../../src/domain/complaint/complaint.js';
import type { ChatUser } from '../../src/domain/shared/chat-user.js';
import { inMemoryServices, type World } from '../fakes/in-memory-services.js';
import { rome, romeCalendar } from '../support/calendar.js';

const user = (id: string): ChatUser => ({ platform: 'slack', id, name: id });
const operator = user('U-OP');
const technician = user('U-TECH');
const manager = user('U-MGR');
const director = user('U-DCOM');
const outsider = user('U-NOBODY');

let world: World;
let clientId: string;
beforeEach(() => {
  world = inMemoryServices(romeCalendar(), rome('2026-11-23 10:00'));
  clientId = world.addClient();
  world.grant(operator, 'operator');
  world.grant(technician, 'technician');
  world.grant(manager, 'manager');
  world.grant(director, 'DCOM');
  world.routingRules.push({
    id: 'r1',
    department: 'assistenza',
    category: '*',
    priority: '*',
    destination: { platform: 'slack', channel: 'C-ASSIST' },
    mention: [manager],
    onCall: technician,
  });
});

const form = (overrides: Partial<FileComplaintInput> = {}): FileComplaintInput => ({
  clientId,
  product: 'Pressa PX-200',
  description: 'La pressa perde olio dal cilindro principale',
  problemCode: 'HYD-02',
  category: 'hydraulics',
  department: 'assistenza',
  priority: 'P2',
  channel: 'phone',
  ...overrides,
});

async function filed(overrides: Partial<FileComplaintInput> = {}): Promise<Complaint> {
  const result = await fileComplaint(world.services, operator, form(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value.complaint;
}
function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
const clock = (c: Complaint, target: string) => c.slaClocks.find((k) => k.target === target);

describe('filing a complaint', () => {
  it('numbers a P2, starts its business-time clocks, records, schedules and announces it', async () => {
    const result = value(await fileComplaint(world.services, operator, form()));
    const c = result.complaint;
    expect(c).toMatchObject({
      number: 'R-2026-0001',
      status: 'new',
      registeredBy: operator,
      revision: 0,
    });
    expect(clock(c, 'take_in_charge')?.dueAt).toEqual(rome('2026-11-24 10:00'));
    expect(clock(c, 'resolution')?.dueAt).toEqual(rome('2026-11-30 10:00'));
    expect(world.events.map((e) => e.type)).toEqual(['complaint.filed']);
    expect(world.schedules).toEqual([
      {
        ref: { caseKind: 'complaint', caseId: c.id, caseNumber: 'R-2026-0001' },
        clocks: c.slaClocks,
      },
    ]);
    expect(world.notifications).toEqual([
      expect.objectContaining({
        type: 'case.announce',
        destination: { platform: 'slack', channel: 'C-ASSIST' },
        mention: [manager],
        direct: [],
      }),
    ]);
    expect(result.route.via).toBe('rule');
  });

  it('alerts on-call and the director directly for a P1, whose 30 minutes run in calendar time', async () => {
    world.clock.set(rome('2026-11-28 22:00')); // Saturday night
    const c = await filed({ priority: 'P1', category: 'safety' });
    expect(clock(c, 'first_response')?.dueAt).toEqual(rome('2026-11-28 22:30'));
    expect(world.notifications[0]).toMatchObject({
      type: 'case.announce',
      direct: [technician, director],
    });
  });

  it('sends a case with an unknown department to triage instead of dropping it', async () => {
    const result = value(
      await fileComplaint(world.services, operator, form({ department: 'nuovo-reparto' })),
    );
    expect(result.route).toMatchObject({ via: 'triage', destination: { channel: 'C-TRIAGE' } });
    expect(world.notifications[0]).toMatchObject({ destination: { channel: 'C-TRIAGE' } });
  });

  it('makes a P2 above the cost threshold wait for the director, clocks paused, and asks the director', async () => {
    const c = await filed({ estimatedCostEur: 800 });
    expect(c.status).toBe('awaiting_approval');
    expect(c.approvals).toEqual([
      expect.objectContaining({ kind: 'cost', role: 'DCOM', status: 'pending' }),
    ]);
    expect(c.slaClocks.every((k) => k.state === 'paused')).toBe(true);
    expect(world.events.map((e) => e.type)).toEqual(['complaint.filed', 'approval.requested']);
    expect(world.notifications[1]).toMatchObject({ type: 'decision.requested', from: [director] });
  });

  it('never makes a P1 wait: it starts at once and its approval follows', async () => {
    const c = await filed({
      priority: 'P1',
      estimatedCostEur: 5000,
      changesProductFunctionality: true,
    });
    expect(c.status).toBe('new');
    expect(c.approvals.map((a) => [a.kind, a.role])).toEqual([
      ['cost', 'DCOM'],
      ['feature_change', 'manager'],
    ]);
    expect(c.slaClocks.every((k) => k.state === 'running')).toBe(true);
  });

  it('refuses bad input field by field, and stores nothing and spends no number', async () => {
    const result = await fileComplaint(world.services, operator, {
      ...form(),
      priority: 'P9',
      description: 'ok\u0007bell',
      product: 'x'.repeat(201),
      $where: 'sleep(1000)',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INPUT.INVALID');
    const problems = result.error.details?.problems as { field: string; code: string }[];
    expect(problems.map((p) => p.field).sort()).toEqual([
      '(input)',
      'description',
      'priority',
      'product',
    ]);
    expect(problems.find((p) => p.field === 'product')).toMatchObject({
      code: 'too_big',
      maximum: 200,
    });
    expect(world.complaints.size).toBe(0);
    expect((await filed()).number).toBe('R-2026-0001');
  });

  it('refuses people without a filing role and unknown clients', async () => {
    expect(await fileComplaint(world.services, outsider, form())).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.FORBIDDEN' },
    });
    expect(
      await fileComplaint(world.services, operator, form({ clientId: 'f'.repeat(24) })),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.CLIENT_NOT_FOUND' },
    });
    expect(world.complaints.size).toBe(0);
  });

  it('links a case to the earlier one on the same client and problem code within 90 days', async () => {
    const first = await filed();
    world.clock.set(rome('2027-02-20 10:00')); // 89 days later
    const repeat = await filed();
    expect(repeat.repeatOf).toEqual({ id: first.id, number: first.number });
    expect(world.events.at(-1)?.data).toMatchObject({ repeatOf: first.number });

    const otherCode = await filed({ problemCode: 'ELE-01' });
    expect(otherCode.repeatOf).toBeUndefined();
    const otherClient = await filed({ clientId: world.addClient() });
    expect(otherClient.repeatOf).toBeUndefined();
    world.clock.set(rome('2027-05-25 10:00')); // 94 days after the repeat
    expect((await filed()).repeatOf).toBeUndefined();
  });
});

describe('working a case', () => {
  it('walks a P2 from intake to closing with a service order, a pause for the customer and complete data', async () => {
    const c = await filed();
    value(await acknowledgeComplaint(world.services, operator, { complaintId: c.id }));
    world.clock.set(rome('2026-11-23 15:00'));
    const taken = value(await takeInCharge(world.services, technician, { complaintId: c.id }));
    expect(taken.complaint).toMatchObject({
      status: 'in_progress',
      assignee: technician,
      revision: 3,
    });
    expect(clock(taken.complaint, 'take_in_charge')).toMatchObject({
      state: 'met',
      consumedMinutes: 300,
    });
    expect(taken.serviceOrder).toMatchObject({
      number: 'OdS-2026-0001',
      department: 'assistenza',
      dueAt: rome('2026-11-30 10:00'),
      status: 'open',
    });
    expect(taken.complaint.serviceOrderId).toBe(taken.serviceOrder?.id);

    world.clock.set(rome('2026-11-24 11:00'));
    const waiting = value(
      await waitForCustomer(world.services, technician, {
        complaintId: c.id,
        note: 'attendo foto',
      }),
    );
    expect(clock(waiting, 'resolution')).toMatchObject({ state: 'paused', consumedMinutes: 600 });
    world.clock.set(rome('2026-11-26 11:00'));
    const resumed = value(await resumeComplaint(world.services, technician, { complaintId: c.id }));
    expect(clock(resumed, 'resolution')).toMatchObject({
      state: 'running',
      dueAt: rome('2026-12-02 10:00'),
    });

    const resolved = value(
      await resolveComplaint(world.services, technician, {
        complaintId: c.id,
        solution: 'Sostituita guarnizione',
      }),
    );
    expect(clock(resolved, 'resolution')?.state).toBe('met');
    expect(await closeComplaint(world.services, operator, { complaintId: c.id })).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.CLOSE_INCOMPLETE', details: { missing: ['origin', 'costEur'] } },
    });
    const closed = value(
      await closeComplaint(world.services, operator, {
        complaintId: c.id,
        origin: 'supplier',
        costEur: 0,
      }),
    );
    expect(closed).toMatchObject({ status: 'closed', origin: 'supplier', costEur: 0 });
    expect(Object.keys(closed.phaseTimes)).toEqual(
      expect.arrayContaining([
        'new',
        'acknowledged',
        'in_progress',
        'waiting_customer',
        'resolved',
        'closed',
      ]),
    );
    const changes = world.notifications.filter((n) => n.type === 'case.changed');
    expect(changes).toHaveLength(world.events.length - 1); // every event but the filing refreshes the card
  });

  it('gives a P1 no service order unless someone asks for one', async () => {
    const c = await filed({ priority: 'P1' });
    expect(
      value(await takeInCharge(world.services, technician, { complaintId: c.id })).serviceOrder,
    ).toBeUndefined();
    const other = await filed({ priority: 'P1', problemCode: 'SAF-9' });
    const asked = value(
      await takeInCharge(world.services, technician, {
        complaintId: other.id,
        withServiceOrder: true,
      }),
    );
    expect(asked.serviceOrder?.number).toBe('OdS-2026-0001');
  });

  it('refuses moves the machine or the role does not allow, and changes nothing', async () => {
    const c = await filed();
    expect(
      await resolveComplaint(world.services, technician, { complaintId: c.id, solution: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.TRANSITION_NOT_ALLOWED' },
    });
    expect(await takeInCharge(world.services, operator, { complaintId: c.id })).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.FORBIDDEN' },
    });
    expect(
      await addNote(world.services, outsider, { complaintId: c.id, text: 'ciao' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.FORBIDDEN' },
    });
    expect(
      await acknowledgeComplaint(world.services, operator, { complaintId: '{"$gt":""}' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.NOT_FOUND' },
    });
    expect(world.complaints.get(c.id)?.revision).toBe(0);
    expect(world.events).toHaveLength(1);
  });

  it('adds notes to the history without moving the case', async () => {
    const c = await filed();
    const noted = value(
      await addNote(world.services, technician, { complaintId: c.id, text: 'Chiamato il cliente' }),
    );
    expect(noted.status).toBe('new');
    expect(world.events.at(-1)).toMatchObject({
      type: 'complaint.note_added',
      data: { text: 'Chiamato il cliente' },
    });
  });

  it('reopens with a reason and starts a fresh resolution clock', async () => {
    const c = await filed({ priority: 'P3' });
    value(await takeInCharge(world.services, technician, { complaintId: c.id }));
    value(
      await resolveComplaint(world.services, technician, { complaintId: c.id, solution: 'fatto' }),
    );
    expect(await reopenComplaint(world.services, operator, { complaintId: c.id })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    });
    world.clock.set(rome('2026-12-01 09:00'));
    const reopened = value(
      await reopenComplaint(world.services, operator, { complaintId: c.id, reason: 'di nuovo' }),
    );
    expect(clock(reopened, 'resolution')).toMatchObject({
      state: 'running',
      startedAt: rome('2026-12-01 09:00'),
      dueAt: rome('2026-12-04 09:00'),
      limitAt: rome('2026-12-09 09:00'), // 8 December is a holiday
    });
  });

  it('closes a goodwill case without an origin and keeps it out of defect counts', async () => {
    const c = await filed({ priority: 'P3' });
    value(await takeInCharge(world.services, technician, { complaintId: c.id }));
    value(
      await resolveComplaint(world.services, technician, {
        complaintId: c.id,
        solution: 'Spiegato l’uso corretto',
        goodwillCause: 'uso improprio, gestito per cortesia',
        costEur: 0,
      }),
    );
    const closed = value(await closeComplaint(world.services, operator, { complaintId: c.id }));
    expect(closed.goodwill).toEqual({ cause: 'uso improprio, gestito per cortesia' });
    expect(countsAsDefect(closed)).toBe(false);
  });
});

describe('approvals', () => {
  it('refuses and audits a sign-off by someone without the role; the director then approves', async () => {
    const c = await filed({ estimatedCostEur: 900 });
    expect(
      await giveApproval(world.services, operator, { complaintId: c.id, kind: 'cost' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL.FORBIDDEN' },
    });
    expect(world.events.at(-1)).toMatchObject({
      type: 'approval.attempt_refused',
      actor: operator,
    });
    expect(world.complaints.get(c.id)?.status).toBe('awaiting_approval');

    world.clock.set(rome('2026-11-23 12:00'));
    const approved = value(
      await giveApproval(world.services, director, { complaintId: c.id, kind: 'cost' }),
    );
    expect(approved.status).toBe('acknowledged');
    expect(approved.approvals[0]).toMatchObject({
      status: 'approved',
      decidedBy: director,
      decidedAt: rome('2026-11-23 12:00'),
    });
    expect(clock(approved, 'take_in_charge')).toMatchObject({
      state: 'running',
      dueAt: rome('2026-11-24 12:00'),
    });
    expect(world.schedules.at(-1)?.clocks).toEqual(approved.slaClocks);
    expect(
      await giveApproval(world.services, director, { complaintId: c.id, kind: 'cost' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL.ALREADY_DECIDED' },
    });
  });

  it('rejects the case when the director refuses, with a reason, and cancels its clocks', async () => {
    const c = await filed({ estimatedCostEur: 900 });
    expect(
      await refuseApproval(world.services, director, {
        complaintId: c.id,
        kind: 'cost',
        reason: ' ',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    });
    const refused = value(
      await refuseApproval(world.services, director, {
        complaintId: c.id,
        kind: 'cost',
        reason: 'Fuori garanzia',
      }),
    );
    expect(refused.status).toBe('rejected');
    expect(refused.slaClocks.every((k) => k.state === 'cancelled')).toBe(true);
  });

  it('escalates a case in progress for a feature change and asks a manager', async () => {
    const c = await filed();
    value(await takeInCharge(world.services, technician, { complaintId: c.id }));
    const escalated = value(
      await escalateComplaint(world.services, technician, {
        complaintId: c.id,
        kind: 'feature_change',
        reason: 'Il cliente chiede una modifica al ciclo',
      }),
    );
    expect(escalated.status).toBe('awaiting_approval');
    expect(clock(escalated, 'resolution')?.state).toBe('paused');
    expect(world.notifications.at(-1)).toMatchObject({
      type: 'decision.requested',
      from: [manager],
    });
    expect(
      await escalateComplaint(world.services, technician, {
        complaintId: c.id,
        kind: 'feature_change',
        reason: 'ancora',
      }),
    ).toMatchObject({ ok: false, error: { code: 'APPROVAL.ALREADY_PENDING' } });
  });
});
