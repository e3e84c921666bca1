import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { blockKitProblems } from '../../../src/bot/slack/blocks/block-kit.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { waitToldTo } from '../../support/told.js';
import {
  complaintValues,
  input,
  postToBot,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';

const BOSS = 'U0BOSS';
const EN_BOSS = 'U0ENBOSS';
const OPERATOR = 'U0OP';
const EN_OPERATOR = 'U0ENOP';
const NOBODY = 'U0NOROLE';
const LONG_IT = `Assistenza ${'tecnica '.repeat(10)}`.slice(0, 74).padEnd(75, 'x');
const LONG_EN = `Support ${'technical '.repeat(10)}`.slice(0, 74).padEnd(75, 'x');

type View = {
  callback_id: string;
  blocks: { block_id: string; element: Record<string, unknown> }[];
};
const form = (payload: object) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe('Slack: departments, categories and problem codes as lists the form offers', () => {
  const bot = useSlackBot('slack_taxonomy', {
    locales: { [EN_BOSS]: 'en-GB', [EN_OPERATOR]: 'en-US' },
  });
  let clientId = '';
  beforeAll(async () => {
    await bot.db.store.roles.assign(slackUser(BOSS), ['DCOM', 'admin']);
    await bot.db.store.roles.assign(slackUser(EN_BOSS), ['manager']);
    await bot.db.store.roles.assign(slackUser(OPERATOR), ['operator']);
    await bot.db.store.roles.assign(slackUser(EN_OPERATOR), ['operator']);
    clientId = (
      await bot.db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'BIANCHI' })))
    ).id;
  });
  const post = (body: string) => postToBot(bot.baseUrl, { body });
  const sportello = async (user: string, text: string) =>
    String((await post(slashCommand(COMMANDS.sportello, user, text))).json().text);
  const entries = () => bot.db.store.models.taxonomy.countDocuments();
  const openForm = async (user: string, command: string = COMMANDS.complaint, text = '') => {
    const before = bot.stub.of('views.open').length;
    expect((await post(slashCommand(command, user, text))).status).toBe(200);
    return eventually(() => {
      const call = bot.stub.of('views.open')[before];
      if (!call) throw new Error('no form yet');
      return call.args.view as View;
    });
  };
  const element = (view: View, block: string) =>
    view.blocks.find((b) => b.block_id === block)!.element;
  const optionTexts = (view: View, block: string) =>
    (element(view, block).options as { text: { text: string }; value: string }[]).map((o) => [
      o.value,
      o.text.text,
    ]);
  const submitComplaint = (user: string, viewId: string, values: Record<string, object>) =>
    post(
      viewSubmission(user, {
        id: viewId,
        callbackId: VIEWS.complaint,
        values: { ...complaintValues(clientId, OPTIONS.client), ...values },
        privateMetadata: '{"channel":"C0OPS"}',
      }),
    );
  const cardIn = (channel: string, number: string) =>
    eventually(() => {
      const card = bot.stub
        .of('chat.postMessage')
        .find(
          (c) =>
            c.args.channel === channel &&
            !c.args.thread_ts &&
            JSON.stringify(c.args.blocks).includes(number),
        );
      if (!card) throw new Error(`no card ${number} in ${channel} yet`);
      return card;
    }, 10_000);

  it('keeps the free-text fields while the taxonomy is empty (a fresh installation)', async () => {
    const view = await openForm(OPERATOR);
    expect(element(view, 'department').type).toBe('plain_text_input');
    expect(element(view, 'category').type).toBe('plain_text_input');
    expect(element(view, 'problemCode').type).toBe('plain_text_input');
    expect(await sportello(BOSS, 'taxonomy')).toMatch(/^L’elenco è vuoto: finché un tipo/);
  });

  it('refuses a member with no role and an operator, in its own words, storing nothing', async () => {
    const refusal =
      'Per gestire reparti, categorie e codici problema serve uno di questi ruoli: DCOM, manager, admin. Chiedi a <@U0BOSS>.';
    expect(await sportello(NOBODY, 'taxonomy add department assistenza "Assistenza"')).toBe(
      refusal,
    );
    expect(await sportello(OPERATOR, 'taxonomy add department assistenza "Assistenza"')).toBe(
      refusal,
    );
    expect(await sportello(OPERATOR, 'taxonomy')).toBe(refusal);
    expect(await sportello(EN_OPERATOR, 'taxonomy retire department assistenza')).toBe(
      'To manage departments, categories and problem codes you need one of these roles: DCOM, manager, admin. Ask <@U0BOSS>.',
    );
    expect(await entries()).toBe(0);
  });

  it('lets the director add a department, a category and a problem code from chat', async () => {
    expect(
      await sportello(
        BOSS,
        'taxonomy add department assistenza "Assistenza tecnica" "Technical support"',
      ),
    ).toBe(
      'Aggiunto (reparto): `assistenza` — Assistenza tecnica / Technical support. Il prossimo modulo di reclamo lo propone.',
    );
    expect(await sportello(BOSS, 'taxonomy add categoria Idraulica “Impianti idraulici”')).toBe(
      'Aggiunto (categoria): `idraulica` — Impianti idraulici. Il prossimo modulo di reclamo lo propone.',
    );
    expect(await sportello(EN_BOSS, 'taxonomy add problemCode hyd-02 "Perdita d’olio"')).toBe(
      'Added (problem code): `HYD-02` — Perdita d’olio. The next complaint form offers it.',
    );
    expect(await sportello(BOSS, 'taxonomy add department assistenza "Altro"')).toBe(
      '`assistenza` è già nell’elenco: per cambiarne l’etichetta usa `edit`.',
    );
    const audit = await bot.db.store.models.caseEvent.find({ caseKind: 'taxonomy' }).lean();
    expect(audit.map((e) => e.type)).toEqual([
      'taxonomy.entry_added',
      'taxonomy.entry_added',
      'taxonomy.entry_added',
    ]);
  });

  it('says what is wrong with a bad command, a bad code or label, a reserved code', async () => {
    const usage = await sportello(BOSS, 'taxonomy frobnicate department x "y"');
    expect(usage).toMatch(/^Uso: `\/sportello taxonomy \[department\|category/);
    expect(await sportello(BOSS, 'taxonomy add planet x "y"')).toBe(usage);
    expect(await sportello(BOSS, 'taxonomy add department')).toBe(usage);
    expect(await sportello(BOSS, `taxonomy add category lunga "${'x'.repeat(76)}"`)).toBe(
      'Etichetta: Al massimo 75 caratteri.',
    );
    expect(await sportello(BOSS, 'taxonomy add category <!here> "Qui"')).toBe(
      'Codice: Valore non valido.',
    );
    expect(await sportello(BOSS, 'taxonomy add department triage "Smistamento"')).toBe(
      '`triage` è riservato alla scelta “Non so → triage” del modulo: usa un altro codice.',
    );
    expect(await entries()).toBe(3);
  });

  it('offers them on the complaint form in Italian and English, “not sure” first, longest labels within Block Kit', async () => {
    await sportello(BOSS, `taxonomy add department lunghissimo "${LONG_IT}" "${LONG_EN}"`);
    const italian = await openForm(OPERATOR);
    expect(element(italian, 'department').type).toBe('static_select');
    expect(optionTexts(italian, 'department')).toEqual([
      ['triage', 'Non so → triage'],
      ['assistenza', 'Assistenza tecnica'],
      ['lunghissimo', LONG_IT],
    ]);
    expect(optionTexts(italian, 'category')).toEqual([['idraulica', 'Impianti idraulici']]);
    expect(optionTexts(italian, 'problemCode')).toEqual([['HYD-02', 'HYD-02 · Perdita d’olio']]);
    expect(blockKitProblems('modal', italian)).toEqual([]);

    const english = await openForm(EN_OPERATOR);
    expect(optionTexts(english, 'department')).toEqual([
      ['triage', 'Not sure → triage'],
      ['assistenza', 'Technical support'],
      ['lunghissimo', LONG_EN],
    ]);
    expect(blockKitProblems('modal', english)).toEqual([]);
  });

  it('routes a complaint filed with them by the matching rule, and “not sure” to triage', async () => {
    const routingForm = await openForm(BOSS, COMMANDS.sportello, 'routing add');
    expect(optionTexts(routingForm, 'department')).toEqual([
      ['*', 'qualsiasi'],
      ['assistenza', 'Assistenza tecnica'],
      ['lunghissimo', LONG_IT],
    ]);
    expect(optionTexts(routingForm, 'category')).toEqual([
      ['*', 'qualsiasi'],
      ['idraulica', 'Impianti idraulici'],
    ]);
    expect(blockKitProblems('modal', routingForm)).toEqual([]);
    const rule = await post(
      viewSubmission(BOSS, {
        id: 'VRULE',
        callbackId: VIEWS.routingRule,
        values: {
          department: input.select('assistenza'),
          category: input.select('*'),
          priority: input.select('*'),
          channel: { value: { type: 'conversations_select', selected_conversation: 'C0HYDRO' } },
          mention: { value: { type: 'multi_users_select', selected_users: ['U0TECH'] } },
          onCall: { value: { type: 'users_select', selected_user: null } },
        },
        privateMetadata: '{"channel":"C0OPS"}',
      }),
    );
    expect(rule.text).toBe('');
    await waitToldTo(bot.stub, BOSS, 1, /Regola salvata/);

    const filed = await submitComplaint(OPERATOR, 'VLISTED', {
      department: input.select('assistenza'),
      category: input.select('idraulica'),
      problemCode: input.select('HYD-02'),
    });
    expect(filed.text).toBe('');
    await cardIn('C0HYDRO', 'R-2026-0001');
    const stored = await bot.db.store.complaints.findByNumber('R-2026-0001');
    expect(stored).toMatchObject({
      department: 'assistenza',
      category: 'idraulica',
      problemCode: 'HYD-02',
    });

    // A rule for every department and category does not take the "not sure" ones: triage does.
    await post(
      viewSubmission(BOSS, {
        id: 'VRULEANY',
        callbackId: VIEWS.routingRule,
        values: {
          department: input.select('*'),
          category: input.select('*'),
          priority: input.select('*'),
          channel: { value: { type: 'conversations_select', selected_conversation: 'C0ALL' } },
        },
        privateMetadata: '{"channel":"C0OPS"}',
      }),
    );
    await waitToldTo(bot.stub, BOSS, 2, /Regola salvata/);
    await submitComplaint(OPERATOR, 'VNOTSURE', {
      department: input.select('triage'),
      category: input.select('idraulica'),
      problemCode: input.select('HYD-02'),
    });
    await cardIn('C0TRIAGE', 'R-2026-0002');
  });

  it('refuses a value the taxonomy does not list on its field, in the user’s language, storing nothing', async () => {
    const before = await bot.db.store.models.complaint.countDocuments();
    const forged = await submitComplaint(OPERATOR, 'VFORGED', {
      department: input.select('assistenza tecnica'),
      category: input.text('idraulica'),
      problemCode: input.select('NOPE-1'),
    });
    expect(forged.json()).toEqual({
      response_action: 'errors',
      errors: {
        department: 'Scegli un valore dall’elenco.',
        problemCode: 'Scegli un valore dall’elenco.',
      },
    });
    const english = await submitComplaint(EN_OPERATOR, 'VFORGEDEN', {
      department: input.select('assistenza'),
      category: input.select('<!channel>'),
      problemCode: input.select('HYD-02'),
    });
    expect(english.json()).toEqual({
      response_action: 'errors',
      errors: { category: 'Choose a value from the list.' },
    });
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(before);
  });

  it('lists imported codes for review, approves one and retires another', async () => {
    // What the importer does with codes it meets in a file and the taxonomy lacks.
    await bot.db.store.taxonomy.importCodes(['NEW-77', 'OLD-01', 'HYD-02']);
    const review = await sportello(BOSS, 'taxonomy imported');
    expect(review).toContain('Codici problema (2):');
    expect(review).toContain(
      '• `NEW-77` — NEW-77 · ⚠️ importato, da rivedere: approvalo o ritiralo',
    );
    expect(review).toContain('• `OLD-01` — OLD-01 · ⚠️ importato, da rivedere');
    expect(review).not.toContain('HYD-02');
    const all = await sportello(BOSS, 'taxonomy');
    expect(all.indexOf('NEW-77')).toBeLessThan(all.indexOf('HYD-02'));
    expect(all).toContain('Reparti (2):');

    // Not offered while under review.
    expect(optionTexts(await openForm(OPERATOR), 'problemCode')).toEqual([
      ['HYD-02', 'HYD-02 · Perdita d’olio'],
    ]);
    expect(await sportello(BOSS, 'taxonomy approve problemCode new-77')).toBe(
      'Approvato (codice problema): `NEW-77` — NEW-77. Da ora il modulo lo propone.',
    );
    expect(await sportello(BOSS, 'taxonomy retire code OLD-01')).toBe(
      'Ritirato (codice problema): `OLD-01`. Il modulo non lo propone più; i casi che lo hanno lo conservano.',
    );
    expect(await sportello(BOSS, 'taxonomy approve problemCode HYD-02')).toBe(
      '`HYD-02` non è un codice importato in attesa di revisione.',
    );
    expect(await sportello(BOSS, 'taxonomy retire code OLD-01')).toMatch(
      /^Non c’è `OLD-01` tra i valori/,
    );
    expect(await sportello(BOSS, 'taxonomy problemCode')).toContain(
      '• `OLD-01` — OLD-01 · ritirato',
    );
    expect(optionTexts(await openForm(OPERATOR), 'problemCode')).toEqual([
      ['HYD-02', 'HYD-02 · Perdita d’olio'],
      ['NEW-77', 'NEW-77'],
    ]);
    const retired = await submitComplaint(OPERATOR, 'VRETIRED', {
      department: input.select('assistenza'),
      category: input.select('idraulica'),
      problemCode: input.select('OLD-01'),
    });
    expect(retired.json().errors).toEqual({ problemCode: 'Scegli un valore dall’elenco.' });
  });

  it('edits a label: the next form shows it', async () => {
    expect(
      await sportello(BOSS, 'taxonomy edit department assistenza "Assistenza e ricambi"'),
    ).toBe('Modificato (reparto): `assistenza` — Assistenza e ricambi.');
    // One label now: English readers see it too.
    expect(optionTexts(await openForm(EN_OPERATOR), 'department')[1]).toEqual([
      'assistenza',
      'Assistenza e ricambi',
    ]);
  });

  it('turns a list longer than a static select takes into a searchable one', async () => {
    for (let n = 1; n <= 100; n++)
      await bot.db.store.taxonomy.add({
        kind: 'category',
        code: `cat-${n}`,
        label: `Categoria ${n}`,
        status: 'active',
      });
    const view = await openForm(OPERATOR);
    expect(element(view, 'category')).toMatchObject({
      type: 'external_select',
      action_id: OPTIONS.taxonomy,
    });
    expect(blockKitProblems('modal', view)).toEqual([]);
    const suggest = async (
      user: string,
      block: string,
      value: string,
      callbackId: string = VIEWS.complaint,
    ) =>
      (
        await post(
          form({
            type: 'block_suggestion',
            action_id: OPTIONS.taxonomy,
            block_id: block,
            value,
            team: { id: 'T0TEAM' },
            user: { id: user },
            view: { id: 'VSUGGEST', callback_id: callbackId },
          }),
        )
      ).json();
    expect(await suggest(OPERATOR, 'category', 'categoria 10')).toEqual({
      options: [
        { text: { type: 'plain_text', text: 'Categoria 10' }, value: 'cat-10' },
        { text: { type: 'plain_text', text: 'Categoria 100' }, value: 'cat-100' },
      ],
    });
    expect((await suggest(OPERATOR, 'category', '')).options).toHaveLength(100);
    expect((await suggest(OPERATOR, 'category', 'idraul')).options).toEqual([
      { text: { type: 'plain_text', text: 'Impianti idraulici' }, value: 'idraulica' },
    ]);
    expect((await suggest(BOSS, 'category', 'qualsiasi', VIEWS.routingRule)).options).toEqual([
      { text: { type: 'plain_text', text: 'qualsiasi' }, value: '*' },
    ]);
    expect(await suggest(NOBODY, 'category', '')).toEqual({ options: [] });
    expect(await suggest(OPERATOR, 'planet', '')).toEqual({ options: [] });
    const filed = await submitComplaint(OPERATOR, 'VLONG', {
      department: input.select('assistenza'),
      category: input.external(OPTIONS.taxonomy, 'cat-77'),
      problemCode: input.select('NEW-77'),
    });
    expect(filed.text).toBe('');
    await eventually(async () =>
      expect(await bot.db.store.models.complaint.countDocuments({ category: 'cat-77' })).toBe(1),
    );
  });
});
