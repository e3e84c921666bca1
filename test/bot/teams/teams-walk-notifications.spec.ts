import type { Server } from 'node:http';
import type { Agenda } from 'agenda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_VERBS } from '../../../src/bot/ids.js';
import type { RunningChat } from '../../../src/chat.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { ChatUser } from '../../../src/domain/shared/chat-user.js';
import { close, createHttpApp, listen, portOf } from '../../../src/http/server.js';
import { createAgenda } from '../../../src/jobs/agenda.js';
import { runWeeklyDigest } from '../../../src/jobs/digest.job.js';
import { SLA_JOB, agendaSlaScheduler, defineSlaJob } from '../../../src/jobs/sla.job.js';
import { pingDatabase } from '../../../src/store/connection.js';
import { romeRules } from '../../support/calendar.js';
import { startConnectorStub, type ConnectorStub } from '../../support/connector-stub.js';
import { useTestDatabase } from '../../support/database.js';
import { aClient } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import { actionExecute, activity, postActivity } from '../../support/teams-bot.js';
import { startTestChat } from '../../support/test-chat.js';

type Person = { id: string; name: string; locale: string };
const SDID: Person = { id: 'aad-sdid', name: 'Sara', locale: 'it-IT' };
const DCOM: Person = { id: 'aad-dcom', name: 'Marco', locale: 'it-IT' };
const SCOM: Person = { id: 'aad-scom', name: 'Paola', locale: 'it-IT' };
const KATE: Person = { id: 'aad-kate', name: 'Kate', locale: 'en-GB' }; // SCOM + manager
const OPERATOR: Person = { id: 'aad-op', name: 'Giulia', locale: 'it-IT' };
const ON_CALL: Person = { id: 'aad-oncall', name: 'Luca', locale: 'it-IT' };
const CASES = { id: '19:assistenza@thread.tacv2', conversationType: 'channel' as const };
const ESCALATION = { id: '19:escalation@thread.tacv2', conversationType: 'channel' as const };
const MINUTE = 60_000;
const personal = (who: { id: string }) => ({
  id: `a:personal-${who.id}`,
  conversationType: 'personal' as const,
});
const user = (who: Person): ChatUser => ({ platform: 'teams', id: who.id, name: who.name });

/**
 * Issue 17 walked as its people on Teams, through the real teams-ai Application over HTTP, real
 * Agenda and the MongoDB-wire database: each person's chat is read and what matters asserted
 * exactly. Kate's Teams speaks English (en-GB); everyone else's Italian.
 */
describe('Teams: walking issue 17 as its people', () => {
  const db = useTestDatabase('teams_walk_notifications');
  const clock = new ShiftedClock();
  let stub: ConnectorStub;
  let chat: RunningChat;
  let server: Server;
  let agenda: Agenda;
  let base = '';
  let clientId = '';

  beforeAll(async () => {
    stub = await startConnectorStub();
    const { store } = db;
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient({ code: 'TW' })))).id;
    await store.roles.assign(user(SDID), ['SDID']);
    await store.roles.assign(user(DCOM), ['DCOM']);
    await store.roles.assign(user(SCOM), ['SCOM']);
    await store.roles.assign(user(KATE), ['SCOM', 'manager']);
    await store.roles.assign(user(OPERATOR), ['operator']);
    await store.roles.assign(user(ON_CALL), ['technician']);
    await store.routingRules.add({
      department: 'assistenza',
      category: '*',
      priority: '*',
      destination: { platform: 'teams', channel: CASES.id },
      mention: [],
      onCall: user(ON_CALL),
    });
    agenda = createAgenda(db.connection.db!, { name: 'teams-walk', processEveryMs: 100 });
    const http = createHttpApp({ databaseReachable: () => pingDatabase(db.connection) });
    chat = await startTestChat(store, http, {
      teams: true,
      clock,
      scheduler: agendaSlaScheduler(agenda, clock),
      rules: {
        ...romeRules('C0TRIAGE'),
        escalationChannel: { platform: 'teams', channel: ESCALATION.id },
      },
    });
    defineSlaJob(agenda, chat.services);
    server = await listen(http, '127.0.0.1', 0);
    base = `http://127.0.0.1:${portOf(server)}`;
    // The bot is installed in both channels and each person opened their chat with it once.
    for (const where of [CASES, ESCALATION])
      await send(DCOM, where, {
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:sportello' }],
        channelData: { team: { id: 'team-1' } },
      });
    for (const who of [SDID, DCOM, SCOM, KATE, OPERATOR, ON_CALL])
      await send(who, personal(who), { type: 'message', text: 'ciao', locale: who.locale });
    await eventually(async () => {
      for (const who of [SDID, DCOM, SCOM, KATE, OPERATOR, ON_CALL])
        expect((await store.conversations.personalFor(who.id))?.locale).toBe(who.locale);
    });
  }, 60_000);
  afterEach(() => expect(stub.takeCardIssues()).toEqual([]));
  afterAll(async () => {
    await agenda.stop();
    await close(server);
    await chat.stop();
    await stub.close();
  });

  const send = (
    who: Person,
    where: { id: string; conversationType: 'personal' | 'channel' },
    fields: object,
  ) => postActivity(base, activity(stub.url, who, where, { locale: who.locale, ...fields }));
  const execute = (
    who: Person,
    where: { id: string; conversationType: 'personal' | 'channel' },
    verb: string,
    data: object,
    replyToId: string,
  ) => send(who, where, actionExecute(verb, data, replyToId));
  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await eventually(async () => {
      const waiting = await db.store.models.outbox.countDocuments({
        status: { $in: ['pending', 'delivering'] },
      });
      if (waiting) throw new Error(`${waiting} not delivered yet`);
    }, 10_000);
  };
  /** The texts of every message the bot posted in a person's chat, in order. */
  const chatOf = (who: Person) => stub.posted(personal(who).id).map((c) => textsOf(c.body));

  /** What one person's chat with the bot received since `from`. */
  const newIn = (who: Person, from: number) => chatOf(who).slice(from);
  const seen = (who: Person) => chatOf(who).length;
  const AT = String.raw`\d\d/\d\d/\d{4} \d\d:\d\d`;

  it('a D2: Sara raises it, Marco signs with a double click, Paola and Kate get it with Start / Complete each in their language, Kate starts and completes, Sara hears each step', async () => {
    const raised = await execute(
      SDID,
      personal(SDID),
      TEAMS_VERBS.d2Submit,
      { clientId, reason: 'Rinnovo contratto', urgency: 'normal' },
      'd2-form',
    );
    const d2 = await eventually(async () => {
      const [found] = await db.store.models.d2Request.find({ reason: 'Rinnovo contratto' }).lean();
      if (!found) throw new Error('no D2 yet');
      return { id: String(found._id), number: found.number };
    });
    expect(textsOf(raised.body)).toBe(
      `Richiesta **${d2.number}** inviata al direttore commerciale.`,
    );
    await settled();
    const [ask] = newIn(DCOM, 0).filter((l) => l.includes(d2.number));
    expect(ask).toMatch(
      new RegExp(`^${d2.number} · Inviata \\| .* \\| Firma \\| Firma \\| Declina`),
    );

    const [sdid, scom, kate] = [seen(SDID), seen(SCOM), seen(KATE)];
    const answers = await Promise.all([
      execute(DCOM, personal(DCOM), TEAMS_VERBS.d2Sign, { d2Id: d2.id }, 'd2-card'),
      execute(DCOM, personal(DCOM), TEAMS_VERBS.d2Sign, { d2Id: d2.id }, 'd2-card'),
    ]);
    // One signature; the other press is told who signed it and when, on the card it pressed.
    const notices = answers.map((a) => textsOf(a.body)).filter((t) => t.includes('già'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(new RegExp(`^La richiesta è già firmata da Marco il ${AT}\\. \\|`));
    expect(
      (await db.store.caseEvents.history('d2', d2.id)).filter((e) => e.type === 'd2.sign'),
    ).toHaveLength(1);
    await settled();

    expect(newIn(SCOM, scom)).toEqual([
      `✅ La richiesta **${d2.number}** è firmata: tocca alla segreteria commerciale contattare il cliente. Premi **Avvia** quando inizi e **Completa** con l’esito.`,
      expect.stringMatching(
        new RegExp(
          `^${d2.number} · Firmata \\| .* \\| Firmata da Marco il ${AT} \\| refresh \\| Avvia \\| Avvia \\| Completa \\| Esito`,
        ),
      ),
    ]);
    expect(newIn(KATE, kate)).toEqual([
      `✅ Request **${d2.number}** is signed: the commercial secretariat now contacts the client. Press **Start** when you begin and **Complete** with the outcome.`,
      expect.stringMatching(
        new RegExp(
          `^${d2.number} · Signed \\| Client \\| .* \\| Signed by Marco on ${AT} \\| refresh \\| Start \\| Start \\| Complete \\| Outcome`,
        ),
      ),
    ]);
    const kateCard = JSON.stringify(stub.posted(personal(KATE).id).at(-1)!.body);
    expect(kateCard).toContain(`"verb":"${TEAMS_VERBS.d2Start}"`);
    expect(kateCard).toContain(`"verb":"${TEAMS_VERBS.d2Complete}"`);
    expect(newIn(SDID, sdid)).toEqual([
      `La tua richiesta **${d2.number}** è stata firmata da Marco: la segreteria commerciale contatterà il cliente.`,
    ]);

    // Kate presses Start on her card: it shows "In progress", Complete left; Sara is told.
    const started = await execute(KATE, personal(KATE), TEAMS_VERBS.d2Start, { d2Id: d2.id }, 'k1');
    expect(textsOf(started.body)).toMatch(
      new RegExp(`^${d2.number} · In progress \\| .* \\| refresh \\| Complete \\| Outcome`),
    );
    expect(textsOf(started.body)).not.toMatch(/Start/);
    const done = await execute(
      KATE,
      personal(KATE),
      TEAMS_VERBS.d2Complete,
      { d2Id: d2.id, outcome: 'Rinnovato per 2 anni' },
      'k1',
    );
    expect(textsOf(done.body)).toMatch(new RegExp(`^${d2.number} · Done \\|`));
    await settled();
    expect(newIn(SDID, sdid + 1)).toEqual([
      `Kate ha avviato la tua richiesta **${d2.number}**: il cliente viene contattato.`,
      `La tua richiesta **${d2.number}** è stata conclusa da Kate. Esito: Rinnovato per 2 anni`,
    ]);
    // Paola presses Start on her older copy: told what happened, not a bare "not possible".
    const late = await execute(SCOM, personal(SCOM), TEAMS_VERBS.d2Start, { d2Id: d2.id }, 'p1');
    expect(textsOf(late.body)).toMatch(
      new RegExp(
        `^La richiesta è già stata conclusa da Kate il ${AT}\\. \\| ${d2.number} · Conclusa`,
      ),
    );
  });

  it('a declined D2 tells Sara the reason, and the secretariat nothing', async () => {
    await execute(
      SDID,
      personal(SDID),
      TEAMS_VERBS.d2Submit,
      { clientId, reason: 'Sollecito', urgency: 'normal' },
      'd2-form-2',
    );
    const d2 = await eventually(async () => {
      const [found] = await db.store.models.d2Request.find({ reason: 'Sollecito' }).lean();
      if (!found) throw new Error('no D2 yet');
      return { id: String(found._id), number: found.number };
    });
    await settled();
    const [sdid, scom, kate] = [seen(SDID), seen(SCOM), seen(KATE)];
    await execute(
      DCOM,
      personal(DCOM),
      TEAMS_VERBS.d2Decline,
      { d2Id: d2.id, reason: 'Già sentito ieri' },
      'd2-card-2',
    );
    await settled();
    expect(newIn(SDID, sdid)).toEqual([
      `La tua richiesta **${d2.number}** è stata declinata da Marco. Motivo: Già sentito ieri`,
    ]);
    expect([newIn(SCOM, scom), newIn(KATE, kate)]).toEqual([[], []]);
  });

  const file = async (product: string, fields: Record<string, string>, form: string) => {
    const answer = await execute(
      OPERATOR,
      personal(OPERATOR),
      TEAMS_VERBS.complaintSubmit,
      {
        clientId,
        product,
        description: 'La protezione non blocca il ciclo',
        problemCode: `SAF-${form}`,
        category: 'sicurezza',
        department: 'assistenza',
        channel: 'phone',
        warranty: 'unknown',
        ...fields,
      },
      form,
    );
    const complaint = await eventually(async () => {
      const [c] = await db.store.complaints.search(product, 1);
      if (!c?.announcement) throw new Error(`${product} has no card yet`);
      return c;
    });
    return { said: textsOf(answer.body), complaint };
  };

  it('an untouched P1: the on-call person and the manager warned at 75%; at the breach the director too, the escalation channel, and the card says since when', async () => {
    clock.set(new Date(Date.now() - 25 * MINUTE));
    const [onCall, kate, dcom] = [seen(ON_CALL), seen(KATE), seen(DCOM)];
    const { said, complaint: p1 } = await file('Pressa P1', { priority: 'P1' }, 'form-p1');
    // Where it went, by name: never the raw conversation id.
    expect(said).toBe(
      `Reclamo **${p1.number}** registrato (P1). Lo trovi in un canale di Teams del reparto.`,
    );
    const due = p1.slaClocks.find((c) => c.target === 'first_response')!.dueAt;
    const url = `https://teams.microsoft.com/l/message/${encodeURIComponent(CASES.id)}/${p1.announcement!.messageId}`;
    await agenda.start();
    await eventually(() => expect(newIn(KATE, kate)).toHaveLength(1), 15_000);
    await settled();
    expect(newIn(ON_CALL, onCall)).toEqual([
      `🚨 P1 ${p1.number}: La protezione non blocca il ciclo`,
      `⏳ Il caso **${p1.number}** non è ancora assegnato e sta per scadere: Prima gestione entro il ${rome(due)}. Prendilo in carico o assegnalo. — [apri il caso](${url})`,
    ]);
    expect(newIn(KATE, kate)).toEqual([
      `⏳ Case **${p1.number}** is not assigned yet and is nearly due: First handling by ${rome(due)}. Take it in charge or assign it. — [open the case](${url})`,
    ]);

    clock.set(new Date(due.getTime() + 70 * MINUTE));
    await db.connection
      .db!.collection('agendaJobs')
      .updateMany(
        { name: SLA_JOB, 'data.caseId': p1.id, 'data.kind': 'breach' },
        { $set: { nextRunAt: new Date() } },
      );
    await eventually(() => expect(newIn(KATE, kate)).toHaveLength(2), 15_000);
    await settled();
    await agenda.stop();
    const late = `🚨 Il caso **${p1.number}** è in ritardo: Prima gestione entro il ${rome(due)}, scadenza superata. — [apri il caso](${url})`;
    expect(newIn(ON_CALL, onCall + 2)).toEqual([late]);
    expect(newIn(DCOM, dcom)).toEqual([
      `🚨 P1 ${p1.number}: La protezione non blocca il ciclo`,
      late,
    ]);
    expect(newIn(KATE, kate + 1)).toEqual([
      `🚨 Case **${p1.number}** is late: First handling was due ${rome(due)}. — [open the case](${url})`,
    ]);
    expect(stub.posted(ESCALATION.id).map((c) => textsOf(c.body))).toEqual([
      `🚨 Scadenza superata: **${p1.number}** (P1, reparto assistenza), Prima gestione entro il ${rome(due)}. Avvisati: Luca, Kate, Marco. — [apri il caso](${url})`,
    ]);
    const card = stub
      .updated()
      .filter((c) => c.activityId === p1.announcement!.messageId)
      .map((c) => textsOf(c.body))
      .at(-1);
    expect(card).toContain(
      `Prima gestione: entro ${rome(due)} (scaduta da 1 h 10 min, dalle ${rome(due).slice(11)})`,
    );
    expect(card).toContain('Prendi in carico');
    const thread = `${CASES.id};messageid=${p1.announcement!.messageId}`;
    expect(stub.posted(thread).map((c) => textsOf(c.body))).toContain(
      `🚨 ${p1.number}: Prima gestione scaduta il ${rome(due)}. Il caso è in ritardo. Per: Luca, Kate, Marco.`,
    );
  });

  it('an approval: Marco asked in the thread by name and in his chat; pressed, the card names him and keeps no buttons; Kate’s later press is told who and when', async () => {
    const dcom = seen(DCOM);
    const { said, complaint } = await file(
      'Pressa costosa',
      { priority: 'P3', estimatedCostEur: '1800.5' },
      'form-cost',
    );
    const why = 'costo stimato 1.800,50\u00a0€, oltre la soglia di 1.000,00\u00a0€';
    expect(said).toBe(
      `Reclamo **${complaint.number}** registrato: attende l’approvazione (${why}).`,
    );
    await settled();
    const thread = `${CASES.id};messageid=${complaint.announcement!.messageId}`;
    expect(stub.posted(thread).map((c) => textsOf(c.body))).toEqual([
      `Marco serve la vostra decisione: ${why} | refresh | Approva | Approva | Rifiuta | Motivo | Invia | Invia`,
    ]);
    const url = `https://teams.microsoft.com/l/message/${encodeURIComponent(CASES.id)}/${complaint.announcement!.messageId}`;
    expect(newIn(DCOM, dcom)).toEqual([
      `Il caso ${complaint.number} attende la tua decisione (Costo oltre soglia): ${why} — [apri il caso](${url})`,
    ]);

    const data = { caseId: complaint.id, kind: 'cost' };
    const approved = await execute(DCOM, CASES, TEAMS_VERBS.approve, data, 'ask-1');
    expect(textsOf(approved.body)).toMatch(
      new RegExp(`^Costo oltre soglia: approvata da Marco il ${AT}$`),
    );
    expect(JSON.stringify(approved.body)).not.toContain('Action.Execute');
    const again = await execute(KATE, CASES, TEAMS_VERBS.approve, data, 'ask-1');
    expect(textsOf(again.body)).toMatch(
      new RegExp(
        `^Already approved by Marco on ${AT}\\. \\| Cost above threshold: approved by Marco on ${AT}$`,
      ),
    );
    // Another viewer's copy of the request refreshes itself into the decision.
    expect(JSON.stringify(stub.posted(thread)[0]!.body)).toContain('"card":"approval"');
    const refreshed = await execute(
      OPERATOR,
      CASES,
      TEAMS_VERBS.refresh,
      { ...data, card: 'approval' },
      'ask-1',
    );
    expect(textsOf(refreshed.body)).toMatch(
      new RegExp(`^Costo oltre soglia: approvata da Marco il ${AT}$`),
    );
    await settled();
    expect(
      stub
        .posted(thread)
        .map((c) => textsOf(c.body))
        .slice(1),
    ).toEqual([
      'Marco ha approvato (Costo oltre soglia).',
      `Giulia Caso ${complaint.number}: approvazione concessa da Marco.`,
    ]);
    expect(await db.store.complaints.get(complaint.id)).toMatchObject({ status: 'acknowledged' });
  });

  it('the weekly digest goes to the Teams conversation Marco chose, in Italian, its amounts in euro', async () => {
    const before = stub.posted(CASES.id).length;
    await send(DCOM, CASES, { type: 'message', text: 'digest here' });
    await settled();
    expect(
      stub
        .posted(CASES.id)
        .slice(before)
        .map((c) => textsOf(c.body)),
    ).toEqual(['Fatto: il riepilogo settimanale sarà pubblicato in questa conversazione.']);
    await runWeeklyDigest(
      { kpi: db.store.kpi, notifier: chat.services.notifier, clock, timeZone: 'Europe/Rome' },
      {
        destination: { platform: 'slack', channel: 'C0DEFAULT' },
        settings: db.store.settings,
        log: { warn: () => undefined },
      },
    );
    await settled();
    const digest = stub
      .posted(CASES.id)
      .map((c) => textsOf(c.body))
      .find((t) => t.startsWith('Indicatori customer care'));
    expect(digest).toMatch(/^Indicatori customer care \d\d\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4} \|/);
    expect(digest).toContain('**Costi dei reclami chiusi**: 0,00\u00a0€ (=)');
    expect(JSON.stringify(stub.posted(CASES.id).at(-1)!.body)).toContain('data:image/png;base64,');
  });

  it('told everyone in their own language: no catalogue key, no other language, no "not saved"', () => {
    for (const who of [SDID, DCOM, SCOM, KATE, ON_CALL]) {
      const lines = chatOf(who)
        .map((l) => l.replace(/\[[^\]]*\]\([^)]*\)/g, '@').replace(/\| refresh /g, ''))
        // A card's data: the client's name, what people typed.
        .map((l) =>
          l.replace(/Officine Rossi TW S\.r\.l\. \(TW\)|Rinnovo contratto|Sollecito/g, ''),
        );
      expect(lines.length, who.name).toBeGreaterThan(0);
      expect(
        lines.filter((l) => RAW_KEY.test(l) || NOTHING_SAVED.test(l)),
        who.name,
      ).toEqual([]);
      const other = who === KATE ? ITALIAN : ENGLISH;
      expect(
        lines.filter((l) => other.test(l)),
        who.name,
      ).toEqual([]);
    }
  });
});

const ITALIAN = /\b(il|della|caso|richiesta|firmata|scade|apri|tua|tuo|reclamo|è|entro|cliente)\b/i;
const ENGLISH = /\b(the|your|request|was|signed|open the|case|approval|by|late|rated|is)\b/i;
const RAW_KEY =
  /\b(complaint|case|d2|approval|reminder|sla|satisfaction|follow|care|digest|error|field|thread|home|action|decision|escalation|p1|admin|permission|teams)\.[a-z_]+/;
const NOTHING_SAVED = /non salvat|nulla è stato salvato|not saved|nothing was saved/i;

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

/** Every text an activity carries: its own and its cards' (TextBlock texts, facts, button titles). */
function textsOf(body: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const k of ['text', 'title', 'value', 'label'])
      if (typeof o[k] === 'string' && !(o[k] as string).startsWith('data:'))
        out.push(o[k] as string);
    Object.values(o).forEach(walk);
  };
  walk(body);
  return out.join(' | ');
}

class ShiftedClock {
  private offset = 0;
  now = () => new Date(Date.now() + this.offset);
  set(at: Date) {
    this.offset = at.getTime() - Date.now();
  }
}
