import type { Server } from 'node:http';
import type { Agenda } from 'agenda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import type { RunningChat } from '../../../src/chat.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { Complaint } from '../../../src/domain/complaint/complaint.js';
import { close, createHttpApp, listen, portOf } from '../../../src/http/server.js';
import { createAgenda } from '../../../src/jobs/agenda.js';
import { SLA_JOB, agendaSlaScheduler, defineSlaJob } from '../../../src/jobs/sla.job.js';
import { pingDatabase } from '../../../src/store/connection.js';
import { romeRules } from '../../support/calendar.js';
import { useTestDatabase } from '../../support/database.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import {
  appHomeOpened,
  buttonPress,
  input,
  postToBot,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';
import { startSlackStub, type SlackStub } from '../../support/slack-stub.js';
import { startTestChat } from '../../support/test-chat.js';
import { toldTo, waitToldTo } from '../../support/told.js';

// The people of the walk. Kate reads Slack in English; everyone else in Italian.
const SDID = 'U0SDID'; // Sara, after-sales secretariat: raises D2 requests
const DCOM = 'U0DCOM'; // Marco, commercial director: signs, approves
const SCOM = 'U0SCOM'; // Paola, commercial secretariat
const KATE = 'U0KATE'; // Kate: commercial secretariat and department manager, in English
const OPERATOR = 'U0OP'; // Giulia: files complaints, follows them
const ON_CALL = 'U0ONCALL'; // Luca: the department's on-call technician
const TECH = 'U0TECH'; // Davide: technician
const CASES = 'C0CASES';
const ESCALATION = 'C0ESCALATE';
const MINUTE = 60_000;

/** Words that give away the other language: Italian in what Kate reads, English in the rest. */
const ITALIAN = /\b(il|della|caso|richiesta|firmata|scade|apri|tua|tuo|reclamo|è|entro|cliente)\b/i;
const ENGLISH = /\b(the|your|request|was|signed|open the|case|approval|by|late|rated|is)\b/i;
const RAW_KEY =
  /\b(complaint|case|d2|approval|reminder|sla|satisfaction|follow|care|digest|error|field|thread|home|action|decision|escalation|p1|admin|permission)\.[a-z_]+/;
const NOTHING_SAVED = /non salvat|nulla è stato salvato|not saved|nothing was saved/i;
/** A date and time as the messages write it (Rome, dd/mm/yyyy hh:mm). */
const AT = String.raw`\d\d/\d\d/\d{4} \d\d:\d\d`;

/**
 * Issue 17 walked as its people, through the real Bolt app over HTTP, real Agenda and the
 * MongoDB-wire database: each person's messages are read and what matters asserted exactly —
 * who must act next is told, in their language (Kate reads Slack in English, the others in
 * Italian), with dates and amounts as they write them, and nobody reads a catalogue key.
 */
describe('Slack: walking issue 17 as its people', () => {
  const db = useTestDatabase('slack_walk_notifications');
  const clock = new ShiftedClock();
  let stub: SlackStub;
  let chat: RunningChat;
  let server: Server;
  let agenda: Agenda;
  let base = '';
  let clientId = '';

  beforeAll(async () => {
    stub = await startSlackStub({ [KATE]: 'en-GB' });
    const { store } = db;
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient({ code: 'WALK' })))).id;
    await store.roles.assign(slackUser(SDID), ['SDID']);
    await store.roles.assign(slackUser(DCOM), ['DCOM']);
    await store.roles.assign(slackUser(SCOM), ['SCOM']);
    await store.roles.assign(slackUser(KATE), ['SCOM', 'manager']);
    await store.roles.assign(slackUser(OPERATOR), ['operator']);
    await store.roles.assign(slackUser(ON_CALL), ['technician']);
    await store.roles.assign(slackUser(TECH), ['technician']);
    await store.routingRules.add({
      department: 'assistenza',
      category: '*',
      priority: '*',
      destination: { platform: 'slack', channel: CASES },
      mention: [],
      onCall: slackUser(ON_CALL),
    });
    agenda = createAgenda(db.connection.db!, { name: 'walk', processEveryMs: 100 });
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
    expect(stub.refusals).toEqual([]);
  });

  const post = (body: string) => postToBot(base, { body });
  const command = async (name: string, user: string, text: string, channel = 'C0OPS') =>
    String((await post(slashCommand(name, user, text, channel))).json().text);
  const delivered = () =>
    eventually(async () => {
      const waiting = await db.store.models.outbox.countDocuments({
        status: { $in: ['pending', 'delivering'] },
      });
      if (waiting) throw new Error(`${waiting} messages not delivered yet`);
    }, 10_000);
  /** Bolt acks before the use case runs: wait a little, then until the outbox is empty. */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await delivered();
  };
  /** What one person was told privately (DMs and ephemeral lines) since `from`. */
  const newFor = (who: string, from: number) => toldTo(stub, who).slice(from);
  const seen = (who: string) => toldTo(stub, who).length;
  const threadOf = (c: Complaint) =>
    stub
      .of('chat.postMessage')
      .filter((m) => m.args.thread_ts === c.announcement!.messageId)
      .map((m) => String(m.args.text));
  const cardLink = (c: Complaint) =>
    `https://example.slack.com/archives/${CASES}/p${c.announcement!.messageId.replace('.', '')}`;
  const pressCard = (who: string, action: string, c: Complaint) =>
    post(buttonPress(who, action, c.id, CASES, c.announcement!.messageId));
  const statusOf = async (c: Complaint) => (await db.store.complaints.get(c.id))?.status;
  const becomes = (c: Complaint, status: string) =>
    eventually(async () => expect(await statusOf(c)).toBe(status));
  const fileComplaint = async (viewId: string, extra: Record<string, object> = {}) => {
    const answer = await post(
      viewSubmission(OPERATOR, {
        id: viewId,
        callbackId: VIEWS.complaint,
        values: {
          client: input.external(OPTIONS.client, clientId),
          product: input.text(`Pressa ${viewId}`),
          description: input.text('La protezione non blocca il ciclo'),
          problemCode: input.text(`SAF-${viewId}`),
          category: input.text('sicurezza'),
          department: input.text('assistenza'),
          priority: input.radio('P1'),
          channel: input.select('phone'),
          warranty: input.select('unknown'),
          ...extra,
        },
      }),
    );
    expect(answer.status).toBe(200);
    return eventually(async () => {
      const [filed] = await db.store.complaints.search(`Pressa ${viewId}`, 1);
      if (!filed?.announcement) throw new Error(`${viewId} has no card yet`);
      return filed;
    }, 10_000);
  };
  /** A modal a button opened for `who`, by its callback id: its private metadata. */
  const formOpened = (callbackId: string) =>
    eventually(() => {
      const call = stub
        .of('views.open')
        .filter((c) => (c.args.view as { callback_id: string }).callback_id === callbackId)
        .at(-1);
      if (!call) throw new Error(`no ${callbackId} form yet`);
      return (call.args.view as { private_metadata: string }).private_metadata;
    });

  describe('a D2 from the after-sales secretariat to the commercial secretariat', () => {
    const raise = async (viewId: string, reason: string) => {
      await post(slashCommand(COMMANDS.d2, SDID));
      await post(
        viewSubmission(SDID, {
          id: viewId,
          callbackId: VIEWS.d2,
          values: {
            client: input.external(OPTIONS.client, clientId),
            reason: input.text(reason),
            urgency: input.select('normal'),
          },
        }),
      );
      return eventually(async () => {
        const d2 = (await db.store.d2Requests.awaitingSignature(10)).find(
          (d) => d.reason === reason,
        );
        if (!d2?.announcement) throw new Error('no card for the director yet');
        return { id: d2.id, number: d2.number, ts: d2.announcement.messageId };
      });
    };
    const press = (who: string, action: string, value: string, ts: string) =>
      post(buttonPress(who, action, value, who, ts));
    const dmCarrying = (who: string, actionId: string, d2Id: string) =>
      stub
        .of('chat.postMessage')
        .filter(
          (c) =>
            c.args.channel === who &&
            JSON.stringify(c.args.blocks).includes(`"action_id":"${actionId}"`) &&
            JSON.stringify(c.args.blocks).includes(d2Id),
        );

    it('SDID raises, DCOM signs with a double click, every SCOM is told with Start / Complete in their own language, Kate starts and completes, SDID hears each step', async () => {
      const d2 = await raise('VWALKD2', 'Rinnovo del contratto di assistenza');
      expect(newFor(SDID, 0)).toEqual([
        `Richiesta *${d2.number}* inviata al direttore commerciale.`,
      ]);
      expect(dmCarrying(DCOM, ACTIONS.d2Sign, d2.id)).toHaveLength(1);
      const director = seen(DCOM);
      await Promise.all([
        press(DCOM, ACTIONS.d2Sign, d2.id, d2.ts),
        press(DCOM, ACTIONS.d2Sign, d2.id, d2.ts),
      ]);
      await settle();
      // One signature; the second press is told who signed and when, not "someone else changed it".
      const toDirector = newFor(DCOM, director);
      expect(toDirector.filter((l) => l.startsWith('La richiesta è già'))).toHaveLength(1);
      expect(toDirector.find((l) => l.startsWith('La richiesta è già'))).toMatch(
        new RegExp(`^La richiesta è già firmata da <@${DCOM}> il ${AT}\\.$`),
      );
      expect(toDirector.join('\n')).not.toMatch(/Qualcun altro/);

      // Who must act next — every SCOM holder — is told, each in their language, with the buttons.
      expect(newFor(SCOM, 0)).toEqual([
        `:white_check_mark: La richiesta *${d2.number}* è firmata: tocca alla segreteria commerciale contattare il cliente. Premi *Avvia* quando inizi e *Completa* con l’esito.`,
      ]);
      expect(newFor(KATE, 0)).toEqual([
        `:white_check_mark: Request *${d2.number}* is signed: the commercial secretariat now contacts the client. Press *Start* when you begin and *Complete* with the outcome.`,
      ]);
      for (const who of [SCOM, KATE]) {
        const [dm] = dmCarrying(who, ACTIONS.d2Start, d2.id);
        expect(JSON.stringify(dm?.args.blocks)).toContain(ACTIONS.d2Complete);
      }
      const [kateCard] = dmCarrying(KATE, ACTIONS.d2Start, d2.id);
      const kateButtons = JSON.stringify(kateCard!.args.blocks);
      expect(kateButtons).toContain('"text":"Start"');
      expect(kateButtons).not.toMatch(/Avvia|Concludi|Cliente/);
      expect(newFor(SDID, 1)).toEqual([
        `La tua richiesta *${d2.number}* è stata firmata da <@${DCOM}>: la segreteria commerciale contatterà il cliente.`,
      ]);

      await press(KATE, ACTIONS.d2Start, d2.id, '1.1');
      await eventually(async () =>
        expect(await db.store.d2Requests.get(d2.id)).toMatchObject({ status: 'in_progress' }),
      );
      await settle();
      expect(newFor(SDID, 2)).toEqual([
        `<@${KATE}> ha avviato la tua richiesta *${d2.number}*: il cliente viene contattato.`,
      ]);
      await post(
        viewSubmission(KATE, {
          id: 'VWALKD2DONE',
          callbackId: VIEWS.d2Complete,
          privateMetadata: JSON.stringify({ id: d2.id }),
          values: { outcome: input.text('Contratto rinnovato per 2 anni') },
        }),
      );
      await settle();
      expect(newFor(SDID, 3)).toEqual([
        `La tua richiesta *${d2.number}* è stata conclusa da <@${KATE}>. Esito: Contratto rinnovato per 2 anni`,
      ]);
      // Paola presses Start on her copy after Kate completed it: told what happened, by whom.
      await press(SCOM, ACTIONS.d2Start, d2.id, '1.2');
      await settle();
      expect(newFor(SCOM, 1)).toEqual([
        expect.stringMatching(
          new RegExp(`^La richiesta è già stata conclusa da <@${KATE}> il ${AT}\\.$`),
        ),
      ]);
      expect(await db.store.d2Requests.get(d2.id)).toMatchObject({ status: 'done' });
    });

    it('a signed D2 nobody started: Kate reads it on her App Home and in her reminder, in English', async () => {
      const d2 = await raise('VWALKD2WAIT', 'Visita di cortesia');
      await press(DCOM, ACTIONS.d2Sign, d2.id, d2.ts);
      await eventually(() => expect(dmCarrying(KATE, ACTIONS.d2Start, d2.id)).toHaveLength(1));
      await postToBot(base, appHomeOpened(KATE));
      const home = await eventually(() => {
        const call = stub
          .of('views.publish')
          .filter((c) => c.args.user_id === KATE)
          .at(-1);
        if (!call) throw new Error('no App Home yet');
        return JSON.stringify(call.args.view);
      });
      expect(home).toContain(d2.number);
      expect(home).not.toMatch(/Da avviare|Richieste|Firmata|Cliente/);
      const kate = seen(KATE);
      await chat.services.notifier.queue(
        {
          type: 'd2.to_carry_out',
          case: { caseKind: 'd2', caseId: d2.id, caseNumber: d2.number },
          to: [slackUser(KATE), slackUser(SCOM)],
          waitingSince: new Date('2026-11-30T09:00:00Z'),
        },
        { once: 'walk-unstarted' },
      );
      await settle();
      expect(newFor(KATE, kate)).toEqual([
        `:memo: Request *${d2.number}* has been signed since 30/11/2026 10:00 and nobody has started it: press *Start* when you contact the client.`,
      ]);
    });

    it('a declined D2 tells SDID the reason, and SCOM nothing', async () => {
      const d2 = await raise('VWALKD2NO', 'Sollecito di pagamento');
      const [sdid, scom, kate] = [seen(SDID), seen(SCOM), seen(KATE)];
      await post(
        viewSubmission(DCOM, {
          id: 'VWALKD2DECL',
          callbackId: VIEWS.d2Decline,
          privateMetadata: JSON.stringify({ id: d2.id }),
          values: { reason: input.text('Il cliente è già stato sentito ieri') },
        }),
      );
      await settle();
      expect(newFor(SDID, sdid)).toEqual([
        `La tua richiesta *${d2.number}* è stata declinata da <@${DCOM}>. Motivo: Il cliente è già stato sentito ieri`,
      ]);
      expect([newFor(SCOM, scom), newFor(KATE, kate)]).toEqual([[], []]);
    });
  });

  describe('an untouched P1', () => {
    it('warns the on-call person and the manager at 75%; at the breach DMs them and the director, posts to escalation, and the card says breached since when', async () => {
      clock.set(new Date(Date.now() - 25 * MINUTE));
      const before = { onCall: seen(ON_CALL), kate: seen(KATE), dcom: seen(DCOM) };
      const p1 = await fileComplaint('VWALKP1');
      const due = p1.slaClocks.find((c) => c.target === 'first_response')!.dueAt;
      const link = cardLink(p1);
      await agenda.start();
      await eventually(() => expect(newFor(ON_CALL, before.onCall)).toHaveLength(2), 10_000);
      await settle();
      expect(newFor(ON_CALL, before.onCall)).toEqual([
        `:rotating_light: P1 ${p1.number}: La protezione non blocca il ciclo — <#${CASES}>`,
        `:hourglass_flowing_sand: Il caso *${p1.number}* non è ancora assegnato e sta per scadere: Prima gestione entro il ${rome(due)}. Prendilo in carico o assegnalo. — <${link}|apri il caso>`,
      ]);
      expect(newFor(KATE, before.kate)).toEqual([
        `:hourglass_flowing_sand: Case *${p1.number}* is not assigned yet and is nearly due: First handling by ${rome(due)}. Take it in charge or assign it. — <${link}|open the case>`,
      ]);
      expect(threadOf(p1)).toContain(
        `:hourglass_flowing_sand: ${p1.number}: Prima gestione scade il ${rome(due)}. Per: <@${ON_CALL}> <@${KATE}>.`,
      );
      expect(newFor(DCOM, before.dcom).filter((l) => /scadere/.test(l))).toEqual([]);

      // Seventy minutes past its due time, nobody having touched it: the breach job comes due.
      clock.set(new Date(due.getTime() + 70 * MINUTE));
      await db.connection
        .db!.collection('agendaJobs')
        .updateMany(
          { name: SLA_JOB, 'data.caseId': p1.id, 'data.kind': 'breach' },
          { $set: { nextRunAt: new Date() } },
        );
      await waitToldTo(stub, DCOM, 1, /è in ritardo/, 15_000);
      await settle();
      await agenda.stop();
      const late = `:rotating_light: Il caso *${p1.number}* è in ritardo: Prima gestione entro il ${rome(due)}, scadenza superata. — <${link}|apri il caso>`;
      expect(newFor(ON_CALL, before.onCall + 2)).toEqual([late]);
      expect(newFor(DCOM, before.dcom)).toEqual([
        `:rotating_light: P1 ${p1.number}: La protezione non blocca il ciclo — <#${CASES}>`,
        late,
      ]);
      expect(newFor(KATE, before.kate + 1)).toEqual([
        `:rotating_light: Case *${p1.number}* is late: First handling was due ${rome(due)}. — <${link}|open the case>`,
      ]);
      expect(
        stub
          .of('chat.postMessage')
          .filter((m) => m.args.channel === ESCALATION)
          .map((m) => m.args.text),
      ).toEqual([
        `:rotating_light: Scadenza superata: *${p1.number}* (P1, reparto assistenza), Prima gestione entro il ${rome(due)}. Avvisati: <@${ON_CALL}> <@${KATE}> <@${DCOM}>. — <${link}|apri il caso>`,
      ]);
      const card = stub
        .of('chat.update')
        .filter((u) => u.args.ts === p1.announcement!.messageId)
        .map((u) => JSON.stringify(u.args.blocks))
        .at(-1);
      expect(card).toContain(
        `Prima gestione: entro ${rome(due)} (scaduta da 1 h 10 min, dalle ${rome(due).slice(11)})`,
      );
      expect(card).not.toMatch(/Prima gestione:[^"]*in tempo/);
      // The thread says it too, in Italian that agrees with its target (la prima gestione).
      expect(threadOf(p1)).toContain(
        `:rotating_light: ${p1.number}: Prima gestione scaduta il ${rome(due)}. Il caso è in ritardo. Per: <@${ON_CALL}> <@${KATE}> <@${DCOM}>.`,
      );
      expect(card).toContain(ACTIONS.takeInCharge);
    });
  });

  describe('an approval, the filer following, a low rating, a care call', () => {
    let costly: Complaint;
    it('a cost above the threshold waits for the director, told in euro as Italians write it; approved, the request names the decider and loses its buttons, a second press says who and when', async () => {
      const [op, dcom] = [seen(OPERATOR), seen(DCOM)];
      costly = await fileComplaint('VWALKCOST', {
        priority: input.radio('P3'),
        estimatedCostEur: input.number('1800.5'),
      });
      await settle();
      // Amounts as Italians write them (Intl puts a no-break space before the euro sign).
      const why = 'costo stimato 1.800,50\u00a0€, oltre la soglia di 1.000,00\u00a0€';
      expect(newFor(OPERATOR, op)).toEqual([
        `Reclamo *${costly.number}* registrato: attende l’approvazione (${why}).`,
      ]);
      expect(newFor(DCOM, dcom)).toEqual([
        `Il caso ${costly.number} attende la tua decisione (Costo oltre soglia): ${why} — <#${CASES}>`,
      ]);
      expect(threadOf(costly)).toEqual([`<@${DCOM}> serve la vostra decisione: ${why}`]);

      const entry = await db.store.models.outbox
        .findOne({
          'notification.type': 'decision.requested',
          'notification.case.caseId': costly.id,
        })
        .lean();
      const sent = (entry as { sent?: { part: string; answer: string }[] } | null)?.sent ?? [];
      const askTs = sent.find((p) => p.part === 'slack/ask')?.answer ?? '';
      const value = JSON.stringify({ c: costly.id, k: 'cost' });
      await post(buttonPress(DCOM, ACTIONS.approve, value, CASES, askTs));
      await becomes(costly, 'acknowledged');
      await settle();
      const [update] = stub.of('chat.update').filter((c) => c.args.ts === askTs);
      expect(String(update?.args.text)).toMatch(
        new RegExp(`^Costo oltre soglia: approvata da <@${DCOM}> il ${AT}$`),
      );
      expect((update?.args.blocks as { type: string }[]).map((b) => b.type)).toEqual(['section']);
      // The filer follows in the thread by default: named, with the decider as a mention.
      expect(threadOf(costly).slice(1)).toEqual([
        `<@${DCOM}> ha approvato (Costo oltre soglia).`,
        `<@${OPERATOR}> Caso ${costly.number}: approvazione concessa da <@${DCOM}>.`,
      ]);

      // Later presses, by the director again and by Kate, say it is done, by whom and when.
      const [kate, dcom2] = [seen(KATE), seen(DCOM)];
      await post(buttonPress(KATE, ACTIONS.approve, value, CASES, askTs));
      await post(buttonPress(DCOM, ACTIONS.approve, value, CASES, askTs));
      await settle();
      expect(newFor(DCOM, dcom2)).toEqual([
        expect.stringMatching(new RegExp(`^Già approvato da <@${DCOM}> il ${AT}\\.$`)),
      ]);
      expect(newFor(KATE, kate)).toEqual([
        expect.stringMatching(new RegExp(`^Already approved by <@${DCOM}> on ${AT}\\.$`)),
      ]);
    });

    it('the filer follows by DM: hears the take-in-charge and the escalation decided by Kate, as the assignee does; with `off`, nothing', async () => {
      expect(await command(COMMANDS.sportello, OPERATOR, 'follow dm')).toBe(
        'Fatto: saprai delle novità dei reclami che hai registrato in un messaggio diretto.',
      );
      const [op, tech] = [seen(OPERATOR), seen(TECH)];
      await pressCard(TECH, ACTIONS.takeInCharge, costly);
      await becomes(costly, 'in_progress');
      await settle();
      expect(newFor(OPERATOR, op)).toEqual([
        `Il tuo reclamo ${costly.number}: <@${TECH}>: Preso visione → In lavorazione`,
      ]);

      await pressCard(TECH, ACTIONS.escalate, costly);
      const metadata = await formOpened(VIEWS.caseEscalate);
      await post(
        viewSubmission(TECH, {
          id: 'VWALKESC',
          callbackId: VIEWS.caseEscalate,
          privateMetadata: metadata,
          values: {
            kind: input.select('feature_change'),
            reason: input.text('Modifica al ciclo PX-200'),
          },
        }),
      );
      await becomes(costly, 'awaiting_approval');
      await settle();
      const value = JSON.stringify({ c: costly.id, k: 'feature_change' });
      await post(buttonPress(KATE, ACTIONS.approve, value, CASES, '90.1'));
      await settle();
      await becomes(costly, 'acknowledged');
      await settle();
      expect(newFor(OPERATOR, op + 1).filter((l) => /approvazione/.test(l))).toEqual([
        `Caso ${costly.number}: approvazione concessa da <@${KATE}>.`,
      ]);
      expect(newFor(TECH, tech).filter((l) => /approvazione/.test(l))).toEqual([
        `Caso ${costly.number}: approvazione concessa da <@${KATE}>.`,
      ]);

      expect(await command(COMMANDS.sportello, OPERATOR, 'follow off')).toBe(
        'Fatto: non ti verrà detto nulla dei reclami che hai registrato.',
      );
      const quiet = seen(OPERATOR);
      await pressCard(TECH, ACTIONS.takeInCharge, costly);
      await becomes(costly, 'in_progress');
      await settle();
      expect(newFor(OPERATOR, quiet)).toEqual([]);
    });

    it('a rating of 2 after the resolution tells the owner, the manager (in English) and the director, with the comment and a link', async () => {
      await pressCard(TECH, ACTIONS.resolve, costly);
      const metadata = await formOpened(VIEWS.caseResolve);
      await post(
        viewSubmission(TECH, {
          id: 'VWALKRES',
          callbackId: VIEWS.caseResolve,
          privateMetadata: metadata,
          values: {
            solution: input.text('Modificato il ciclo della pressa'),
            costEur: input.number('1750.25'),
          },
        }),
      );
      await becomes(costly, 'resolved');
      await settle();
      const [tech, kate, dcom] = [seen(TECH), seen(KATE), seen(DCOM)];
      expect(
        await command(COMMANDS.complaint, OPERATOR, `rate ${costly.number} 2 tempi troppo lunghi`),
      ).toBe(
        `Valutazione 2/5 registrata per *${costly.number}*: il caso è stato riaperto e ne sono stati avvisati il responsabile, i manager e la direzione.`,
      );
      await settle();
      const link = cardLink(costly);
      const italian = `:warning: Il caso *${costly.number}* è stato riaperto: il cliente ha dato 2/5. Commento: «tempi troppo lunghi» — <${link}|apri il caso>`;
      expect(newFor(TECH, tech)).toEqual([italian]);
      expect(newFor(DCOM, dcom)).toEqual([italian]);
      expect(newFor(KATE, kate)).toEqual([
        `:warning: Case *${costly.number}* was reopened: the customer rated it 2/5. Comment: “tempi troppo lunghi” — <${link}|open the case>`,
      ]);
      expect(await statusOf(costly)).toBe('reopened');
    });

    it('a care call dated tomorrow is refused on its field, in each reader’s language, and nothing is stored', async () => {
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const call = (who: string, id: string) =>
        post(
          viewSubmission(who, {
            id,
            callbackId: VIEWS.careCall,
            privateMetadata: JSON.stringify({ clientId }),
            values: {
              date: input.date(tomorrow),
              channel: input.select('phone'),
              outcome: input.text('Tutto bene'),
            },
          }),
        );
      expect((await call(SCOM, 'VWALKCARE')).json()).toEqual({
        response_action: 'errors',
        errors: { date: 'La data della chiamata è nel futuro.' },
      });
      expect((await call(KATE, 'VWALKCAREEN')).json()).toEqual({
        response_action: 'errors',
        errors: { date: 'The date of the call is in the future.' },
      });
      expect(await db.store.models.careContact.countDocuments()).toBe(0);
    });
  });

  it('told everyone in their own language: no catalogue key, no other language, no "not saved", no double space', () => {
    const people = [SDID, DCOM, SCOM, KATE, OPERATOR, ON_CALL, TECH];
    const strip = (text: string) => text.replace(/<[^>]*>/g, '@').replace(/\*[A-Z0-9-]+\*/g, 'N');
    for (const who of people) {
      const lines = toldTo(stub, who).map(strip);
      expect(lines.length, who).toBeGreaterThan(0);
      expect(
        lines.filter((l) => RAW_KEY.test(l) || NOTHING_SAVED.test(l)),
        who,
      ).toEqual([]);
      expect(
        lines.filter((l) => /\S {2,}\S/.test(l)),
        who,
      ).toEqual([]);
      const other = who === KATE ? ITALIAN : ENGLISH;
      expect(
        lines.filter((l) => other.test(l)),
        who,
      ).toEqual([]);
    }
    // Channels and threads read the company's language: Italian.
    const inChannels = stub
      .of('chat.postMessage')
      .filter((m) => String(m.args.channel).startsWith('C'))
      .map((m) => strip(String(m.args.text)));
    expect(inChannels.filter((l) => ENGLISH.test(l) || RAW_KEY.test(l))).toEqual([]);
  });
});

/** The bot's clock set to another instant, running on from it. */
class ShiftedClock {
  private offset = 0;
  now = () => new Date(Date.now() + this.offset);
  set(at: Date) {
    this.offset = at.getTime() - Date.now();
  }
}

/** An instant as the messages write it: Rome time, dd/mm/yyyy hh:mm. */
function rome(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Rome',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}
