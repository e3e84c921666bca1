import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, SHORTCUTS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, aComplaint, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { toldTo, waitToldTo } from '../../support/told.js';
import {
  appHomeOpened,
  buttonPress,
  clientSuggestion,
  messageShortcut,
  input,
  postToBot,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';

const user = slackUser;

describe('Slack: commands, client search, shortcut, App Home, roles, languages', () => {
  const bot = useSlackBot('slack_commands', { locales: { U0EN: 'en-GB' } });
  let clientId: string;
  beforeAll(async () => {
    clientId = (
      await bot.db.store.clients.insert(
        NewClientSchema.parse(aClient({ code: 'VERDI', name: 'Verdi Impianti' })),
      )
    ).id;
    await bot.db.store.clients.insert(
      NewClientSchema.parse(aClient({ code: 'NERI', name: 'Neri Logistica' })),
    );
    await bot.db.store.roles.assign(user('U0OP'), ['operator']);
    await bot.db.store.roles.assign(user('U0EN'), ['operator']);
    await bot.db.store.complaints.register(
      aComplaint(clientId, {
        problemCode: 'X-1',
        product: 'Caldaia K2',
        assignee: user('U0OP'),
        status: 'in_progress',
      }),
      2026,
    );
  });
  const post = (body: string) => postToBot(bot.baseUrl, { body });

  it('lists, shows and searches complaints privately', async () => {
    const list = (await post(slashCommand(COMMANDS.complaint, 'U0OP', 'list'))).json();
    expect(list).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('R-2026-0001'),
    });
    expect(
      (await post(slashCommand(COMMANDS.complaint, 'U0OP', 'show r-2026-0001'))).json().text,
    ).toContain('Caldaia K2');
    expect(
      (await post(slashCommand(COMMANDS.complaint, 'U0OP', 'search caldaia'))).json().text,
    ).toContain('R-2026-0001');
    expect((await post(slashCommand(COMMANDS.complaint, 'U0OP', 'search .*'))).json().text).toBe(
      'Nessun reclamo da mostrare.',
    );
    expect((await post(slashCommand(COMMANDS.complaint, 'U0OP', 'mine'))).json().text).toContain(
      'R-2026-0001',
    );
    expect((await post(slashCommand(COMMANDS.complaint, 'U0OP', 'boh'))).json().text).toMatch(
      /^Uso:/,
    );
  });

  it('serves the searchable client list', async () => {
    const answer = await post(clientSuggestion('U0OP', 'verdi'));
    expect(answer.json()).toEqual({
      options: [
        { text: { type: 'plain_text', text: 'Verdi Impianti (VERDI)' }, value: clientId },
        { text: { type: 'plain_text', text: '➕ Nuovo cliente: verdi' }, value: 'new:verdi' },
      ],
    });
  });

  it('offers a new client for an unknown name and registers it once with the case', async () => {
    const suggest = await post(clientSuggestion('U0OP', 'Gialli Srl', 'V2'));
    expect(suggest.json()).toEqual({
      options: [
        {
          text: { type: 'plain_text', text: '➕ Nuovo cliente: Gialli Srl' },
          value: 'new:Gialli Srl',
        },
      ],
    });
    const values = {
      client: input.external(OPTIONS.client, 'new:Gialli Srl'),
      product: input.text('Cancello C-1'),
      description: input.text('Non si apre'),
      problemCode: input.text('MEC-3'),
      category: input.text('meccanica'),
      department: input.text('assistenza'),
      priority: input.radio('P3'),
      channel: input.select('phone'),
      warranty: input.select('unknown'),
    };
    const invalid = await post(
      viewSubmission('U0OP', {
        id: 'VNEW0',
        callbackId: VIEWS.complaint,
        values: { ...values, product: input.text('x'.repeat(201)) },
      }),
    );
    expect(invalid.json()).toMatchObject({
      response_action: 'errors',
      errors: { product: 'Al massimo 200 caratteri.' },
    });
    expect(await bot.db.store.clients.search('Gialli', 5)).toEqual([]);

    expect(
      (await post(viewSubmission('U0OP', { id: 'VNEW', callbackId: VIEWS.complaint, values })))
        .text,
    ).toBe('');
    expect(
      (
        await postToBot(bot.baseUrl, {
          body: viewSubmission('U0OP', { id: 'VNEW', callbackId: VIEWS.complaint, values }),
          retryNum: 1,
        })
      ).text,
    ).toBe('');
    const answers = await waitToldTo(bot.stub, 'U0OP', 1, /Cancello|registrato/);
    const created = await bot.db.store.clients.search('Gialli', 5);
    expect(created.map((c) => [c.name, c.code])).toEqual([['Gialli Srl', 'GIALLISRL-1']]);
    const cases = await bot.db.store.complaints.search('Cancello', 5);
    expect(cases.map((c) => c.clientId)).toEqual([created[0]!.id]);
    // The retry added no second confirmation.
    expect(toldTo(bot.stub, 'U0OP', /Cancello|registrato/)).toEqual(answers);
  });

  it('reminds a due care call, logs it from the form into Mod. 07_A9, and turns a need into a complaint', async () => {
    await bot.db.store.roles.assign(user('U0SCOM'), ['SCOM']);
    await bot.chat.services.notifier.queue({
      type: 'care.call_due',
      clientId,
      clientName: 'Verdi Impianti',
      dueAt: new Date('2026-11-20T08:00:00Z'),
      overdue: true,
      to: [user('U0SCOM')],
    });
    const reminder = await eventually(() => {
      const call = bot.stub.of('chat.postMessage').find((c) => c.args.channel === 'U0SCOM');
      if (!call) throw new Error('no reminder yet');
      return call;
    });
    expect(reminder.args.text).toMatch(/in ritardo/);
    await post(
      buttonPress(
        'U0SCOM',
        ACTIONS.logCareCall,
        clientId,
        'D0SCOM',
        String(reminder.args.ts ?? '1.1'),
      ),
    );
    const modal = await eventually(() => {
      const call = bot.stub
        .of('views.open')
        .find((c) => (c.args.view as { callback_id: string }).callback_id === VIEWS.careCall);
      if (!call) throw new Error('no care form yet');
      return call.args.view as { private_metadata: string };
    });
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await post(
      viewSubmission('U0SCOM', {
        id: 'VCARE0',
        callbackId: VIEWS.careCall,
        privateMetadata: modal.private_metadata,
        values: {
          date: { value: { type: 'datepicker', selected_date: later } },
          channel: input.select('phone'),
          outcome: input.text('Dal futuro'),
        },
      }),
    );
    expect(JSON.parse(future.text)).toEqual({
      response_action: 'errors',
      errors: { date: 'La data della chiamata è nel futuro.' },
    });
    // In the reader's language: an English-speaking operator is told in English.
    const futureEn = await post(
      viewSubmission('U0EN', {
        id: 'VCARE0EN',
        callbackId: VIEWS.careCall,
        privateMetadata: modal.private_metadata,
        values: {
          date: { value: { type: 'datepicker', selected_date: later } },
          channel: input.select('phone'),
          outcome: input.text('From the future'),
        },
      }),
    );
    expect(JSON.parse(futureEn.text)).toEqual({
      response_action: 'errors',
      errors: { date: 'The date of the call is in the future.' },
    });
    expect(await bot.db.store.care.list({ clientId })).toEqual([]);
    const logged = await post(
      viewSubmission('U0SCOM', {
        id: 'VCARE',
        callbackId: VIEWS.careCall,
        privateMetadata: modal.private_metadata,
        values: {
          date: { value: { type: 'datepicker', selected_date: today } },
          channel: input.select('phone'),
          outcome: input.text('Tutto bene'),
          needs: input.text('Il compressore fa rumore'),
        },
      }),
    );
    expect(logged.text).toBe('');
    expect(await bot.db.store.care.list({ clientId })).toEqual([
      expect.objectContaining({
        outcome: 'Tutto bene',
        needs: 'Il compressore fa rumore',
        by: expect.objectContaining({ id: 'U0SCOM' }),
      }),
    ]);
    expect((await bot.db.store.clients.find(clientId))?.nextCareCallDue).toBeInstanceOf(Date);
    const followUp = await eventually(() => {
      const call = bot.stub
        .of('chat.postMessage')
        .find(
          (c) =>
            c.args.channel === 'U0SCOM' &&
            JSON.stringify(c.args.blocks).includes(ACTIONS.careToComplaint),
        );
      if (!call) throw new Error('no follow-up yet');
      return call;
    });
    const value = JSON.stringify({ c: clientId, n: 'Il compressore fa rumore' });
    expect(JSON.stringify(followUp.args.blocks)).toContain(JSON.stringify(value).slice(1, -1));
    await post(buttonPress('U0SCOM', ACTIONS.careToComplaint, value, 'D0SCOM', '1.2'));
    const complaintForm = await eventually(() => {
      const call = bot.stub
        .of('views.open')
        .find((c) => c.args.trigger_id === `trigger-${ACTIONS.careToComplaint}`);
      if (!call) throw new Error('no complaint form yet');
      return call.args.view as {
        blocks: {
          block_id?: string;
          element?: { initial_option?: { value: string }; initial_value?: string };
        }[];
      };
    });
    expect(
      complaintForm.blocks.find((b) => b.block_id === 'client')?.element?.initial_option?.value,
    ).toBe(clientId);
    expect(
      complaintForm.blocks.find((b) => b.block_id === 'description')?.element?.initial_value,
    ).toBe('Il compressore fa rumore');
    expect(bot.stub.refusals).toEqual([]);
  });

  it('answers an English user in English', async () => {
    const answer = await post(
      viewSubmission('U0EN', {
        id: 'VEN',
        callbackId: VIEWS.complaint,
        values: {
          client: input.external(OPTIONS.client, clientId),
          product: input.text('x'.repeat(201)),
        },
      }),
    );
    expect(answer.json()).toMatchObject({
      response_action: 'errors',
      errors: { product: 'At most 200 characters.', description: 'Required.' },
    });
  });

  it('opens the complaint form from a message, with its text and permalink', async () => {
    await post(
      messageShortcut(SHORTCUTS.registerComplaint, 'U0OP', {
        text: 'Il cliente dice che la caldaia perde acqua',
      }),
    );
    const view = await eventually(() => {
      const call = bot.stub.of('views.open').find((c) => c.args.trigger_id === 'trigger-shortcut');
      if (!call) throw new Error('no form yet');
      return call.args.view as {
        private_metadata: string;
        blocks: { block_id?: string; element?: { initial_value?: string } }[];
      };
    });
    expect(view.blocks.find((b) => b.block_id === 'description')?.element?.initial_value).toBe(
      'Il cliente dice che la caldaia perde acqua',
    );
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      sourceMessageUrl: expect.stringContaining('C0SALES'),
    });
  });

  it('publishes App Home with my open cases and their SLA state', async () => {
    await postToBot(bot.baseUrl, appHomeOpened('U0OP'));
    const home = await eventually(() => {
      const call = bot.stub.of('views.publish').find((c) => c.args.user_id === 'U0OP');
      if (!call) throw new Error('no home yet');
      return call;
    });
    expect(JSON.stringify(home.args.view)).toContain('R-2026-0001');
    expect(bot.stub.refusals).toEqual([]);
  });

  it('refuses setup once people hold roles; the director then assigns roles, others may not', async () => {
    expect((await post(slashCommand(COMMANDS.sportello, 'U0BOSS', 'setup'))).json().text).toMatch(
      /già configurato/,
    );
    await bot.db.store.roles.assign(user('U0BOSS'), ['DCOM', 'admin']);
    expect(
      (await post(slashCommand(COMMANDS.sportello, 'U0OP', 'roles <@U0OP> DCOM'))).json().text,
    ).toBe('Per assegnare ruoli serve uno di questi ruoli: DCOM, admin. Chiedi a <@U0BOSS>.');
    expect(await bot.db.store.roles.rolesOf(user('U0OP'))).toEqual(['operator']);
    const assigned = (
      await post(slashCommand(COMMANDS.sportello, 'U0BOSS', 'roles <@U0NEW|new> technician,SCOM'))
    ).json();
    expect(assigned.text).toContain('technician, SCOM');
    expect(await bot.db.store.roles.rolesOf(user('U0NEW'))).toEqual(['technician', 'SCOM']);
    expect(
      (await post(slashCommand(COMMANDS.sportello, 'U0BOSS', 'roles <@U0NEW> wizard'))).json().text,
    ).toMatch(/^Uso:/);
  });

  it('posts a digest on demand for any period, with its chart as a PNG upload', async () => {
    expect((await post(slashCommand(COMMANDS.sportello, 'U0OP', 'digest'))).json().text).toBe(
      'Per vedere gli indicatori serve uno di questi ruoli: DCOM, SCOM, manager, admin. Chiedi a <@U0BOSS>.',
    );
    expect(
      (await post(slashCommand(COMMANDS.sportello, 'U0BOSS', 'digest 2026-13-01 x'))).json().text,
    ).toMatch(/^Uso:/);
    const answer = await post(
      slashCommand(COMMANDS.sportello, 'U0BOSS', 'digest 2026-11-01 2026-11-30', 'C0KPI'),
    );
    expect(answer.json().text).toBe('Digest del periodo 01/11/2026 – 30/11/2026 in arrivo.');
    const digest = await eventually(() => {
      const call = bot.stub.of('chat.postMessage').find((c) => c.args.channel === 'C0KPI');
      if (!call) throw new Error('no digest yet');
      return call;
    });
    expect(JSON.stringify(digest.args.blocks)).toMatch(
      /Indicatori customer care 01\/11\/2026 – 30\/11\/2026/,
    );
    const upload = await eventually(() => {
      const done = bot.stub.of('files.completeUploadExternal')[0];
      if (!done || !bot.stub.uploads[0]) throw new Error('no upload yet');
      return done;
    });
    expect(upload.args.channel_id).toBe('C0KPI');
    // The upload is multipart: the PNG (its 8-byte signature, then an IHDR chunk) sits inside.
    const body = bot.stub.uploads[0]!.bytes;
    const start = body.indexOf(Buffer.from('89504e470d0a1a0a', 'hex'));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(body.subarray(start + 12, start + 16).toString('latin1')).toBe('IHDR');
    expect(body.length - start).toBeGreaterThan(5_000);
  });

  it('drafts a communication, has SCOM protocol it with a number and the text attached, then marks it sent', async () => {
    await bot.db.store.roles.assign(user('U0SCOM2'), ['SCOM']);
    expect((await post(slashCommand(COMMANDS.communication, 'U0BOSS'))).status).toBe(200);
    const drafted = await post(
      viewSubmission('U0BOSS', {
        id: 'VCOMM',
        callbackId: VIEWS.communication,
        privateMetadata: JSON.stringify({ channel: 'C0DIR' }),
        values: {
          client: input.external(OPTIONS.client, clientId),
          subject: input.text('Rinnovo del contratto di assistenza'),
          body: input.text('Gentile cliente,\nle proponiamo il rinnovo; tariffe "2027" invariate.'),
        },
      }),
    );
    expect(drafted.text).toBe('');
    const ask = await eventually(() => {
      const call = bot.stub
        .of('chat.postMessage')
        .find(
          (c) =>
            c.args.channel === 'U0SCOM2' &&
            JSON.stringify(c.args.blocks).includes(ACTIONS.protocolCommunication),
        );
      if (!call) throw new Error('no protocol request yet');
      return call;
    });
    const [letter] = await bot.db.store.communications.list({});
    await post(
      buttonPress(
        'U0SCOM2',
        ACTIONS.protocolCommunication,
        letter!.id,
        'D0SCOM2',
        String(ask.args.ts ?? '1.3'),
      ),
    );
    const stored = await eventually(async () => {
      const c = await bot.db.store.communications.get(letter!.id);
      if (c?.status !== 'protocolled') throw new Error('not protocolled yet');
      return c;
    });
    expect(stored.protocol?.number).toMatch(/^\d{4}\/0001$/);
    const uploaded = await eventually(() => {
      const upload = bot.stub.uploads.find((u) =>
        u.bytes.toString('utf8').includes('Rinnovo del contratto'),
      );
      if (!upload) throw new Error('no document yet');
      return upload.bytes.toString('utf8');
    });
    expect(uploaded).toContain(`Prot. n. ${stored.protocol?.number}`);
    expect(uploaded).toContain('tariffe "2027" invariate.');
    const sent = await post(
      viewSubmission('U0SCOM2', {
        id: 'VSENT',
        callbackId: VIEWS.communicationSent,
        privateMetadata: JSON.stringify({ id: letter!.id }),
        values: { channel: input.select('email') },
      }),
    );
    expect(sent.text).toBe('');
    expect(await bot.db.store.communications.get(letter!.id)).toMatchObject({
      status: 'sent',
      sent: { channel: 'email' },
    });
  });

  it('exports a register as a CSV file in the channel, for the roles that may', async () => {
    expect(
      (await post(slashCommand(COMMANDS.sportello, 'U0OP', 'export complaints'))).json().text,
    ).toMatch(/^Per esportare un registro serve uno di questi ruoli: DCOM, SCOM, manager, admin/);
    expect(
      (await post(slashCommand(COMMANDS.sportello, 'U0BOSS', 'export nonsense'))).json().text,
    ).toMatch(/^Uso:/);
    const before = bot.stub.uploads.length;
    const answer = await post(
      slashCommand(COMMANDS.sportello, 'U0BOSS', 'export complaints ;', 'C0AUDIT'),
    );
    expect(answer.json().text).toMatch(/^Registro dei reclami: \d+ righe/);
    const upload = await eventually(() => {
      const file = bot.stub.uploads
        .slice(before)
        .find((u) =>
          u.bytes.toString('utf8').includes('Numero pratica;Riferimento origine;Data ricevimento'),
        );
      if (!file) throw new Error('no CSV yet');
      return file.bytes.toString('utf8');
    });
    expect(upload).toContain('R-2026-0001;');
    // Headers are in the reader's language, the importer reads them back (export-round-trip).
    expect(upload).toMatch(/;Data stato: In lavorazione;/);
    expect(upload).toMatch(/;Risoluzione: scadenza;/);
    expect(upload).not.toMatch(/received_at|sla_resolution/);
  });

  it('gives a survey link for a resolved case, and records a rating heard on the phone', async () => {
    const resolved = await bot.db.store.complaints.register(
      aComplaint(clientId, { problemCode: 'SURV-1', status: 'resolved', satisfaction: undefined }),
      2026,
    );
    const link = (
      await post(slashCommand(COMMANDS.complaint, 'U0OP', `survey ${resolved.number}`))
    ).json().text as string;
    expect(link).toMatch(
      new RegExp(
        `^Link del questionario per il cliente di ${resolved.number} \\(valido fino al \\d\\d/\\d\\d/\\d{4}\\): http://127\\.0\\.0\\.1:1/survey/[A-Za-z0-9_-]{32}$`,
      ),
    );
    expect(
      (await post(slashCommand(COMMANDS.complaint, 'U0OP', `rate ${resolved.number} 9`))).json()
        .text,
    ).toMatch(/non sono validi/);
    expect(
      (
        await post(
          slashCommand(COMMANDS.complaint, 'U0OP', `rate ${resolved.number} 1 tempi lunghi`),
        )
      ).json().text,
    ).toBe(
      `Valutazione 1/5 registrata per *${resolved.number}*: il caso è stato riaperto e ne sono stati avvisati il responsabile, i manager e la direzione.`,
    );
    expect(await bot.db.store.complaints.get(resolved.id)).toMatchObject({
      status: 'reopened',
      satisfaction: { rating: 1, comment: 'tempi lunghi' },
    });
  });

  it('breaks indicators down by a dimension for any period, with the least satisfied clients', async () => {
    expect(
      (await post(slashCommand(COMMANDS.sportello, 'U0BOSS', 'kpi colour'))).json().text,
    ).toMatch(/^Uso:/);
    const text = (
      await post(
        slashCommand(COMMANDS.sportello, 'U0BOSS', 'kpi problemCode 2026-01-01 2026-12-31'),
      )
    ).json().text as string;
    expect(text).toMatch(/^\*Reclami per codice problema, 01\/01\/2026 – 31\/12\/2026\*/);
    expect(text).toMatch(
      /• SURV-1: aperti 1, di cui chiusi ad oggi 0, costi 950,50\s€, soddisfazione 1,00/,
    );
    expect(text).toContain('Clienti meno soddisfatti: Verdi Impianti');
  });

  it('registers and edits a client from /client, and lists its care calls (07_A9)', async () => {
    expect((await post(slashCommand(COMMANDS.client, 'U0OP'))).status).toBe(200);
    const form = await eventually(() => {
      const call = bot.stub
        .of('views.open')
        .find((c) => (c.args.view as { callback_id: string }).callback_id === VIEWS.client);
      if (!call) throw new Error('no client form yet');
      return call;
    });
    expect(form.args.view).toBeDefined();
    const values = (overrides: Record<string, object> = {}) => ({
      code: input.text('NERO-7'),
      name: input.text('Nero Serramenti'),
      kind: input.select('business'),
      industry: input.text('serramenti'),
      location: input.text('Parma'),
      owner: { value: { type: 'users_select', selected_user: 'U0SCOM' } },
      careCadenceDays: input.number('60'),
      loyal: input.checks('loyal'),
      ...overrides,
    });
    const bad = await post(
      viewSubmission('U0OP', {
        id: 'VCL0',
        callbackId: VIEWS.client,
        values: values({ code: input.text('nero 7!'), careCadenceDays: input.number('0') }),
      }),
    );
    expect(bad.json()).toMatchObject({
      response_action: 'errors',
      errors: { code: 'Valore non valido.', careCadenceDays: expect.any(String) },
    });
    expect(
      (
        await post(
          viewSubmission('U0OP', { id: 'VCL1', callbackId: VIEWS.client, values: values() }),
        )
      ).text,
    ).toBe('');
    const created = await bot.db.store.clients.findByCode('NERO-7');
    expect(created).toMatchObject({
      name: 'Nero Serramenti',
      loyal: true,
      careCadenceDays: 60,
      owner: { id: 'U0SCOM' },
      classification: { kind: 'business', industry: 'serramenti', location: 'Parma' },
    });
    // A new form with a code (or name) another client has is refused, never an overwrite.
    const twice = await post(
      viewSubmission('U0OP', {
        id: 'VCL2',
        callbackId: VIEWS.client,
        values: values({ code: input.text('nero-7'), name: input.text('Altro') }),
      }),
    );
    expect(twice.json()).toEqual({
      response_action: 'errors',
      errors: {
        code: 'Il codice NERO-7 è già del cliente Nero Serramenti: per modificarlo usa `/client edit NERO-7`.',
      },
    });
    // The form opened with /client edit carries the client: that one is changed.
    await post(slashCommand(COMMANDS.client, 'U0OP', 'edit NERO-7'));
    const editForm = await eventually(() => {
      const call = bot.stub
        .of('views.open')
        .map((c) => c.args.view as { callback_id: string; private_metadata?: string })
        .find((view) => view.callback_id === VIEWS.client && view.private_metadata);
      if (!call) throw new Error('no edit form yet');
      return call;
    });
    const preview = await post(
      viewSubmission('U0OP', {
        id: 'VCL3',
        callbackId: VIEWS.client,
        values: values({ name: input.text('Nero Serramenti S.p.A.'), loyal: input.checks() }),
        privateMetadata: editForm.private_metadata!,
      }),
    );
    // Saved only once the changes shown are confirmed.
    const confirmation = preview.json() as { view: { private_metadata: string } };
    expect((await bot.db.store.clients.findByCode('NERO-7'))?.name).toBe('Nero Serramenti');
    await post(
      viewSubmission('U0OP', {
        id: 'VCL3C',
        callbackId: VIEWS.clientConfirm,
        values: {},
        privateMetadata: confirmation.view.private_metadata,
      }),
    );
    expect(await bot.db.store.clients.findByCode('NERO-7')).toMatchObject({
      id: created!.id,
      name: 'Nero Serramenti S.p.A.',
      loyal: false,
    });

    await bot.db.store.care.log({
      clientId: created!.id,
      at: new Date('2026-11-20T09:00:00Z'),
      channel: 'phone',
      by: user('U0SCOM'),
      outcome: 'Tutto regolare',
    });
    const shown = (await post(slashCommand(COMMANDS.client, 'U0OP', 'show NERO-7'))).json()
      .text as string;
    expect(shown).toContain('*Nero Serramenti S.p.A.* (NERO-7)');
    expect(shown).toContain('20/11/2026 10:00 NERO-7 · Telefono · Tutto regolare');
    const register = (await post(slashCommand(COMMANDS.sportello, 'U0OP', 'care NERO-7'))).json()
      .text as string;
    expect(register).toMatch(/^Registro Customer Care \(07_A9\)/);
    expect(register).toContain('Tutto regolare');
    expect(bot.stub.refusals).toEqual([]);
  });
});
