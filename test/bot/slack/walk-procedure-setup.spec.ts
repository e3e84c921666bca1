import { describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import type { Complaint } from '../../../src/domain/complaint/complaint.js';
import { slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  appHomeOpened,
  buttonPress,
  input,
  postToBot,
  reshaped,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';
import { toldTo, waitToldTo } from '../../support/told.js';

/**
 * Issue 16 walked as its people would, on a fresh installation: the first week of a director
 * (DCOM), an admin, a manager, an operator, a technician, the commercial office (SCOM), a member
 * with no role and an English-speaking operator — with their mistakes — reading what each is told.
 */
const DIR = 'U0DIR';
const ADMIN = 'U0ADM';
const MAN = 'U0MAN';
const OP = 'U0OP';
const TECH = 'U0TEC';
const SCOM = 'U0SCOM';
const NEW = 'U0NEW';
const EN = 'U0ENG';
const ASSIST = 'C0ASSIST';
const TRIAGE = 'C0TRIAGE';
const ITALIANS = [DIR, ADMIN, MAN, OP, TECH, SCOM, NEW];

type View = { callback_id: string; title: { text: string }; blocks: Record<string, unknown>[] };
type Home = { blocks: { text?: { text: string }; elements?: { text?: string }[] }[] };

/** Words that give English away in an Italian text, and the reverse. */
const ENGLISH = /\b(the|you|your|complaint|ask|saved|roles? of|nothing|needs?)\b/i;
const ITALIAN = /\b(il|della|reclamo|serve|chiedi|salvat[oa]|ruoli|nulla|nessun[oa]?)\b/i;
/** A catalogue key or a placeholder shown instead of its text. */
const RAW_KEY =
  /\{[a-zA-Z]+\}|\b(error|field|permission|roles|client|admin|home|taxonomy|routing|case|thread|card|follow)\.[a-z_]+(\.[A-Za-z_.]+)?\b/;

const TRIAGE_CALL =
  '<@U0DIR> nessuna regola di instradamento prende questo caso: spostalo nel reparto giusto con *Amministra → Sposta di reparto*, o aggiungi una regola (`/sportello routing add`) per i prossimi.';

describe('Slack: a first week of setting the procedure up, walked as its people', () => {
  const bot = useSlackBot('slack_walk_setup', { locales: { [EN]: 'en-GB' } });
  const post = (body: string) => postToBot(bot.baseUrl, { body });
  const say = async (command: string, user: string, text = '') =>
    String((await post(slashCommand(command, user, text))).json().text ?? '');
  const sportello = (user: string, text: string) => say(COMMANDS.sportello, user, text);
  const opened = (from: number) =>
    eventually(() => {
      const call = bot.stub.of('views.open')[from];
      if (!call) throw new Error('no form opened yet');
      return call.args.view as View;
    });
  const rolesOf = (id: string) => bot.db.store.roles.rolesOf(slackUser(id));
  const thread = (channel: string, ts: string) =>
    bot.stub
      .of('chat.postMessage')
      .filter((c) => c.args.channel === channel && c.args.thread_ts === ts)
      .map((c) => String(c.args.text));
  const cardsIn = (channel: string, number: string) =>
    bot.stub
      .of('chat.postMessage')
      .filter(
        (c) =>
          c.args.channel === channel &&
          !c.args.thread_ts &&
          JSON.stringify(c.args.blocks).includes(number),
      );
  const homeOf = async (user: string) => {
    const before = bot.stub.of('views.publish').length;
    await postToBot(bot.baseUrl, appHomeOpened(user));
    const view = await eventually(() => {
      const call = bot.stub
        .of('views.publish')
        .slice(before)
        .find((c) => c.args.user_id === user);
      if (!call) throw new Error(`no home for ${user}`);
      return call.args.view as Home;
    });
    return view.blocks
      .map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')].join('\n'))
      .join('\n');
  };
  let clientId = '';
  let misrouted = { id: '', ts: '' };

  it('Monday 9:00 — the director runs setup once; running it again, or a newcomer running it, makes nobody else director', async () => {
    expect(await sportello(DIR, 'setup')).toBe(
      'Sei il primo utente: ora sei direttore (DCOM) e amministratore. Prossimi passi: crea il canale di smistamento e invita il bot; dai i ruoli con `/sportello roles @persona +operator`; indica i canali dei reparti con `/sportello routing add`.',
    );
    // She did not see the answer and runs it again; the newcomer tries too.
    expect(await sportello(DIR, 'setup')).toBe(
      'Sportello è già configurato e tu sei tra i direttori. Ruoli: `/sportello roles`.',
    );
    expect(await sportello(NEW, 'setup')).toBe(
      'Sportello è già configurato. Direttori: <@U0DIR>. Chiedi a loro o a un amministratore i ruoli che ti servono.',
    );
    expect(await rolesOf(DIR)).toEqual(['DCOM', 'admin']);
    expect(await rolesOf(NEW)).toEqual([]);
  });

  it('the director gives the roles; a name without @ or an Italian role name gets the usage and changes nothing; each person is told', async () => {
    const usage =
      'Uso: `/sportello roles @utente +SCOM -operator` aggiunge e toglie ruoli (un ruolo senza segno si aggiunge); `/sportello roles` li elenca. Ruoli: DCOM, SCOM, SDID, SAMM, operator, coordinator, technician, manager, admin.';
    expect(await sportello(DIR, 'roles U0ADM admin')).toBe(usage);
    expect(await sportello(DIR, `roles <@${OP}> operatore`)).toBe(usage);
    expect(await rolesOf(ADMIN)).toEqual([]);
    expect(await rolesOf(OP)).toEqual([]);

    expect(await sportello(DIR, `roles <@${ADMIN}> admin`)).toBe(
      'Ruoli di <@U0ADM> — aggiunti: admin; tolti: —. Ora: admin.',
    );
    for (const [who, role] of [
      [MAN, 'manager'],
      [OP, 'operator'],
      [TECH, 'technician'],
    ])
      expect(await sportello(DIR, `roles <@${who}> +${role}`)).toMatch(/^Ruoli di .* aggiunti/);
    // The admin carries on with the commercial office and the English-speaking operator.
    expect(await sportello(ADMIN, `roles <@${SCOM}> +SCOM`)).toBe(
      'Ruoli di <@U0SCOM> — aggiunti: SCOM; tolti: —. Ora: SCOM.',
    );
    expect(await sportello(ADMIN, `roles <@${EN}> operator`)).toMatch(/aggiunti: operator/);
    expect(await waitToldTo(bot.stub, TECH, 1)).toEqual([
      'I tuoi ruoli in Sportello sono cambiati — aggiunti: technician; tolti: —. Ora hai: technician.',
    ]);
    expect(await waitToldTo(bot.stub, SCOM, 1)).toEqual([
      'I tuoi ruoli in Sportello sono cambiati — aggiunti: SCOM; tolti: —. Ora hai: SCOM.',
    ]);
    expect(await waitToldTo(bot.stub, EN, 1)).toEqual([
      'Your Sportello roles changed — added: operator; removed: —. You now hold: operator.',
    ]);
    expect(await sportello(OP, 'roles')).toMatch(/^Ruoli assegnati:\n/);
  });

  it('the admin cannot make the manager DCOM, the director cannot leave without a successor, and a member with no role is told whom to ask', async () => {
    expect(await sportello(ADMIN, `roles <@${MAN}> +DCOM`)).toBe(
      'Solo un direttore (DCOM) assegna o toglie il ruolo DCOM: chiedi a <@U0DIR>.',
    );
    expect(await sportello(DIR, `roles <@${DIR}> -DCOM`)).toBe(
      'È l’unico direttore (DCOM): assegna prima il ruolo a un’altra persona.',
    );
    expect(await sportello(NEW, `roles <@${NEW}> +DCOM`)).toBe(
      'Per assegnare ruoli serve uno di questi ruoli: DCOM, admin. Chiedi a <@U0DIR>.',
    );
    expect(await sportello(NEW, 'roles')).toBe(
      'Per vedere chi ha quali ruoli serve uno di questi ruoli: DCOM, SCOM, SDID, SAMM, operator, coordinator, technician, manager, admin. Chiedi a <@U0DIR>.',
    );
    expect(await say(COMMANDS.complaint, NEW, 'list')).toBe(
      'Per consultare i reclami serve uno di questi ruoli: DCOM, SCOM, SDID, SAMM, operator, coordinator, technician, manager, admin. Chiedi a <@U0DIR>.',
    );
    const forms = bot.stub.of('views.open').length;
    expect(await say(COMMANDS.client, NEW)).toBe('');
    expect(await waitToldTo(bot.stub, NEW, 1)).toEqual([
      'Per registrare o modificare un cliente serve uno di questi ruoli: operator, coordinator, technician, manager, DCOM, SCOM. Chiedi a <@U0DIR>.',
    ]);
    expect(bot.stub.of('views.open')).toHaveLength(forms);
    expect(await rolesOf(MAN)).toEqual(['manager']);
    expect(await rolesOf(DIR)).toEqual(['DCOM', 'admin']);
    expect(await rolesOf(NEW)).toEqual([]);
    const refused = await bot.db.store.models.caseEvent
      .find({ caseKind: 'roles', type: 'roles.change_refused' })
      .lean();
    expect(refused.map((e) => [e.actor.id, e.data.code])).toEqual([
      [ADMIN, 'ROLES.DCOM_ONLY'],
      [DIR, 'ROLES.LAST_DCOM'],
      [NEW, 'ROLES.FORBIDDEN'],
    ]);
  });

  it('the manager lists departments, a category and a problem code; the next complaint form offers them, in Italian and in English', async () => {
    expect(
      await sportello(
        MAN,
        'taxonomy add department assistenza "Assistenza tecnica" "Technical support"',
      ),
    ).toBe(
      'Aggiunto (reparto): `assistenza` — Assistenza tecnica / Technical support. Il prossimo modulo di reclamo lo propone.',
    );
    expect(await sportello(MAN, 'taxonomy add reparto qualita "Qualità"')).toMatch(
      /^Aggiunto \(reparto\): `qualita`/,
    );
    expect(await sportello(MAN, 'taxonomy add category idraulica "Impianti idraulici"')).toMatch(
      /^Aggiunto \(categoria\)/,
    );
    // The label forgotten: the usage, and nothing stored.
    expect(await sportello(MAN, 'taxonomy add problemCode HYD-02')).toMatch(
      /^Uso: `\/sportello taxonomy/,
    );
    expect(await sportello(MAN, 'taxonomy add problemCode hyd-02 "Perdita d’olio"')).toBe(
      'Aggiunto (codice problema): `HYD-02` — Perdita d’olio. Il prossimo modulo di reclamo lo propone.',
    );
    expect(await sportello(OP, 'taxonomy add category x "X"')).toBe(
      'Per gestire reparti, categorie e codici problema serve uno di questi ruoli: DCOM, manager, admin. Chiedi a <@U0DIR>.',
    );
    expect(await bot.db.store.models.taxonomy.countDocuments()).toBe(4);

    const options = (view: View, block: string) =>
      (
        (view.blocks.find((b) => b.block_id === block)!.element as Record<string, unknown>)
          .options as { text: { text: string } }[]
      ).map((o) => o.text.text);
    let from = bot.stub.of('views.open').length;
    await say(COMMANDS.complaint, OP);
    const italian = await opened(from);
    expect(options(italian, 'department')).toEqual([
      'Non so → triage',
      'Assistenza tecnica',
      'Qualità',
    ]);
    expect(options(italian, 'category')).toEqual(['Impianti idraulici']);
    expect(options(italian, 'problemCode')).toEqual(['HYD-02 · Perdita d’olio']);
    from = bot.stub.of('views.open').length;
    await say(COMMANDS.complaint, EN);
    const english = await opened(from);
    expect(english.title.text).toBe('New complaint');
    expect(options(english, 'department')).toEqual([
      'Not sure → triage',
      'Technical support',
      'Qualità',
    ]);
  });

  it('the manager adds a routing rule from chat (Slack retries the submission): saved once, told to invite the bot; people without the role are refused before the form', async () => {
    const from = bot.stub.of('views.open').length;
    expect(await sportello(OP, 'routing add')).toBe('');
    expect(await waitToldTo(bot.stub, OP, 1, /instradamento/)).toEqual([
      'Per gestire le regole di instradamento serve uno di questi ruoli: DCOM, manager, admin. Chiedi a <@U0DIR>.',
    ]);
    expect(await sportello(MAN, 'routing add')).toBe('');
    const form = await opened(from);
    expect(form.callback_id).toBe(VIEWS.routingRule);
    expect(form.title.text).toBe('Nuova regola');
    bot.stub.channels.notMember.add(ASSIST);
    const submit = () =>
      post(
        viewSubmission(MAN, {
          id: 'VRULE',
          callbackId: VIEWS.routingRule,
          privateMetadata: '{"channel":"C0OPS"}',
          values: {
            department: input.select('assistenza'),
            category: input.select('*'),
            priority: input.select('*'),
            channel: { value: { type: 'conversations_select', selected_conversation: ASSIST } },
            mention: { value: { type: 'multi_users_select', selected_users: [TECH] } },
            onCall: { value: { type: 'users_select', selected_user: null } },
          },
        }),
      );
    expect((await submit()).text).toBe('');
    expect((await submit()).text).toBe('');
    expect(await waitToldTo(bot.stub, MAN, 1, /Regola/)).toEqual([
      'Regola salvata: assistenza · qualsiasi · qualsiasi → <#C0ASSIST> · menziona <@U0TEC>. Il prossimo reclamo così va in <#C0ASSIST>.\nAttenzione: il bot non è nel canale <#C0ASSIST>. Perché le schede arrivino, scrivi `/invite @Sportello` in quel canale.',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toldTo(bot.stub, MAN, /Regola/)).toHaveLength(1);
    expect(await bot.db.store.models.routingRule.countDocuments()).toBe(1);
    expect(await sportello(MAN, 'routing')).toMatch(
      /\n1\. assistenza · qualsiasi · qualsiasi → <#C0ASSIST> · menziona <@U0TEC>\n/,
    );
    // The operator replays the list's Delete button: refused like Edit, naming whom to ask.
    const [rule] = await bot.db.store.routingRules.all();
    await post(buttonPress(OP, ACTIONS.routingDelete, rule!.id, 'C0OPS', '1.1'));
    await post(buttonPress(OP, ACTIONS.routingEdit, rule!.id, 'C0OPS', '1.1'));
    const refusal =
      'Per gestire le regole di instradamento serve uno di questi ruoli: DCOM, manager, admin. Chiedi a <@U0DIR>.';
    expect(await waitToldTo(bot.stub, OP, 3, /instradamento/)).toEqual([refusal, refusal, refusal]);
    expect(await bot.db.store.models.routingRule.countDocuments()).toBe(1);
    const refused = await bot.db.store.models.caseEvent
      .find({ caseKind: 'routing', type: 'routing.change_refused' })
      .lean();
    expect(refused.map((e) => e.actor.id)).toEqual([OP]);
  });

  it('the operator registers a client (the submission retried), a colleague’s look-alike is refused naming it, and an edit shows what changes before Save', async () => {
    const client = (code: string, name: string, over: Record<string, object> = {}) => ({
      code: input.text(code),
      name: input.text(name),
      kind: input.select('business'),
      industry: input.text('meccanica'),
      location: input.text('Parma'),
      careCadenceDays: input.number('90'),
      loyal: input.checks('loyal'),
      ...over,
    });
    const submit = (user: string, id: string, values: object, privateMetadata?: string) =>
      post(
        viewSubmission(user, {
          id,
          callbackId: VIEWS.client,
          values: values as never,
          ...(privateMetadata ? { privateMetadata } : {}),
        }),
      );
    const first = client('ROSSI', 'Rossi Meccanica S.r.l.');
    expect((await submit(OP, 'VCLIENT', first)).text).toBe('');
    expect((await submit(OP, 'VCLIENT', first)).text).toBe('');
    expect(await waitToldTo(bot.stub, OP, 1, /Cliente/)).toEqual(['Cliente *ROSSI* registrato.']);

    const spelt = await submit(TECH, 'VLOOK', client('RM01', 'ROSSI MECCANICA srl'));
    expect(spelt.json()).toEqual({
      response_action: 'errors',
      errors: {
        name: 'Il cliente Rossi Meccanica S.r.l. esiste già (codice ROSSI): per modificarlo usa `/client edit ROSSI`.',
      },
    });
    const code = await submit(
      TECH,
      'VCODE',
      client('rossi', 'Rossi bis', { loyal: input.checks() }),
    );
    expect(code.json()).toEqual({
      response_action: 'errors',
      errors: {
        code: 'Il codice ROSSI è già del cliente Rossi Meccanica S.r.l.: per modificarlo usa `/client edit ROSSI`.',
      },
    });
    expect(await bot.db.store.models.client.countDocuments()).toBe(1);
    const rossi = (await bot.db.store.clients.findByCode('ROSSI'))!;
    clientId = rossi.id;
    expect(rossi).toMatchObject({ name: 'Rossi Meccanica S.r.l.', loyal: true });

    // A code that does not exist is said so, not answered with the usage.
    expect(await say(COMMANDS.client, OP, 'edit ROSSO')).toBe(
      'Nessun cliente ha il codice ROSSO: `/client search ROSSO` lo cerca per nome.',
    );
    const from = bot.stub.of('views.open').length;
    expect(await say(COMMANDS.client, OP, 'edit rossi')).toBe('');
    const editForm = (await opened(from)) as View & { private_metadata: string };
    expect(JSON.parse(editForm.private_metadata)).toEqual({ clientId });
    const edit = client('ROSSI', 'Rossi Meccanica S.r.l.', {
      location: input.text('Reggio Emilia'),
    });
    const asked = (await submit(OP, 'VEDIT', edit, JSON.stringify({ clientId }))).json() as {
      response_action: string;
      view: View & { private_metadata: string; submit: { text: string } };
    };
    expect(asked.response_action).toBe('push');
    expect(asked.view.title.text).toBe('Conferma modifiche');
    expect(asked.view.submit.text).toBe('Salva');
    expect(asked.view.blocks.map((b) => (b.text as { text: string }).text)).toEqual([
      'Salvando, il cliente *ROSSI* cambia così (Indietro per correggere il modulo):',
      '• Località: Parma → Reggio Emilia',
    ]);
    expect((await bot.db.store.clients.findByCode('ROSSI'))?.classification).toMatchObject({
      location: 'Parma',
    });
    const save = () =>
      post(
        viewSubmission(OP, {
          id: 'VCONFIRM',
          callbackId: VIEWS.clientConfirm,
          values: {},
          privateMetadata: asked.view.private_metadata,
        }),
      );
    const saved = await Promise.all([save(), save()]);
    expect(saved.map((a) => a.json())).toEqual([
      { response_action: 'clear' },
      { response_action: 'clear' },
    ]);
    expect(await waitToldTo(bot.stub, OP, 2, /Cliente/)).toEqual([
      'Cliente *ROSSI* registrato.',
      'Cliente *ROSSI* aggiornato. Modifiche — Località: Parma → Reggio Emilia.',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toldTo(bot.stub, OP, /Cliente/)).toHaveLength(2);
    expect(await say(COMMANDS.client, TECH, 'list')).toBe(
      'Clienti (1):\n• *Rossi Meccanica S.r.l.* (ROSSI) · referente — · fidelizzato',
    );
  });

  const complaint = (id: string, user: string, over: Record<string, object>) =>
    post(
      viewSubmission(user, {
        id,
        callbackId: VIEWS.complaint,
        privateMetadata: '{"channel":"C0OPS"}',
        values: {
          client: input.external(OPTIONS.client, clientId),
          product: input.text('Pressa PX-200'),
          description: input.text('Perdita d’olio dal cilindro'),
          problemCode: input.select('HYD-02'),
          category: input.select('idraulica'),
          department: input.select('assistenza'),
          priority: input.radio('P3'),
          estimatedCostEur: input.number('100'),
          flags: input.checks(),
          warranty: input.select('in_warranty'),
          channel: input.select('phone'),
          ...over,
        },
      }),
    );

  it('Tuesday — the rule routes the operator’s complaint to the department, mentioning the technician; the English operator is not sure and it goes to triage', async () => {
    expect((await complaint('VFILE1', OP, {})).text).toBe('');
    expect(await waitToldTo(bot.stub, OP, 1, /Reclamo/)).toEqual([
      'Reclamo *R-2026-0001* registrato (P3). Lo trovi in <#C0ASSIST>.',
    ]);
    const first = (await bot.db.store.complaints.findByNumber('R-2026-0001'))!;
    await eventually(async () =>
      expect((await bot.db.store.complaints.get(first.id))?.announcement).toBeDefined(),
    );
    const card = (await bot.db.store.complaints.get(first.id))!.announcement!;
    expect(card.channel).toBe(ASSIST);
    await eventually(() => expect(thread(ASSIST, card.messageId)).toEqual(['<@U0TEC>']));

    expect((await complaint('VFILE2', EN, { department: input.select('triage') })).text).toBe('');
    expect(await waitToldTo(bot.stub, EN, 2)).toEqual([
      'Your Sportello roles changed — added: operator; removed: —. You now hold: operator.',
      'Complaint *R-2026-0002* registered (P3). It is in <#C0TRIAGE>.',
    ]);
    const second = (await bot.db.store.complaints.findByNumber('R-2026-0002'))!;
    await eventually(async () =>
      expect((await bot.db.store.complaints.get(second.id))?.announcement).toBeDefined(),
    );
    misrouted = {
      id: second.id,
      ts: (await bot.db.store.complaints.get(second.id))!.announcement!.messageId,
    };
    // Triage is nobody's channel: the director is called to it, and told what to do.
    await eventually(() => expect(thread(TRIAGE, misrouted.ts)).toEqual([TRIAGE_CALL]));
  });

  /** A choice in the card's "Amministra" menu, as Slack sends an overflow press. */
  const administer = (user: string, kind: string) =>
    reshaped(buttonPress(user, ACTIONS.administer, '', TRIAGE, misrouted.ts), (payload) => {
      payload.trigger_id = `trigger-${user}-${kind}`;
      payload.actions = [
        {
          type: 'overflow',
          action_id: ACTIONS.administer,
          block_id: 'case_actions',
          selected_option: {
            value: `${kind}:${misrouted.id}`,
            text: { type: 'plain_text', text: kind },
          },
          action_ts: '1700000000.2',
        },
      ];
    });

  it('a member with no role presses the card’s buttons, the operator and the technician try Amministra: each refusal names its action and whom to ask', async () => {
    const forms = bot.stub.of('views.open').length;
    await post(buttonPress(NEW, ACTIONS.acknowledge, misrouted.id, TRIAGE, misrouted.ts));
    await waitToldTo(bot.stub, NEW, 2);
    await post(administer(NEW, 'reroute'));
    await post(administer(OP, 'reassign'));
    await post(administer(TECH, 'reprioritise'));
    await post(administer(EN, 'reroute'));
    expect(await waitToldTo(bot.stub, NEW, 3)).toEqual([
      'Per registrare o modificare un cliente serve uno di questi ruoli: operator, coordinator, technician, manager, DCOM, SCOM. Chiedi a <@U0DIR>.',
      'Per prendere visione di un caso serve uno di questi ruoli: operator, coordinator, technician, manager, DCOM. Chiedi a <@U0DIR>.',
      'Per spostare un reclamo a un altro reparto serve uno di questi ruoli: coordinator, manager, DCOM, admin. Chiedi a <@U0DIR>.',
    ]);
    expect(await waitToldTo(bot.stub, OP, 1, /^Per riassegnare/)).toEqual([
      'Per riassegnare un reclamo serve uno di questi ruoli: coordinator, manager, DCOM, admin. Chiedi a <@U0DIR>.',
    ]);
    expect(await waitToldTo(bot.stub, TECH, 1, /^Per cambiare/)).toEqual([
      'Per cambiare la priorità di un reclamo serve uno di questi ruoli: coordinator, manager, DCOM, admin. Chiedi a <@U0DIR>.',
    ]);
    expect(await waitToldTo(bot.stub, EN, 1, /^To move/)).toEqual([
      'To move a case to another department you need one of these roles: coordinator, manager, DCOM, admin. Ask <@U0DIR>.',
    ]);
    expect(bot.stub.of('views.open')).toHaveLength(forms);
    const stored = (await bot.db.store.complaints.get(misrouted.id))!;
    expect(stored.status).toBe('new');
  });

  it('the manager moves the misrouted case from Amministra (double click), reassigns it to the technician and raises it to P2 with a reason: card, threads and trail say so', async () => {
    const from = bot.stub.of('views.open').length;
    await post(administer(MAN, 'reroute'));
    const form = await opened(from);
    expect(form.title.text).toBe('Sposta di reparto');
    // The departments are the ones the complaint form offers, not a free text to get wrong.
    const field = form.blocks.find((b) => b.block_id === 'department') as {
      hint?: { text: string };
      element: { type: string; options: { text: { text: string } }[]; initial_option?: object };
    };
    expect(field.element.type).toBe('static_select');
    expect(field.element.options.map((o) => o.text.text)).toEqual([
      'Non so → triage',
      'Assistenza tecnica',
      'Qualità',
    ]);
    expect(field.element.initial_option).toMatchObject({ value: 'triage' });
    expect(field.hint?.text).toBe(
      'La scheda va nel canale che le regole di instradamento indicano per questo reparto. Reparti con una regola: assistenza.',
    );
    const meta = JSON.stringify({ id: misrouted.id });
    // The label sent instead of a listed department (a stale or forged form): refused on it.
    const typed = await post(
      viewSubmission(MAN, {
        id: 'VTYPED',
        callbackId: VIEWS.caseReroute,
        privateMetadata: meta,
        values: { department: input.text('Assistenza tecnica') },
      }),
    );
    expect(typed.json()).toEqual({
      response_action: 'errors',
      errors: { department: 'Scegli un valore dall’elenco.' },
    });
    expect((await bot.db.store.complaints.get(misrouted.id))?.department).toBe('triage');
    const move = () =>
      post(
        viewSubmission(MAN, {
          id: 'VMOVE',
          callbackId: VIEWS.caseReroute,
          privateMetadata: meta,
          values: { department: input.select('assistenza'), note: input.text('È idraulica') },
        }),
      );
    const answers = await Promise.all([move(), move()]);
    expect(answers.map((a) => a.text)).toEqual(['', '']);
    const moved = await eventually(async () => {
      const c = (await bot.db.store.complaints.get(misrouted.id))!;
      expect(c.announcement?.channel).toBe(ASSIST);
      return c;
    });
    await eventually(() =>
      expect(thread(ASSIST, moved.announcement!.messageId)).toContain(
        'R-2026-0002 arriva qui da <#C0TRIAGE>. <@U0TEC>',
      ),
    );
    const card = { channel: ASSIST, ts: moved.announcement!.messageId };
    const moveLine =
      '<@U0MAN> ha spostato il caso dal reparto triage a assistenza (<#C0ASSIST>). — È idraulica';
    // The old thread says where the case went; the move is told once, in whichever thread the
    // card was in when the line went out.
    await eventually(() => {
      expect(thread(TRIAGE, misrouted.ts).filter((l) => l !== moveLine)).toEqual([
        TRIAGE_CALL,
        'R-2026-0002 è stato spostato in <#C0ASSIST>: la scheda ora è lì.',
      ]);
      expect(
        [...thread(TRIAGE, misrouted.ts), ...thread(ASSIST, card.ts)].filter((l) => l === moveLine),
      ).toHaveLength(1);
    });
    expect(cardsIn(ASSIST, 'R-2026-0002')).toHaveLength(1);

    const reassign = (id: string, user: string) =>
      post(
        viewSubmission(MAN, {
          id,
          callbackId: VIEWS.caseReassign,
          privateMetadata: meta,
          values: { assignee: input.user(user) },
        }),
      );
    // First the wrong person: the newcomer, who holds no role that takes cases.
    expect((await reassign('VASSIGN0', NEW)).json()).toEqual({
      response_action: 'errors',
      errors: {
        assignee:
          'Questa persona non ha un ruolo che prende in carico i casi (technician, coordinator, manager).',
      },
    });
    expect((await reassign('VASSIGN', TECH)).text).toBe('');
    // Told where the case is, not only its number.
    const link = `<https://example.slack.com/archives/C0ASSIST/p${card.ts.replace('.', '')}|apri il caso>`;
    expect(await waitToldTo(bot.stub, TECH, 1, /assegnato/)).toEqual([
      `Ti è stato assegnato il caso R-2026-0002. — ${link}`,
    ]);

    const before = (await bot.db.store.complaints.get(misrouted.id))!;
    const raise = () =>
      post(
        viewSubmission(MAN, {
          id: 'VPRIORITY',
          callbackId: VIEWS.casePriority,
          privateMetadata: meta,
          values: { priority: input.select('P2'), reason: input.text('Linea ferma') },
        }),
      );
    // Slack retries the submission: one change, one line, one message to the technician.
    expect((await raise()).text).toBe('');
    expect((await raise()).text).toBe('');
    await eventually(() =>
      expect(thread(card.channel, card.ts).filter((l) => l !== moveLine)).toEqual([
        'R-2026-0002 arriva qui da <#C0TRIAGE>. <@U0TEC>',
        '<@U0MAN> ha assegnato il caso a <@U0TEC>.',
        '<@U0MAN> ha cambiato la priorità: P3 → P2. Motivo: Linea ferma',
      ]),
    );
    // The technician it is assigned to has less time now: told directly.
    expect(await waitToldTo(bot.stub, TECH, 1, /^La priorità/)).toEqual([
      `La priorità del caso R-2026-0002, assegnato a te, è cambiata: P3 → P2. Motivo: Linea ferma — ${link}`,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toldTo(bot.stub, TECH, /^La priorità/)).toHaveLength(1);
    const after = (await bot.db.store.complaints.get(misrouted.id)) as Complaint;
    expect(after).toMatchObject({ priority: 'P2', department: 'assistenza' });
    expect(after.assignee).toMatchObject({ id: TECH });
    const targets = (c: Complaint) => c.slaClocks.map((k) => k.target).sort();
    expect(targets(before)).not.toEqual(targets(after));
    expect(targets(after)).toEqual(['resolution', 'take_in_charge']);
    const trail = await bot.db.store.caseEvents.history('complaint', misrouted.id);
    expect(trail.map((e) => e.type)).toEqual([
      'complaint.filed',
      'complaint.rerouted',
      'complaint.reassigned',
      'complaint.priority_changed',
    ]);
    // The technician takes it in charge, twice (a double click): done once, the second told.
    const take = () =>
      post(buttonPress(TECH, ACTIONS.takeInCharge, misrouted.id, card.channel, card.ts));
    await take();
    await eventually(async () =>
      expect((await bot.db.store.complaints.get(misrouted.id))?.status).toBe('in_progress'),
    );
    await take();
    const [again] = await waitToldTo(bot.stub, TECH, 1, /^Già preso in carico/);
    expect(again).toMatch(/^Già preso in carico da <@U0TEC> il \d\d\/12\/2026 \d\d:\d\d\.$/);
  });

  it('App Home shows each role its work and settings, in Italian, and in English for the English operator', async () => {
    const home = Object.fromEntries(
      await Promise.all([...ITALIANS, EN].map(async (u) => [u, await homeOf(u)] as const)),
    );
    expect(home[DIR]).toContain('*Approvazioni che aspettano te*');
    expect(home[DIR]).toContain('*Da firmare*');
    expect(home[DIR]).toContain('*Impostazioni*');
    expect(home[DIR]).toContain('(solo tu assegni DCOM)');
    // Counted as Italian counts them: not “1 categorie, 1 codici problema”.
    expect(home[DIR]).toContain(
      '*Reparti, categorie e codici problema* offerti nel modulo di reclamo — reparti: 2 · categorie: 1 · codici problema: 1.',
    );
    expect(home[DIR]).toContain('1. assistenza · qualsiasi · qualsiasi → <#C0ASSIST>');
    expect(home[ADMIN]).toContain('(DCOM lo assegna solo un direttore)');
    expect(home[ADMIN]).not.toContain('*Da firmare*');
    expect(home[MAN]).toContain('*Approvazioni che aspettano te*');
    expect(home[MAN]).toContain('*Regole di instradamento*');
    expect(home[MAN]).not.toContain('Gestisci ruoli');
    expect(home[OP]).toContain('• *Rossi Meccanica S.r.l.* (ROSSI)');
    expect(home[OP]).not.toContain('*Impostazioni*');
    expect(home[TECH]).toContain(
      ':large_green_circle: *R-2026-0002* P2 · In lavorazione · Pressa PX-200',
    );
    expect(home[SCOM]).toContain('*Richieste D2 firmate da eseguire*');
    expect(home[NEW]).toBe(
      'Sportello\nNon hai ancora un ruolo in Sportello, quindi qui non c’è niente per te. Chiedi a <@U0DIR> il ruolo che ti serve.',
    );
    expect(home[EN]).toContain('*My open cases*');
    expect(home[EN]).toContain(
      ':large_green_circle: *R-2026-0002* P2 · In progress · Pressa PX-200',
    );
    expect(home[EN]).toContain('*Care calls to make*');
    for (const user of ITALIANS) expect(home[user]).not.toMatch(ENGLISH);
    expect(home[EN]).not.toMatch(ITALIAN);
  });

  // Seen on the walk, left for the lead (larger than a walk's fix):
  it.todo(
    'the thread line addressed to the person who filed (“<@U0ENG> Il tuo reclamo R-2026-0002: …”) is in their language, or goes by DM, when they do not read the company’s',
  );
  it.todo(
    'App Home’s open cases link their card and say when the next SLA target is due (today “:large_green_circle: *R-2026-0002* P2 · In lavorazione · Pressa PX-200”)',
  );

  it('in the whole week nobody read a raw key, a placeholder, the other language, or “not saved” after a save', () => {
    for (const user of ITALIANS) {
      const lines = toldTo(bot.stub, user);
      expect(lines.filter((l) => RAW_KEY.test(l))).toEqual([]);
      expect(lines.filter((l) => ENGLISH.test(l))).toEqual([]);
      expect(lines.filter((l) => /non salvat|nulla è stato salvato/i.test(l))).toEqual([]);
    }
    const english = toldTo(bot.stub, EN);
    expect(english.filter((l) => ITALIAN.test(l) || RAW_KEY.test(l))).toEqual([]);
    const views = bot.stub.of('views.open').map((c) => JSON.stringify(c.args.view));
    expect(views.filter((v) => RAW_KEY.test(v))).toEqual([]);
    expect(bot.stub.refusals).toEqual([]);
  });
});
