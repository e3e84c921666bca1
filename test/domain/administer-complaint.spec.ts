import { beforeEach, describe, expect, it } from 'vitest';
import type { Complaint } from '../../src/domain/complaint/complaint.js';
import { fileComplaint } from '../../src/domain/complaint/file-complaint.js';
import { correctClient, reassignComplaint } from '../../src/domain/complaint/reassign-complaint.js';
import { reprioritiseComplaint } from '../../src/domain/complaint/reprioritise-complaint.js';
import { rerouteComplaint } from '../../src/domain/complaint/reroute-complaint.js';
import type { ChatUser } from '../../src/domain/shared/chat-user.js';
import type { Notification } from '../../src/domain/shared/notification.js';
import { inMemoryServices, type World } from '../fakes/in-memory-services.js';
import { rome, romeCalendar } from '../support/calendar.js';

const user = (id: string): ChatUser => ({ platform: 'slack', id });
const operator = user('U-OP');
const technician = user('U-TECH');
const coordinator = user('U-COORD');
const CARD = { platform: 'slack' as const, channel: 'C-ASSIST', messageId: '1.1' };

let world: World;
let complaint: Complaint;
beforeEach(async () => {
  world = inMemoryServices(romeCalendar(), rome('2026-12-01 10:00'));
  world.grant(operator, 'operator');
  world.grant(technician, 'technician');
  world.grant(coordinator, 'coordinator');
  for (const [department, channel] of [
    ['assistenza', 'C-ASSIST'],
    ['qualita', 'C-QUALITY'],
  ] as const)
    world.routingRules.push({
      id: department,
      department,
      category: '*',
      priority: '*',
      destination: { platform: 'slack', channel },
      mention: [],
    });
  const filed = await fileComplaint(world.services, operator, {
    clientId: world.addClient(),
    product: 'Pressa PX-200',
    description: 'Perde olio',
    problemCode: 'HYD-02',
    category: 'idraulica',
    department: 'assistenza',
    priority: 'P3',
    channel: 'phone',
  });
  if (!filed.ok) throw new Error(JSON.stringify(filed.error));
  complaint = filed.value.complaint;
  world.complaints.get(complaint.id)!.announcement = CARD;
});
const moves = () => world.notifications.filter((n) => n.type === 'case.moved');

describe('case administration', () => {
  it('leaves a settled case alone, whoever asks and whatever is asked', async () => {
    const stored = world.complaints.get(complaint.id)!;
    stored.status = 'withdrawn';
    const before = structuredClone(stored);
    const complaintId = complaint.id;
    const answers = [
      await reassignComplaint(world.services, coordinator, { complaintId, assignee: technician }),
      await rerouteComplaint(world.services, coordinator, { complaintId, department: 'qualita' }),
      await reprioritiseComplaint(world.services, coordinator, {
        complaintId,
        priority: 'P1',
        reason: 'Sicurezza',
      }),
      await correctClient(world.services, coordinator, {
        complaintId,
        clientId: world.addClient(),
      }),
    ];
    expect(answers.map((a) => !a.ok && a.error.code)).toEqual(Array(4).fill('COMPLAINT.SETTLED'));
    expect(world.complaints.get(complaint.id)).toEqual(before);
  });

  it('moves the card once, and a retried move whose first delivery stopped short moves it then', async () => {
    const queue = world.services.notifier.queue;
    let failOnce = true;
    world.services.notifier.queue = async (n: Notification, options) => {
      if (n.type === 'case.moved' && failOnce) {
        failOnce = false;
        throw new Error('the process stopped here');
      }
      return queue(n, options);
    };
    const form = { complaintId: complaint.id, department: 'Qualità', intakeKey: 'slack:view:V1' };
    await expect(rerouteComplaint(world.services, coordinator, form)).rejects.toThrow();
    expect(world.complaints.get(complaint.id)?.department).toBe('Qualità');
    expect(moves()).toEqual([]);
    const again = await rerouteComplaint(world.services, coordinator, form);
    expect(again).toMatchObject({ ok: true, repeat: true });
    await rerouteComplaint(world.services, coordinator, form);
    expect(moves()).toEqual([
      {
        type: 'case.moved',
        case: { caseKind: 'complaint', caseId: complaint.id, caseNumber: complaint.number },
        from: CARD,
        destination: { platform: 'slack', channel: 'C-QUALITY' },
        mention: [],
      },
    ]);
    expect(world.events.filter((e) => e.type === 'complaint.rerouted')).toHaveLength(1);
  });

  it('sends a department no rule knows to triage, and refuses the same department typed differently', async () => {
    const done = await rerouteComplaint(world.services, coordinator, {
      complaintId: complaint.id,
      department: 'ricambi',
    });
    expect(done.ok).toBe(true);
    // No rule for "ricambi": triage, so the card moves there.
    expect(moves().map((n) => n.type === 'case.moved' && n.destination.channel)).toEqual([
      'C-TRIAGE',
    ]);
    const same = await rerouteComplaint(world.services, coordinator, {
      complaintId: complaint.id,
      department: 'Ricambi',
    });
    expect(same).toMatchObject({ ok: false, error: { code: 'COMPLAINT.UNCHANGED' } });
  });

  it('moves only to a department the taxonomy lists, once it lists some, kept as the taxonomy spells it', async () => {
    for (const code of ['assistenza', 'qualita'])
      world.taxonomyEntries.push({ kind: 'department', code, label: code, status: 'active' });
    const typed = await rerouteComplaint(world.services, coordinator, {
      complaintId: complaint.id,
      department: 'Qualità totale',
    });
    expect(typed).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', details: { problems: [{ field: 'department' }] } },
    });
    expect(world.complaints.get(complaint.id)?.department).toBe('assistenza');
    expect(moves()).toEqual([]);
    const listed = await rerouteComplaint(world.services, coordinator, {
      complaintId: complaint.id,
      department: 'QUALITA',
    });
    expect(listed).toMatchObject({ ok: true, value: { department: 'qualita' } });
    expect(moves().map((n) => n.type === 'case.moved' && n.destination.channel)).toEqual([
      'C-QUALITY',
    ]);
  });

  it('raised to P1, the card follows a rule that sends P1 elsewhere and on-call is alerted', async () => {
    world.routingRules.push({
      id: 'p1',
      department: 'assistenza',
      category: '*',
      priority: 'P1',
      destination: { platform: 'slack', channel: 'C-ONCALL' },
      mention: [],
      onCall: technician,
    });
    const form = { complaintId: complaint.id, priority: 'P1', reason: 'Rischio sicurezza' };
    expect((await reprioritiseComplaint(world.services, coordinator, form)).ok).toBe(true);
    expect(moves()).toMatchObject([{ from: CARD, destination: { channel: 'C-ONCALL' } }]);
    const alerts = world.notifications.filter(
      (n) => n.type === 'direct.message' && n.say?.key === 'p1.alert',
    );
    expect(alerts).toMatchObject([{ to: technician }]);
    // Back to P3: the rule for every priority takes the card home again.
    world.complaints.get(complaint.id)!.announcement = { ...CARD, channel: 'C-ONCALL' };
    await reprioritiseComplaint(world.services, coordinator, {
      ...form,
      priority: 'P3',
      reason: 'Nessun rischio',
    });
    expect(moves().at(-1)).toMatchObject({ destination: { channel: 'C-ASSIST' } });
  });

  it('refuses an empty reason, a forged priority and an assignee who takes no cases', async () => {
    const complaintId = complaint.id;
    const noReason = await reprioritiseComplaint(world.services, coordinator, {
      complaintId,
      priority: 'P2',
      reason: ' ',
    });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const forged = await reprioritiseComplaint(world.services, coordinator, {
      complaintId,
      priority: 'P0',
      reason: 'x',
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const operatorAsAssignee = await reassignComplaint(world.services, coordinator, {
      complaintId,
      assignee: operator,
    });
    expect(operatorAsAssignee).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.ASSIGNEE_NOT_ELIGIBLE' },
    });
    expect(world.complaints.get(complaintId)).toMatchObject({ priority: 'P3', revision: 0 });
  });
});
