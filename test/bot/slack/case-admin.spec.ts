import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { Complaint } from '../../../src/domain/complaint/complaint.js';
import { AGENDA_COLLECTION, createAgenda } from '../../../src/jobs/agenda.js';
import { agendaSlaScheduler } from '../../../src/jobs/sla.job.js';
import { rome } from '../../support/calendar.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  buttonPress,
  complaintValues,
  input,
  postToBot,
  reshaped,
  viewSubmission,
} from '../../support/slack-requests.js';
import { toldTo, waitToldTo } from '../../support/told.js';

const OPERATOR = 'U0OP';
const MANAGER = 'U0MGR';
const MANAGER_EN = 'U0MGREN';
const TECH = 'U0TECH';
const NOBODY = 'U0NOROLE';
const QUALITY = 'C0QUALITY';
const TRIAGE = 'C0TRIAGE';

// Tuesday 1 December 2026 in Rome; Tuesday 8 December is a holiday (Immacolata).
const RECEIVED = rome('2026-12-01 10:00');
let now = RECEIVED;
const clock = { now: () => now };

/** A press on the card's "Amministra" menu, as Slack sends an overflow choice. */
const administer = (user: string, kind: string, caseId: string, channel: string, ts: string) =>
  reshaped(buttonPress(user, ACTIONS.administer, '', channel, ts), (payload) => {
    payload.trigger_id = `trigger-${user}-${kind}`;
    payload.actions = [
      {
        type: 'overflow',
        action_id: ACTIONS.administer,
        block_id: 'case_actions',
        selected_option: { value: `${kind}:${caseId}`, text: { type: 'plain_text', text: kind } },
        action_ts: '1700000000.2',
      },
    ];
  });

describe('Slack: case administration from the card — reassign, move, priority, client', () => {
  const bot = useSlackBot('slack_case_admin', {
    clock,
    locales: { [MANAGER_EN]: 'en-GB' },
    scheduler: (db) =>
      agendaSlaScheduler(createAgenda(db.connection.db!, { name: 'case-admin' }), clock),
  });
  const ids = { rossi: '', bianchi: '', complaint: '' };
  let card = { channel: '', ts: '' };
  beforeAll(async () => {
    const { store } = bot.db;
    await store.roles.assign(slackUser('U0BOSS'), ['DCOM']);
    await store.roles.assign(slackUser(OPERATOR), ['operator']);
    await store.roles.assign(slackUser(MANAGER), ['manager']);
    await store.roles.assign(slackUser(MANAGER_EN), ['manager']);
    await store.roles.assign(slackUser(TECH), ['technician']);
    ids.rossi = (
      await store.clients.insert(
        NewClientSchema.parse(aClient({ code: 'ROSSI', name: 'Rossi Meccanica' })),
      )
    ).id;
    ids.bianchi = (
      await store.clients.insert(
        NewClientSchema.parse(aClient({ code: 'BIANCHI', name: 'Bianchi Srl' })),
      )
    ).id;
    await store.routingRules.add({
      department: 'qualita',
      category: '*',
      priority: '*',
      destination: { platform: 'slack', channel: QUALITY },
      mention: [slackUser(TECH)],
    });
  });
  const post = (body: string) => postToBot(bot.baseUrl, { body });
  const submit = (
    user: string,
    id: string,
    callbackId: string,
    values: Record<string, Record<string, object>>,
  ) =>
    post(
      viewSubmission(user, {
        id,
        callbackId,
        values,
        privateMetadata: JSON.stringify({ id: ids.complaint }),
      }),
    );
  const stored = async () => (await bot.db.store.complaints.get(ids.complaint)) as Complaint;
  // The trail as its reader gives it: the filing's events live in the case's own document.
  const events = async () =>
    (await bot.db.store.caseEvents.history('complaint', ids.complaint)).map((e) => e.type);
  const thread = (channel: string, ts: string) =>
    bot.stub
      .of('chat.postMessage')
      .filter((c) => c.args.channel === channel && c.args.thread_ts === ts)
      .map((c) => String(c.args.text));
  const formOpened = (user: string, kind: string) =>
    eventually(() => {
      const call = bot.stub
        .of('views.open')
        .find((c) => c.args.trigger_id === `trigger-${user}-${kind}`);
      if (!call) throw new Error(`no ${kind} form for ${user} yet`);
      return call.args.view as { callback_id: string; title: { text: string }; blocks: object[] };
    });

  it('files a P3 case whose card in triage carries the “Amministra” menu', async () => {
    const answer = await post(
      viewSubmission(OPERATOR, {
        id: 'VFILE',
        callbackId: VIEWS.complaint,
        values: {
          ...complaintValues(ids.rossi, OPTIONS.client),
          department: input.text('assistenza'),
        },
        privateMetadata: '{"channel":"C0OPS"}',
      }),
    );
    expect(answer.status).toBe(200);
    const posted = await eventually(() => {
      const c = bot.stub
        .of('chat.postMessage')
        .find((m) => m.args.channel === TRIAGE && !m.args.thread_ts);
      if (!c) throw new Error('no card yet');
      return c;
    });
    const complaint = (await bot.db.store.complaints.findByNumber('R-2026-0001'))!;
    ids.complaint = complaint.id;
    await eventually(async () => expect((await stored()).announcement).toBeDefined());
    card = { channel: TRIAGE, ts: (await stored()).announcement!.messageId };
    const actions = (
      posted.args.blocks as {
        type: string;
        elements?: { type: string; options?: { value: string }[] }[];
      }[]
    ).find((b) => b.type === 'actions')!;
    const menu = actions.elements!.find((e) => e.type === 'overflow')!;
    expect(menu.options!.map((o) => o.value)).toEqual(
      ['reassign', 'reroute', 'reprioritise', 'correctClient'].map((k) => `${k}:${complaint.id}`),
    );
  });

  it('refuses people without the role before any form opens, each with its own text, and a forged form changes nothing', async () => {
    now = rome('2026-12-01 11:00');
    await post(administer(NOBODY, 'reroute', ids.complaint, card.channel, card.ts));
    await post(administer(OPERATOR, 'reprioritise', ids.complaint, card.channel, card.ts));
    await post(administer(OPERATOR, 'reassign', ids.complaint, card.channel, card.ts));
    const [reroute] = await waitToldTo(bot.stub, NOBODY, 1);
    expect(reroute).toBe(
      'Per spostare un reclamo a un altro reparto serve uno di questi ruoli: coordinator, manager, DCOM, admin. Chiedi a <@U0BOSS>.',
    );
    const told = await waitToldTo(bot.stub, OPERATOR, 2, /^Per /);
    expect(told).toEqual([
      'Per cambiare la priorità di un reclamo serve uno di questi ruoli: coordinator, manager, DCOM, admin. Chiedi a <@U0BOSS>.',
      'Per riassegnare un reclamo serve uno di questi ruoli: coordinator, manager, DCOM, admin. Chiedi a <@U0BOSS>.',
    ]);
    expect(
      bot.stub.of('views.open').filter((c) => String(c.args.trigger_id).startsWith('trigger-U0')),
    ).toEqual([]);

    // A forged menu value (another form, no such case) opens nothing either.
    await post(administer(MANAGER, 'dropDatabase', ids.complaint, card.channel, card.ts));
    await post(administer(MANAGER, 'reroute', 'f'.repeat(24), card.channel, card.ts));
    expect(await waitToldTo(bot.stub, MANAGER, 2)).toEqual([
      'Reclamo non trovato.',
      'Reclamo non trovato.',
    ]);
    expect(
      bot.stub.of('views.open').filter((c) => String(c.args.trigger_id).startsWith('trigger-U0')),
    ).toEqual([]);

    const before = await stored();
    const forged = await submit(OPERATOR, 'VFORGED', VIEWS.casePriority, {
      priority: input.select('P1'),
      reason: input.text('Me lo ha detto il cliente'),
    });
    expect(forged.json()).toEqual({
      response_action: 'errors',
      errors: { priority: 'Non hai il ruolo per questa azione.' },
    });
    const moved = await submit(NOBODY, 'VFORGED2', VIEWS.caseReroute, {
      department: input.text('qualita'),
    });
    expect(moved.json().errors).toEqual({ department: 'Non hai il ruolo per questa azione.' });
    const after = await stored();
    expect(after.revision).toBe(before.revision);
    expect(after).toMatchObject({ priority: 'P3', department: 'assistenza' });
    expect(await events()).toEqual(['complaint.filed']);
  });

  it('renders every administration form in Italian and in English', async () => {
    for (const user of [MANAGER, MANAGER_EN])
      for (const kind of ['reassign', 'reroute', 'reprioritise', 'correctClient']) {
        await post(administer(user, kind, ids.complaint, card.channel, card.ts));
        const view = await formOpened(user, kind);
        const expected = {
          reassign: [VIEWS.caseReassign, 'Riassegna', 'Reassign'],
          reroute: [VIEWS.caseReroute, 'Sposta di reparto', 'Move to department'],
          reprioritise: [VIEWS.casePriority, 'Cambia priorità', 'Change priority'],
          correctClient: [VIEWS.caseClient, 'Correggi cliente', 'Correct client'],
        }[kind]!;
        expect(view.callback_id).toBe(expected[0]);
        expect(view.title.text).toBe(user === MANAGER ? expected[1] : expected[2]);
        const shown = JSON.stringify(view.blocks);
        expect(shown).toContain('R-2026-0001');
        if (kind === 'reprioritise') {
          expect(shown).toContain(user === MANAGER ? 'Motivo del cambio' : 'Reason for the change');
          expect(shown).toContain('"initial_option"');
        }
        if (kind === 'reroute') {
          expect(shown).toContain('"initial_value":"assistenza"');
          expect(shown).toContain(
            user === MANAGER
              ? 'Reparti con una regola: qualita.'
              : 'Departments with a rule: qualita.',
          );
        }
        if (kind === 'reassign') expect(shown).toContain('users_select');
        if (kind === 'correctClient') expect(shown).toContain(OPTIONS.client);
      }
  });

  it('moves the case to the department’s channel by the routing rules: the new channel gets the card, the old one points to it', async () => {
    const triage = card;
    const form = {
      department: input.text('Qualità'),
      note: input.text('È un difetto di produzione'),
    };
    expect((await submit(MANAGER, 'VMOVE', VIEWS.caseReroute, form)).text).toBe('');
    expect((await submit(MANAGER, 'VMOVE', VIEWS.caseReroute, form)).text).toBe(''); // Slack's retry
    const newCard = await eventually(() => {
      const c = bot.stub
        .of('chat.postMessage')
        .filter((m) => m.args.channel === QUALITY && !m.args.thread_ts);
      if (!c.length) throw new Error('no card in the new channel yet');
      return c;
    }, 10_000);
    expect(newCard).toHaveLength(1);
    expect(JSON.stringify(newCard[0]!.args.blocks)).toContain('R-2026-0001');
    expect(JSON.stringify(newCard[0]!.args.blocks)).toContain('Qualità');
    await eventually(async () => expect((await stored()).announcement?.channel).toBe(QUALITY));
    const moved = await stored();
    expect(moved.department).toBe('Qualità');
    card = { channel: QUALITY, ts: moved.announcement!.messageId };

    const pointer = 'R-2026-0001 è stato spostato in <#C0QUALITY>: la scheda ora è lì.';
    await eventually(() => expect(thread(TRIAGE, triage.ts)).toContain(pointer), 10_000);
    const oldCard = bot.stub
      .of('chat.update')
      .filter((c) => c.args.ts === triage.ts)
      .at(-1)!;
    expect(oldCard.args.text).toBe(pointer);
    await eventually(() =>
      expect(thread(QUALITY, card.ts)).toContain(
        'R-2026-0001 arriva qui da <#C0TRIAGE>. <@U0TECH>',
      ),
    );
    const line =
      '<@U0MGR> ha spostato il caso dal reparto assistenza a Qualità (<#C0QUALITY>). — È un difetto di produzione';
    await eventually(() =>
      expect([...thread(TRIAGE, triage.ts), ...thread(QUALITY, card.ts)]).toContain(line),
    );
    expect(await events()).toEqual(['complaint.filed', 'complaint.rerouted']);
    const [event] = await bot.db.store.models.caseEvent.find({ type: 'complaint.rerouted' }).lean();
    expect(event).toMatchObject({
      actor: { platform: 'slack', id: MANAGER },
      data: { from: 'assistenza', to: 'Qualità', platform: 'slack', channel: QUALITY },
    });
    // Back to the same department: nothing to change, said on the form.
    const same = await submit(MANAGER, 'VSAME', VIEWS.caseReroute, {
      department: input.text('qualita'),
    });
    expect(same.json().errors).toEqual({ department: 'Nessun cambiamento: il caso è già così.' });
  });

  it('reassigns the case to a technician, who is told; a person who cannot take cases is refused', async () => {
    const refused = await submit(MANAGER, 'VNOBODY', VIEWS.caseReassign, {
      assignee: input.user(NOBODY),
    });
    expect(refused.json().errors).toEqual({
      assignee:
        'Questa persona non ha un ruolo che prende in carico i casi (technician, coordinator, manager).',
    });
    const empty = await submit(MANAGER, 'VEMPTY', VIEWS.caseReassign, {
      assignee: { value: { type: 'users_select', selected_user: null } },
    });
    expect(empty.json().errors).toEqual({ assignee: 'Campo obbligatorio.' });
    expect(
      (await submit(MANAGER, 'VASSIGN', VIEWS.caseReassign, { assignee: input.user(TECH) })).text,
    ).toBe('');
    expect((await stored()).assignee).toEqual({ platform: 'slack', id: TECH });
    const [dm] = await waitToldTo(bot.stub, TECH, 1, /assegnato/);
    expect(dm).toBe(
      `Ti è stato assegnato il caso R-2026-0001. — <https://example.slack.com/archives/C0QUALITY/p${card.ts.replace('.', '')}|apri il caso>`,
    );
    await eventually(() =>
      expect(thread(QUALITY, card.ts)).toContain('<@U0MGR> ha assegnato il caso a <@U0TECH>.'),
    );
    await eventually(() => {
      const update = bot.stub
        .of('chat.update')
        .filter((c) => c.args.ts === card.ts)
        .at(-1);
      expect(JSON.stringify(update?.args.blocks)).toContain('<@U0TECH>');
    });
    expect((await events()).at(-1)).toBe('complaint.reassigned');
  });

  it('re-prioritises with a required reason: the SLA clocks count from the receipt on the business calendar, and the reminders follow', async () => {
    const noReason = await submit(MANAGER, 'VNOREASON', VIEWS.casePriority, {
      priority: input.select('P2'),
      reason: input.text('  '),
    });
    expect(noReason.json().errors).toEqual({ reason: 'Campo obbligatorio.' });
    expect((await stored()).priority).toBe('P3');

    const reason = 'Impianto fermo in produzione';
    expect(
      (
        await submit(MANAGER, 'VP2', VIEWS.casePriority, {
          priority: input.select('P2'),
          reason: input.text(reason),
        })
      ).text,
    ).toBe('');
    const p2 = await stored();
    expect(p2.priority).toBe('P2');
    // Received Tue 1 Dec 10:00, changed at 11:00: one business day (08:30–17:30) from the
    // receipt is Wed 2 Dec 10:00; five skip the 8 December holiday: Wed 9 Dec 10:00.
    const due = (c: Complaint) =>
      Object.fromEntries(c.slaClocks.map((k) => [k.target, k.dueAt.toISOString()]));
    expect(due(p2)).toEqual({
      take_in_charge: rome('2026-12-02 10:00').toISOString(),
      resolution: rome('2026-12-09 10:00').toISOString(),
    });
    await eventually(() =>
      expect(thread(QUALITY, card.ts)).toContain(
        `<@U0MGR> ha cambiato la priorità: P3 → P2. Motivo: ${reason}`,
      ),
    );
    const [event] = await bot.db.store.models.caseEvent
      .find({ type: 'complaint.priority_changed' })
      .lean();
    expect(event).toMatchObject({ actor: { id: MANAGER }, data: { from: 'P3', to: 'P2', reason } });

    // To P1 at 11:00: the first handling was due 30 minutes after the receipt (10:30), so its
    // breach reminder is in the scheduler now, for that instant.
    now = rome('2026-12-01 11:00');
    await submit(MANAGER, 'VP1', VIEWS.casePriority, {
      priority: input.select('P1'),
      reason: input.text('Rischio sicurezza'),
    });
    const p1 = await stored();
    expect(due(p1)).toEqual({
      first_response: rome('2026-12-01 10:30').toISOString(),
      resolution: rome('2026-12-02 10:00').toISOString(),
    });
    // Raised to P1: the director is alerted directly, as for a new P1.
    const [alert] = await waitToldTo(bot.stub, 'U0BOSS', 1, /P1/);
    expect(alert).toBe(':rotating_light: P1 R-2026-0001: Perdita d’olio dal cilindro');
    const jobs = await bot.db.connection
      .db!.collection(AGENDA_COLLECTION)
      .find({ 'data.caseId': ids.complaint })
      .toArray();
    const reminders = jobs.map(
      (j) => `${j.data.target}:${j.data.kind}:${new Date(j.data.at).toISOString()}`,
    );
    expect(reminders).toContain(`first_response:breach:${rome('2026-12-01 10:30').toISOString()}`);
    expect(reminders.every((r) => r.startsWith('first_response:'))).toBe(true);
    await eventually(() => {
      const update = bot.stub
        .of('chat.update')
        .filter((c) => c.args.ts === card.ts)
        .at(-1);
      expect(String(update?.args.text)).toContain('P1');
    });
  });

  it('corrects the client from the client picker, on the record and in the thread', async () => {
    const unknown = await submit(OPERATOR, 'VBADCLIENT', VIEWS.caseClient, {
      client: input.external(OPTIONS.client, 'f'.repeat(24)),
    });
    expect(unknown.json().errors).toEqual({ client: 'Cliente non trovato.' });
    const answer = await submit(OPERATOR, 'VCLIENT', VIEWS.caseClient, {
      client: input.external(OPTIONS.client, ids.bianchi),
    });
    expect(answer.text).toBe('');
    expect((await stored()).clientId).toBe(ids.bianchi);
    await eventually(() =>
      expect(thread(QUALITY, card.ts)).toContain(
        '<@U0OP> ha corretto il cliente: Rossi Meccanica (ROSSI) → Bianchi Srl (BIANCHI).',
      ),
    );
    expect(await events()).toEqual([
      'complaint.filed',
      'complaint.rerouted',
      'complaint.reassigned',
      'complaint.priority_changed',
      'complaint.priority_changed',
      'complaint.client_corrected',
    ]);
    expect(toldTo(bot.stub, OPERATOR, /Errore|error/i)).toEqual([]);
  });
});
