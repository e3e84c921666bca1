import type { Server } from 'node:http';
import type { Agenda } from 'agenda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import type { RunningChat } from '../../../src/chat.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { Complaint } from '../../../src/domain/complaint/complaint.js';
import { close, createHttpApp, listen, portOf } from '../../../src/http/server.js';
import { createAgenda } from '../../../src/jobs/agenda.js';
import { agendaSlaScheduler, defineSlaJob } from '../../../src/jobs/sla.job.js';
import { pingDatabase } from '../../../src/store/connection.js';
import { romeRules } from '../../support/calendar.js';
import { useTestDatabase } from '../../support/database.js';
import { aClient, aComplaint, slackUser } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import {
  buttonPress,
  input,
  postToBot,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';
import { startSlackStub, type SlackStub } from '../../support/slack-stub.js';
import { startTestChat } from '../../support/test-chat.js';
import { toldTo, waitToldTo } from '../../support/told.js';

const OPERATOR = 'U0OP';
const ON_CALL = 'U0ONCALL';
const COORDINATOR = 'U0LEAD';
const MANAGER = 'U0MGR'; // reads Slack in English
const DIRECTOR = 'U0DCOM';
const TECH = 'U0TECH';
const CASES = 'C0CASES';
const ESCALATION = 'C0ESCALATE';
const MINUTE = 60_000;

/**
 * SLA alerts reach someone who can act, through real Bolt over HTTP, real Agenda and the outbox:
 * an unassigned P1's warning DMs its department's on-call person and coordinator, an assigned
 * case's its assignee; a breach DMs the manager and the director too and is posted to the
 * escalation channel; the card then says since when and by how much, its buttons still work.
 * A low rating tells the owner, the manager and the director, with the comment and a link.
 */
describe('Slack: SLA alerts and unhappy customers reach who must act', () => {
  const db = useTestDatabase('sla_alerts');
  const clock = new ShiftedClock();
  let stub: SlackStub;
  let chat: RunningChat;
  let server: Server;
  let agenda: Agenda;
  let base = '';
  let clientId = '';

  beforeAll(async () => {
    stub = await startSlackStub({ [MANAGER]: 'en-GB' });
    const { store } = db;
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await store.roles.assign(slackUser(OPERATOR), ['operator']);
    await store.roles.assign(slackUser(ON_CALL), ['technician']);
    await store.roles.assign(slackUser(COORDINATOR), ['coordinator']);
    await store.roles.assign(slackUser(MANAGER), ['manager']);
    await store.roles.assign(slackUser(DIRECTOR), ['DCOM']);
    await store.roles.assign(slackUser(TECH), ['technician']);
    await store.routingRules.add({
      department: 'assistenza',
      category: '*',
      priority: '*',
      destination: { platform: 'slack', channel: CASES },
      mention: [slackUser(COORDINATOR)],
      onCall: slackUser(ON_CALL),
    });
    agenda = createAgenda(db.connection.db!, { name: 'sla-alerts', processEveryMs: 100 });
    const http = createHttpApp({ databaseReachable: () => pingDatabase(db.connection) });
    chat = await startTestChat(store, http, {
      slackApiUrl: stub.url,
      clock,
      scheduler: agendaSlaScheduler(agenda, clock),
      rules: {
        ...romeRules('C0TRIAGE'),
        escalationChannel: { platform: 'slack', channel: ESCALATION },
      },
    });
    defineSlaJob(agenda, chat.services);
    server = await listen(http, '127.0.0.1', 0);
    base = `http://127.0.0.1:${portOf(server)}`;
  }, 60_000);
  afterAll(async () => {
    await agenda.stop();
    await close(server);
    await chat.stop();
    await stub.close();
    // A payload Slack would refuse fails the file even when no test looked at that call.
    expect(stub.refusals).toEqual([]);
  });

  const fileP1 = async (viewId: string, department = 'assistenza', priority = 'P1') => {
    const answer = await postToBot(base, {
      body: viewSubmission(OPERATOR, {
        id: viewId,
        callbackId: VIEWS.complaint,
        values: {
          client: input.external(OPTIONS.client, clientId),
          product: input.text(`Pressa ${viewId}`),
          description: input.text('La protezione non blocca il ciclo'),
          problemCode: input.text(`SAF-${viewId}`),
          category: input.text('sicurezza'),
          department: input.text(department),
          priority: input.radio(priority),
          channel: input.select('phone'),
          warranty: input.select('unknown'),
        },
      }),
    });
    expect(answer.status).toBe(200);
    return eventually(async () => {
      const [filed] = await db.store.complaints.search(`Pressa ${viewId}`, 1);
      if (!filed?.announcement) throw new Error(`${viewId} has no card yet`);
      return filed;
    }, 10_000);
  };
  const threadOf = (c: Complaint) =>
    stub
      .of('chat.postMessage')
      .filter((m) => m.args.thread_ts === c.announcement!.messageId)
      .map((m) => String(m.args.text));
  /** Every text the bot sent Slack: none may hold a double space or a catalogue key. */
  const everything = () =>
    stub.calls
      .filter((c) => ['chat.postMessage', 'chat.update', 'chat.postEphemeral'].includes(c.method))
      .map((c) => String(c.args.text));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

  let unassigned: Complaint;
  it("DMs an unassigned P1's warning to the department's on-call person and coordinator", async () => {
    // Filed 25 minutes ago: the first-response warning (75% of 30 min) is due, its breach not.
    clock.set(new Date(Date.now() - 25 * MINUTE));
    unassigned = await fileP1('VWARN');
    expect(unassigned.announcement).toMatchObject({ channel: CASES });
    await agenda.start();
    const about = /non è ancora assegnato e sta per scadere/;
    for (const who of [ON_CALL, COORDINATOR]) {
      const [dm] = await waitToldTo(stub, who, 1, about);
      expect(dm).toBe(
        `:hourglass_flowing_sand: Il caso *${unassigned.number}* non è ancora assegnato e sta per scadere: Prima gestione entro il ${local(unassigned, 'first_response')}. Prendilo in carico o assegnalo. — <https://example.slack.com/archives/${CASES}/p${unassigned.announcement!.messageId.replace('.', '')}|apri il caso>`,
      );
    }
    const line = await eventually(() => {
      const found = threadOf(unassigned).find((t) => t.startsWith(':hourglass'));
      if (!found) throw new Error('no warning in the thread yet');
      return found;
    });
    expect(line).toBe(
      `:hourglass_flowing_sand: ${unassigned.number}: Prima gestione scade il ${local(unassigned, 'first_response')}. Per: <@${ON_CALL}> <@${COORDINATOR}>.`,
    );
    await settle();
    for (const who of [ON_CALL, COORDINATOR]) expect(toldTo(stub, who, about)).toHaveLength(1);
    // A warning is not an escalation: manager, director and the escalation channel hear nothing.
    expect(toldTo(stub, MANAGER)).toEqual([]);
    expect(toldTo(stub, DIRECTOR, /scadere/)).toEqual([]);
    expect(stub.of('chat.postMessage').filter((m) => m.args.channel === ESCALATION)).toEqual([]);
  });

  it("DMs an assigned case's warning to its assignee only", async () => {
    const at = new Date();
    const assigned = await db.store.complaints.register(
      aComplaint(clientId, {
        problemCode: 'ASSIGNED-1',
        department: 'assistenza',
        status: 'in_progress',
        assignee: slackUser(TECH),
        slaClocks: [
          {
            target: 'resolution',
            basis: 'calendar',
            budgetMinutes: 24 * 60,
            startedAt: new Date(at.getTime() - 20 * 60 * MINUTE),
            runningSince: new Date(at.getTime() - 20 * 60 * MINUTE),
            warnAt: new Date(at.getTime() - MINUTE),
            dueAt: new Date(at.getTime() + 4 * 60 * MINUTE),
            state: 'running',
            consumedMinutes: 0,
          },
        ],
      }),
      2026,
    );
    await db.store.complaints.setAnnouncement(assigned.id, {
      platform: 'slack',
      channel: CASES,
      messageId: '70.1',
    });
    await agendaSlaScheduler(agenda, clock).reschedule(
      { caseKind: 'complaint', caseId: assigned.id, caseNumber: assigned.number },
      assigned.slaClocks,
    );
    const [dm] = await waitToldTo(stub, TECH, 1, /sta per scadere/);
    expect(dm).toBe(
      `:hourglass_flowing_sand: Il tuo caso *${assigned.number}* sta per scadere: Risoluzione entro il ${local(assigned, 'resolution')}. — <https://example.slack.com/archives/${CASES}/p701|apri il caso>`,
    );
    await settle();
    expect(toldTo(stub, TECH, /sta per scadere/)).toHaveLength(1);
    for (const who of [ON_CALL, COORDINATOR, MANAGER, DIRECTOR])
      expect(toldTo(stub, who, new RegExp(assigned.number))).toEqual([]);
  });

  it('at a breach DMs manager and director too, posts to the escalation channel, and the card says since when and by how much, its buttons still working', async () => {
    await agenda.stop();
    // Filed 3 h ago: its first response was due 2 h 30 min ago; the bot's clock says 2 h 15 min.
    const filedAt = new Date(Date.now() - 180 * MINUTE);
    clock.set(filedAt);
    const late = await fileP1('VBREACH');
    const firstResponse = late.slaClocks.find((c) => c.target === 'first_response')!;
    clock.set(new Date(firstResponse.dueAt.getTime() + 135 * MINUTE + 1_000));
    // The director's DM fails once: the outbox retries it alone, and nobody is told twice.
    stub.fail('chat.postMessage', 500, 1, { channel: DIRECTOR });
    await agenda.start();

    const about = /è in ritardo/;
    const link = `<https://example.slack.com/archives/${CASES}/p${late.announcement!.messageId.replace('.', '')}|`;
    const [it] = await waitToldTo(stub, DIRECTOR, 1, about);
    expect(it).toBe(
      `:rotating_light: Il caso *${late.number}* è in ritardo: Prima gestione entro il ${local(late, 'first_response')}, scadenza superata. — ${link}apri il caso>`,
    );
    const [en] = await waitToldTo(stub, MANAGER, 1, /is late/);
    expect(en).toBe(
      `:rotating_light: Case *${late.number}* is late: First handling was due ${local(late, 'first_response')}. — ${link}open the case>`,
    );
    for (const who of [ON_CALL, COORDINATOR]) await waitToldTo(stub, who, 1, about);

    const escalated = await eventually(() => {
      const [post] = stub.of('chat.postMessage').filter((m) => m.args.channel === ESCALATION);
      if (!post) throw new Error('nothing in the escalation channel yet');
      return String(post.args.text);
    });
    expect(escalated).toBe(
      `:rotating_light: Scadenza superata: *${late.number}* (P1, reparto assistenza), Prima gestione entro il ${local(late, 'first_response')}. Avvisati: <@${ON_CALL}> <@${COORDINATOR}> <@${MANAGER}> <@${DIRECTOR}>. — ${link}apri il caso>`,
    );

    const card = await eventually(() => {
      const update = stub
        .of('chat.update')
        .filter((u) => u.args.ts === late.announcement!.messageId)
        .map((u) => JSON.stringify(u.args.blocks))
        .find((blocks) => blocks.includes('scaduta da'));
      if (!update) throw new Error('card not refreshed yet');
      return update;
    });
    expect(card).toMatch(
      /Prima gestione: entro \d\d\/\d\d\/\d{4} \d\d:\d\d \(scaduta da 2 h 15 min, (dalle \d\d:\d\d|dal \d\d\/\d\d\/\d{4} \d\d:\d\d)\)/,
    );
    expect(card).not.toMatch(/Prima gestione:[^"]*in tempo/);
    expect(card).toContain(ACTIONS.takeInCharge);

    await settle();
    for (const who of [ON_CALL, COORDINATOR, DIRECTOR])
      expect(toldTo(stub, who, about)).toHaveLength(1);
    expect(toldTo(stub, MANAGER, /is late/)).toHaveLength(1);
    expect(stub.of('chat.postMessage').filter((m) => m.args.channel === ESCALATION)).toHaveLength(
      1,
    );

    // The breached card's buttons still work: the technician takes the case in charge from it.
    const pressed = await postToBot(base, {
      body: buttonPress(TECH, ACTIONS.takeInCharge, late.id, CASES, late.announcement!.messageId),
    });
    expect(pressed.status).toBe(200);
    await eventually(async () =>
      expect(await db.store.complaints.get(late.id)).toMatchObject({
        status: 'in_progress',
        assignee: { id: TECH },
      }),
    );
  });

  it('mentions whoever triages (the coordinator) on a P3 card no rule routes', async () => {
    const triaged = await fileP1('VTRIAGE', 'amministrazione', 'P3');
    expect(triaged.announcement).toMatchObject({ channel: 'C0TRIAGE' });
    await eventually(() =>
      expect(threadOf(triaged)).toContain(
        `<@${COORDINATOR}> nessuna regola di instradamento prende questo caso: spostalo nel reparto giusto con *Amministra → Sposta di reparto*, o aggiungi una regola (\`/sportello routing add\`) per i prossimi.`,
      ),
    );
  });

  it('tells owner, manager and director of a low rating, with the comment and a link to the reopened case', async () => {
    const resolved = await db.store.complaints.register(
      aComplaint(clientId, {
        problemCode: 'RATED-1',
        status: 'resolved',
        satisfaction: undefined,
        assignee: slackUser(TECH),
      }),
      2026,
    );
    await db.store.complaints.setAnnouncement(resolved.id, {
      platform: 'slack',
      channel: CASES,
      messageId: '80.1',
    });
    const command = slashCommand(
      COMMANDS.complaint,
      OPERATOR,
      `rate ${resolved.number} 2 tempi troppo lunghi`,
    );
    const answer = (await postToBot(base, { body: command })).json() as { text: string };
    expect(answer.text).toBe(
      `Valutazione 2/5 registrata per *${resolved.number}*: il caso è stato riaperto e ne sono stati avvisati il responsabile, i manager e la direzione.`,
    );
    const link = `https://example.slack.com/archives/${CASES}/p801`;
    const italian = `:warning: Il caso *${resolved.number}* è stato riaperto: il cliente ha dato 2/5. Commento: «tempi troppo lunghi» — <${link}|apri il caso>`;
    expect(await waitToldTo(stub, TECH, 1, /riaperto/)).toEqual([italian]);
    expect(await waitToldTo(stub, DIRECTOR, 1, /riaperto/)).toEqual([italian]);
    expect(await waitToldTo(stub, MANAGER, 1, /reopened/)).toEqual([
      `:warning: Case *${resolved.number}* was reopened: the customer rated it 2/5. Comment: “tempi troppo lunghi” — <${link}|open the case>`,
    ]);
    await settle();
    for (const who of [TECH, DIRECTOR]) expect(toldTo(stub, who, /riaperto/)).toHaveLength(1);
    expect(toldTo(stub, MANAGER, /reopened/)).toHaveLength(1);
    expect(await db.store.complaints.get(resolved.id)).toMatchObject({ status: 'reopened' });
  });

  it('sent no text with a double space or a catalogue key', () => {
    const texts = everything();
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter((t) => /\S {2,}\S/.test(t))).toEqual([]);
    expect(texts.filter((t) => /\b(reminder|sla|satisfaction|case)\.[a-z_]+/.test(t))).toEqual([]);
  });
});

/** The bot's clock set to another instant, running on from it (the outbox's retries come due). */
class ShiftedClock {
  private offset = 0;
  now = () => new Date(Date.now() + this.offset);
  set(at: Date) {
    this.offset = at.getTime() - Date.now();
  }
}

/** A clock's due instant as the messages write it (Rome time). */
function local(complaint: Complaint, target: string): string {
  const clock = complaint.slaClocks.find((c) => c.target === target)!;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Rome',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(clock.dueAt);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}
