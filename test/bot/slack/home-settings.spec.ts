import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, VIEWS } from '../../../src/bot/ids.js';
import type { Role } from '../../../src/domain/roles/role.js';
import { slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  appHomeOpened,
  buttonPress,
  input,
  postToBot,
  reshaped,
  viewSubmission,
} from '../../support/slack-requests.js';
import { waitToldTo } from '../../support/told.js';

type Home = {
  blocks: {
    type: string;
    text?: { text: string };
    accessory?: { action_id: string };
    elements?: { action_id?: string; value?: string }[];
  }[];
};
const PEOPLE: [string, Role[]][] = [
  ['U0BOSS', ['DCOM', 'admin']],
  ['U0ADMIN', ['admin']],
  ['U0MAN', ['manager']],
  ['U0OPER', ['operator']],
];

/** A press in App Home: no channel, no message, the home view as container. */
const homePress = (user: string, actionId: string, value = 'open') =>
  reshaped(buttonPress(user, actionId, value, 'C0X', '1.1'), (payload) => {
    delete payload.channel;
    delete payload.message;
    payload.container = { type: 'view', view_id: 'V0HOME' };
    payload.view = { id: 'V0HOME', type: 'home', team_id: 'T0TEAM' };
  });

describe('Slack: App Home settings — roles and routing for those who may change them', () => {
  const bot = useSlackBot('slack_home_settings', { locales: { U0ADMIN: 'en-GB' } });
  let ruleId = '';
  beforeAll(async () => {
    for (const [id, roles] of PEOPLE) await bot.db.store.roles.assign(slackUser(id), roles);
    const saved = await bot.db.store.routingRules.add({
      department: 'assistenza',
      category: 'idraulica',
      priority: 'P2',
      destination: { platform: 'slack', channel: 'C0HYDRO' },
      mention: [slackUser('U0TECH')],
    });
    ruleId = 'rule' in saved ? saved.rule.id : '';
  });
  const post = (body: string) => postToBot(bot.baseUrl, { body });
  const homeOf = async (user: string): Promise<Home> => {
    const before = bot.stub.of('views.publish').length;
    await postToBot(bot.baseUrl, appHomeOpened(user));
    return eventually(() => {
      const call = bot.stub
        .of('views.publish')
        .slice(before)
        .find((c) => c.args.user_id === user);
      if (!call) throw new Error(`no home for ${user}`);
      return call.args.view as Home;
    });
  };
  const actionsOf = (home: Home) =>
    home.blocks.flatMap((b) => [
      ...(b.accessory ? [b.accessory.action_id] : []),
      ...(b.elements ?? []).flatMap((e) => (e.action_id ? [`${e.action_id}:${e.value}`] : [])),
    ]);
  const textOf = (home: Home) => home.blocks.map((b) => b.text?.text ?? '').join('\n');

  it('gives the director roles and routing, the admin both in English, the manager only routing', async () => {
    const boss = await homeOf('U0BOSS');
    expect(actionsOf(boss)).toEqual(
      expect.arrayContaining([
        ACTIONS.homeRoles,
        ACTIONS.homeRoutingAdd,
        `${ACTIONS.routingEdit}:${ruleId}`,
        `${ACTIONS.routingDelete}:${ruleId}`,
      ]),
    );
    expect(textOf(boss)).toContain('Impostazioni');
    expect(textOf(boss)).toContain('assistenza');
    const admin = await homeOf('U0ADMIN');
    expect(textOf(admin)).toContain('Settings');
    expect(textOf(admin)).not.toContain('Impostazioni');
    expect(actionsOf(admin)).toContain(ACTIONS.homeRoles);
    const manager = await homeOf('U0MAN');
    expect(actionsOf(manager)).toContain(ACTIONS.homeRoutingAdd);
    expect(actionsOf(manager)).not.toContain(ACTIONS.homeRoles);
    expect(actionsOf(await homeOf('U0OPER'))).not.toContain(ACTIONS.homeRoutingAdd);
  });

  it('opens the roles form for an admin; an operator pressing it is refused and no form opens', async () => {
    const opened = bot.stub.of('views.open').length;
    await post(homePress('U0OPER', ACTIONS.homeRoles));
    expect((await waitToldTo(bot.stub, 'U0OPER', 1))[0]).toMatch(/serve uno di questi ruoli/);
    expect(bot.stub.of('views.open')).toHaveLength(opened);

    await post(homePress('U0ADMIN', ACTIONS.homeRoles));
    const view = await eventually(() => {
      const call = bot.stub.of('views.open').slice(opened)[0];
      if (!call) throw new Error('no form yet');
      return call.args.view as { callback_id: string; title: { text: string } };
    });
    expect(view.callback_id).toBe(VIEWS.roles);
    expect(view.title.text).toBe('Roles');

    await post(homePress('U0MAN', ACTIONS.homeRoutingAdd));
    const routing = await eventually(() => {
      const call = bot.stub.of('views.open').slice(opened + 1)[0];
      if (!call) throw new Error('no routing form yet');
      return call.args.view as { callback_id: string };
    });
    expect(routing.callback_id).toBe(VIEWS.routingRule);
  });

  const submitRoles = (user: string, id: string, values: Record<string, Record<string, object>>) =>
    post(viewSubmission(user, { id, callbackId: VIEWS.roles, values }));

  it('adds and removes roles from the form, says what changed, and tells the person', async () => {
    const answer = await submitRoles('U0BOSS', 'VROLE1', {
      user: input.user('U0OPER'),
      add: input.checks('SCOM', 'technician'),
      remove: input.checks('operator'),
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const [told] = await waitToldTo(bot.stub, 'U0BOSS', 1, /Ruoli di <@U0OPER>/);
    expect(told).toMatch(/aggiunti: SCOM, technician; tolti: operator/);
    expect((await bot.db.store.roles.rolesOf(slackUser('U0OPER'))).sort()).toEqual([
      'SCOM',
      'technician',
    ]);
    await waitToldTo(bot.stub, 'U0OPER', 1, /SCOM/);
  });

  it('an admin who is not DCOM cannot make anyone DCOM from the form; an empty form says what is missing', async () => {
    const empty = await submitRoles('U0ADMIN', 'VROLE2', { user: input.user('U0MAN') });
    expect(empty.json()).toEqual({
      response_action: 'errors',
      errors: { add: 'Pick at least one role to add or remove.' },
    });
    const nobody = await submitRoles('U0ADMIN', 'VROLE3', { add: input.checks('SCOM') });
    expect((nobody.json() as { errors: Record<string, string> }).errors).toEqual({
      user: 'Required.',
    });
    await submitRoles('U0ADMIN', 'VROLE4', {
      user: input.user('U0MAN'),
      add: input.checks('DCOM'),
    });
    await waitToldTo(bot.stub, 'U0ADMIN', 1, /DCOM/);
    expect(await bot.db.store.roles.rolesOf(slackUser('U0MAN'))).toEqual(['manager']);
  });

  it('shows DCOM the codes imported for review with Approve / Retire; a press changes it, Home follows', async () => {
    const { taxonomy } = bot.db.store;
    await taxonomy.add({
      kind: 'department',
      code: 'assistenza',
      label: 'Assistenza',
      status: 'active',
    });
    for (let i = 1; i <= 7; i++)
      await taxonomy.add({
        kind: 'problemCode',
        code: `IMP-${i}`,
        label: `Perdita ${i}`,
        status: 'imported',
      });
    const home = await homeOf('U0BOSS');
    expect(textOf(home)).toContain(
      '*Reparti, categorie e codici problema* offerti nel modulo di reclamo — reparti: 1 · categorie: 0 · codici problema: 0.',
    );
    expect(textOf(home)).toContain('in attesa di revisione: 7.');
    const value = JSON.stringify({ kind: 'problemCode', code: 'IMP-1' });
    expect(actionsOf(home)).toEqual(
      expect.arrayContaining([
        `${ACTIONS.homeTaxonomyApprove}:${value}`,
        `${ACTIONS.homeTaxonomyRetire}:${value}`,
      ]),
    );
    // Five shown with their buttons, the other two one command away.
    expect(actionsOf(home).filter((a) => a.startsWith(ACTIONS.homeTaxonomyApprove))).toHaveLength(
      5,
    );
    expect(JSON.stringify(home.blocks)).toContain('Altri 2 da rivedere');
    expect(actionsOf(await homeOf('U0OPER')).join()).not.toContain('home_taxonomy');
    const admin = await homeOf('U0ADMIN');
    expect(JSON.stringify(admin.blocks)).toContain('Problem codes met in imported registers');

    // An operator replaying the press changes nothing and is told whom to ask.
    const published = bot.stub.of('views.publish').length;
    await post(homePress('U0OPER', ACTIONS.homeTaxonomyApprove, value));
    await waitToldTo(bot.stub, 'U0OPER', 1, /serve uno di questi ruoli|Per gestire/);
    expect((await taxonomy.find('problemCode', 'IMP-1'))?.status).toBe('imported');
    // A forged value approves nothing.
    await post(homePress('U0BOSS', ACTIONS.homeTaxonomyApprove, '{"kind":"client","code":"X"}'));
    await waitToldTo(bot.stub, 'U0BOSS', 1, /^Uso: `\/sportello taxonomy/);

    await post(homePress('U0BOSS', ACTIONS.homeTaxonomyApprove, value));
    await post(
      homePress(
        'U0BOSS',
        ACTIONS.homeTaxonomyRetire,
        JSON.stringify({ kind: 'problemCode', code: 'IMP-2' }),
      ),
    );
    await eventually(async () => {
      expect((await taxonomy.find('problemCode', 'IMP-1'))?.status).toBe('active');
      expect((await taxonomy.find('problemCode', 'IMP-2'))?.status).toBe('retired');
    });
    // Each press publishes Home again; the later one shows both changes.
    const again = await eventually(() => {
      const homes = bot.stub
        .of('views.publish')
        .slice(published)
        .filter((c) => c.args.user_id === 'U0BOSS')
        .map((c) => c.args.view as Home);
      const both = homes.find((h) => textOf(h).includes('in attesa di revisione: 5.'));
      if (!both) throw new Error('home not published with both changes yet');
      return both;
    });
    expect(textOf(again)).toContain('codici problema: 1.');
    expect(bot.stub.refusals).toEqual([]);
  });

  it('with 60 rules the home stays within 100 blocks and says how many more there are', async () => {
    for (let i = 0; i < 60; i++)
      await bot.db.store.routingRules.add({
        department: `reparto-${String(i).padStart(2, '0')}`,
        category: 'tutte',
        priority: 'P3',
        destination: { platform: 'slack', channel: 'C0MANY' },
        mention: [],
      });
    const home = await homeOf('U0BOSS');
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(textOf(home) + JSON.stringify(home.blocks)).toMatch(/Altre \d+ regole/);
  });
});
