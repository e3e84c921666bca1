import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { waitToldTo } from '../../support/told.js';
import {
  buttonPress,
  complaintValues,
  input,
  postToBot,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';

const MANAGER = 'U0MGR';
const OPERATOR = 'U0OP';
const NOBODY = 'U0NOROLE';
const TECH = 'U0TECH';
const LEAD = 'U0LEAD';
const ONCALL = 'U0ONCALL';

/** The routing form's state as Slack sends it for the pickers it uses. */
const ruleForm = (over: Record<string, object> = {}) => ({
  department: input.text('Assistenza-Tecnica'),
  category: input.text('Idraulica'),
  priority: input.select('P2'),
  channel: { value: { type: 'conversations_select', selected_conversation: 'C0HYDRO' } },
  mention: { value: { type: 'multi_users_select', selected_users: [TECH, LEAD] } },
  onCall: input.user(ONCALL),
  ...over,
});

describe('Slack: routing rules managed from chat decide where the next complaint goes', () => {
  const bot = useSlackBot('slack_routing');
  let clientId = '';
  beforeAll(async () => {
    await bot.db.store.roles.assign(slackUser('U0BOSS'), ['DCOM', 'admin']);
    await bot.db.store.roles.assign(slackUser(MANAGER), ['manager']);
    await bot.db.store.roles.assign(slackUser(OPERATOR), ['operator']);
    clientId = (
      await bot.db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'BIANCHI' })))
    ).id;
  });
  const post = (body: string) => postToBot(bot.baseUrl, { body });
  const submitRule = (viewId: string, values = ruleForm(), metadata = { channel: 'C0OPS' }) =>
    post(
      viewSubmission(MANAGER, {
        id: viewId,
        callbackId: VIEWS.routingRule,
        values,
        privateMetadata: JSON.stringify(metadata),
      }),
    );
  const fileComplaint = async (viewId: string, values: Record<string, object> = {}) => {
    const form = { ...complaintValues(clientId, OPTIONS.client), ...values };
    const answer = await post(
      viewSubmission(OPERATOR, {
        id: viewId,
        callbackId: VIEWS.complaint,
        values: form,
        privateMetadata: '{"channel":"C0OPS"}',
      }),
    );
    expect(answer.status).toBe(200);
  };
  const cardIn = (channel: string) =>
    eventually(() => {
      const card = bot.stub
        .of('chat.postMessage')
        .find((c) => c.args.channel === channel && !c.args.thread_ts);
      if (!card) throw new Error(`no card in ${channel} yet`);
      return card;
    }, 10_000);
  const rulesStored = () => bot.db.store.models.routingRule.countDocuments();

  it('refuses a member without the role before the form opens, naming who may', async () => {
    expect((await post(slashCommand(COMMANDS.sportello, NOBODY, 'routing add'))).status).toBe(200);
    const [told] = await waitToldTo(bot.stub, NOBODY, 1);
    expect(told).toBe(
      'Per gestire le regole di instradamento serve uno di questi ruoli: DCOM, manager, admin. Chiedi a <@U0BOSS>.',
    );
    expect(bot.stub.of('views.open')).toEqual([]);
    const list = await post(slashCommand(COMMANDS.sportello, OPERATOR, 'routing'));
    expect(list.json().text).toMatch(/^Per gestire le regole di instradamento serve/);
  });

  it('opens the form for a manager: channel picker, people to mention, on call', async () => {
    await post(slashCommand(COMMANDS.sportello, MANAGER, 'routing add'));
    const open = await eventually(() => {
      const call = bot.stub.of('views.open')[0];
      if (!call) throw new Error('no form yet');
      return call;
    });
    const view = open.args.view as {
      callback_id: string;
      blocks: { block_id: string; element: { type: string } }[];
    };
    expect(view.callback_id).toBe(VIEWS.routingRule);
    expect(Object.fromEntries(view.blocks.map((b) => [b.block_id, b.element.type]))).toEqual({
      department: 'plain_text_input',
      category: 'plain_text_input',
      priority: 'static_select',
      channel: 'conversations_select',
      mention: 'multi_users_select',
      onCall: 'users_select',
    });
  });

  it('refuses a bad channel and hostile values on their blocks, storing nothing', async () => {
    const forged = await submitRule(
      'VBADCH',
      ruleForm({
        channel: { value: { type: 'conversations_select', selected_conversation: '<!here>' } },
      }),
    );
    expect(forged.json()).toEqual({
      response_action: 'errors',
      errors: { channel: 'Scegli un canale dall’elenco.' },
    });
    bot.stub.channels.unseen.add('G0SECRET');
    const unseen = await submitRule(
      'VUNSEEN',
      ruleForm({
        channel: { value: { type: 'conversations_select', selected_conversation: 'G0SECRET' } },
      }),
    );
    expect(unseen.json()).toMatchObject({
      response_action: 'errors',
      errors: { channel: expect.stringMatching(/non vede questo canale.*\/invite @Sportello/) },
    });
    const hostile = await submitRule(
      'VHOSTILE',
      ruleForm({
        department: input.text('x'.repeat(81)),
        category: input.text('bell\u0007'),
        priority: input.select('P9'),
      }),
    );
    expect(hostile.json()).toEqual({
      response_action: 'errors',
      errors: {
        department: 'Al massimo 80 caratteri.',
        category: 'Contiene caratteri di controllo non ammessi.',
        priority: 'Valore non valido.',
      },
    });
    const forgedUsers = await submitRule(
      'VUSERS',
      ruleForm({
        mention: { value: { type: 'multi_users_select', selected_users: ['<!channel>'] } },
      }),
    );
    expect(forgedUsers.json()).toEqual({
      response_action: 'errors',
      errors: { mention: 'Valore non valido.' },
    });
    expect(await rulesStored()).toBe(0);
  });

  it('routes the next complaint of that department/category/priority to the new rule’s channel, mentioning its people', async () => {
    // Before the rule: triage, nobody mentioned.
    await fileComplaint('VBEFORE', {
      department: input.text('assistenza tecnica'),
      category: input.text('idraulica'),
      priority: input.radio('P2'),
    });
    await cardIn('C0TRIAGE');

    expect((await submitRule('VRULE1')).text).toBe('');
    expect((await submitRule('VRULE1')).text).toBe(''); // Slack's retry of the same view
    const [saved] = await waitToldTo(bot.stub, MANAGER, 1, /Regola salvata/);
    expect(saved).toBe(
      'Regola salvata: assistenza tecnica · idraulica · P2 → <#C0HYDRO> · menziona <@U0TECH>, <@U0LEAD> · reperibile <@U0ONCALL>. Il prossimo reclamo così va in <#C0HYDRO>.',
    );
    expect(await rulesStored()).toBe(1);
    const audit = await bot.db.store.models.caseEvent.find({ caseKind: 'routing' }).lean();
    expect(audit.map((e) => e.type)).toEqual(['routing.rule_added']);

    // Typed differently (case, accents, hyphen vs space): the same department and category.
    await fileComplaint('VAFTER', {
      department: input.text('ASSISTENZA  tecnica'),
      category: input.text('Idràulica'),
      priority: input.radio('P2'),
    });
    expect(JSON.stringify((await cardIn('C0HYDRO')).args.blocks)).toContain('R-2026-0002');
    const mention = await eventually(() => {
      const line = bot.stub
        .of('chat.postMessage')
        .find(
          (c) =>
            c.args.channel === 'C0HYDRO' &&
            c.args.thread_ts !== undefined &&
            String(c.args.text).includes('<@U0TECH>'),
        );
      if (!line) throw new Error('no mention yet');
      return String(line.args.text);
    });
    expect(mention).toContain('<@U0TECH>');
    expect(mention).toContain('<@U0LEAD>');
    // Another priority is not this rule's: it still goes to triage.
    await fileComplaint('VP3', {
      department: input.text('assistenza tecnica'),
      category: input.text('idraulica'),
      priority: input.radio('P3'),
    });
    await eventually(async () =>
      expect(
        bot.stub
          .of('chat.postMessage')
          .filter((c) => c.args.channel === 'C0TRIAGE' && !c.args.thread_ts),
      ).toHaveLength(2),
    );
  });

  it('refuses a second rule for the same department × category × priority', async () => {
    const again = await submitRule(
      'VDUP',
      ruleForm({ department: input.text('assistenza tecnica') }),
    );
    expect(again.json()).toEqual({
      response_action: 'errors',
      errors: {
        priority: 'Esiste già una regola per assistenza tecnica · idraulica · P2: modifica quella.',
      },
    });
    expect(await rulesStored()).toBe(1);
  });

  it('lists the rules with Edit / Delete, edits one, and warns when the bot is not in the channel', async () => {
    const list = (await post(slashCommand(COMMANDS.sportello, MANAGER, 'routing'))).json();
    expect(String(list.text)).toContain('1. assistenza tecnica · idraulica · P2 → <#C0HYDRO>');
    const rule = (await bot.db.store.routingRules.all())[0]!;
    expect(JSON.stringify(list.blocks)).toContain(ACTIONS.routingEdit);

    await post(buttonPress(MANAGER, ACTIONS.routingEdit, rule.id, 'C0OPS', '1.5'));
    const form = await eventually(() => {
      const call = bot.stub.of('views.open').at(-1);
      const meta = JSON.parse(
        String((call?.args.view as { private_metadata?: string }).private_metadata),
      );
      if (meta.ruleId !== rule.id) throw new Error('no edit form yet');
      return call!.args.view as {
        private_metadata: string;
        blocks: { element: Record<string, unknown> }[];
      };
    });
    expect(form.blocks[3]!.element.initial_conversation).toBe('C0HYDRO');

    bot.stub.channels.notMember.add('C0NEWHYDRO');
    const edited = ruleForm({
      channel: { value: { type: 'conversations_select', selected_conversation: 'C0NEWHYDRO' } },
      mention: { value: { type: 'multi_users_select', selected_users: [LEAD] } },
      onCall: { value: { type: 'users_select', selected_user: null } },
    });
    const metadata = JSON.parse(form.private_metadata) as { channel: string };
    expect((await submitRule('VEDIT', edited, metadata)).text).toBe('');
    expect((await submitRule('VEDIT', edited, metadata)).text).toBe('');
    const [told] = await waitToldTo(bot.stub, MANAGER, 1, /C0NEWHYDRO/);
    expect(told).toContain('il bot non è nel canale <#C0NEWHYDRO>');
    expect(told).toContain('`/invite @Sportello`');
    const [now, ...others] = await bot.db.store.routingRules.all();
    expect(others).toEqual([]);
    expect(now).toMatchObject({
      id: rule.id,
      destination: { platform: 'slack', channel: 'C0NEWHYDRO' },
      mention: [{ platform: 'slack', id: LEAD }],
    });
    expect(now).not.toHaveProperty('onCall');
    const audit = await bot.db.store.models.caseEvent.find({ caseKind: 'routing' }).lean();
    expect(audit.map((e) => e.type)).toEqual(['routing.rule_added', 'routing.rule_changed']);

    await fileComplaint('VAFTEREDIT', {
      department: input.text('assistenza-tecnica'),
      category: input.text('idraulica'),
      priority: input.radio('P2'),
    });
    await cardIn('C0NEWHYDRO');
  });

  it('deletes a rule by its number, after which such complaints go to triage again', async () => {
    const nobody = await post(slashCommand(COMMANDS.sportello, OPERATOR, 'routing delete 1'));
    expect(nobody.json().text).toMatch(/^Per gestire le regole di instradamento serve/);
    expect(await rulesStored()).toBe(1);
    const gone = (await post(slashCommand(COMMANDS.sportello, MANAGER, 'routing delete 1'))).json();
    expect(gone.text).toMatch(
      /^Regola eliminata: assistenza tecnica · idraulica · P2 → <#C0NEWHYDRO>/,
    );
    expect(await rulesStored()).toBe(0);
    const twice = (
      await post(slashCommand(COMMANDS.sportello, MANAGER, 'routing delete 1'))
    ).json();
    expect(twice.text).toMatch(/^Regola non trovata/);
    // A rule is named by its number: anything else is answered with the usage, no form opens.
    const opened = bot.stub.of('views.open').length;
    for (const wrong of ['routing edit x', 'routing delete', 'routing edit 0'])
      expect((await post(slashCommand(COMMANDS.sportello, MANAGER, wrong))).json().text).toMatch(
        /^`\/sportello routing` elenca le regole/,
      );
    expect(bot.stub.of('views.open')).toHaveLength(opened);
    const triageCards = () =>
      bot.stub
        .of('chat.postMessage')
        .filter((c) => c.args.channel === 'C0TRIAGE' && !c.args.thread_ts);
    const before = triageCards().length;
    await fileComplaint('VAFTERDELETE', {
      department: input.text('assistenza tecnica'),
      category: input.text('idraulica'),
      priority: input.radio('P2'),
    });
    await eventually(() => expect(triageCards()).toHaveLength(before + 1), 10_000);
    const audit = await bot.db.store.models.caseEvent.find({ caseKind: 'routing' }).lean();
    expect(audit.map((e) => e.type)).toContain('routing.rule_deleted');
  });
  it('opens rule n filled in with `edit <n>`, and deletes it with the list’s Delete button', async () => {
    expect((await submitRule('VRULE3', ruleForm({ priority: input.select('*') }))).text).toBe('');
    const rule = await eventually(async () => {
      const [only] = await bot.db.store.routingRules.all();
      if (!only) throw new Error('not saved yet');
      return only;
    });
    expect(rule).toMatchObject({ priority: '*', onCall: { id: ONCALL } });
    const opened = bot.stub.of('views.open').length;
    expect((await post(slashCommand(COMMANDS.sportello, MANAGER, 'routing edit 1'))).text).toBe('');
    const view = await eventually(() => {
      const call = bot.stub.of('views.open')[opened];
      if (!call) throw new Error('no edit form yet');
      return call.args.view as {
        private_metadata: string;
        blocks: { element: Record<string, unknown> }[];
      };
    });
    expect(JSON.parse(view.private_metadata)).toMatchObject({ ruleId: rule.id });
    expect(
      view.blocks.map(
        (b) =>
          b.element.initial_value ??
          b.element.initial_option ??
          b.element.initial_conversation ??
          b.element.initial_users ??
          b.element.initial_user,
      ),
    ).toEqual([
      'assistenza tecnica',
      'idraulica',
      { text: { type: 'plain_text', text: 'qualsiasi' }, value: '*' },
      'C0HYDRO',
      [TECH, LEAD],
      ONCALL,
    ]);
    await post(buttonPress(MANAGER, ACTIONS.routingDelete, rule.id, 'C0OPS', '1.6'));
    await waitToldTo(
      bot.stub,
      MANAGER,
      1,
      /^Regola eliminata: assistenza tecnica · idraulica · qualsiasi/,
    );
    expect(await rulesStored()).toBe(0);
  });
});
