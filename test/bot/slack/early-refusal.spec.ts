import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, SHORTCUTS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { ACTIONS_NEEDING_ROLES } from '../../../src/domain/roles/permissions.js';
import { en } from '../../../src/i18n/en.js';
import { it as italian } from '../../../src/i18n/it.js';
import { aClient, aComplaint, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  buttonPress,
  messageShortcut,
  postToBot,
  slashCommand,
} from '../../support/slack-requests.js';

const NOBODY = 'U0NOROLE';
const form = (payload: object) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe('Slack: a member without the role is refused before any form opens, and reads nothing', () => {
  const bot = useSlackBot('slack_early_refusal');
  const ids = { client: '', complaint: '' };
  beforeAll(async () => {
    await bot.db.store.roles.assign(slackUser('U0BOSS'), ['DCOM', 'admin']);
    ids.client = (
      await bot.db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'VERDI' })))
    ).id;
    ids.complaint = (await bot.db.store.complaints.register(aComplaint(ids.client), 2026)).id;
  });
  const post = (body: string) => postToBot(bot.baseUrl, { body });
  const toldNobody = () =>
    bot.stub
      .of('chat.postEphemeral')
      .filter((c) => c.args.user === NOBODY)
      .map((c) => String(c.args.text));

  it('names the action, the roles that may and the director, for every form', async () => {
    for (const command of [
      COMMANDS.complaint,
      COMMANDS.d2,
      COMMANDS.communication,
      COMMANDS.client,
    ])
      expect((await post(slashCommand(command, NOBODY))).status).toBe(200);
    expect((await post(slashCommand(COMMANDS.client, NOBODY, 'edit VERDI'))).json().text).toMatch(
      /^Per registrare o modificare un cliente serve/,
    );
    await post(
      messageShortcut(SHORTCUTS.registerComplaint, NOBODY, { text: 'x', channel: 'C0OPS' }),
    );
    const buttons: [string, string][] = [
      [ACTIONS.addNote, ids.complaint],
      [ACTIONS.resolve, ids.complaint],
      [ACTIONS.close, ids.complaint],
      [ACTIONS.escalate, ids.complaint],
      [ACTIONS.reopen, ids.complaint],
      [ACTIONS.logCareCall, ids.client],
      [ACTIONS.careToComplaint, JSON.stringify({ c: ids.client })],
      [ACTIONS.careToD2, JSON.stringify({ c: ids.client })],
      [ACTIONS.markCommunicationSent, 'a'.repeat(24)],
    ];
    for (const [action, value] of buttons)
      await post(buttonPress(NOBODY, action, value, 'C0OPS', '1.2'));
    const expected = [
      'Per registrare un reclamo serve uno di questi ruoli: operator, coordinator, technician, manager, DCOM, SCOM. Chiedi a <@U0BOSS>.',
      'Per inviare una richiesta D2 serve uno di questi ruoli: SDID, SAMM. Chiedi a <@U0BOSS>.',
      'Per scrivere una comunicazione al cliente serve uno di questi ruoli: DCOM. Chiedi a <@U0BOSS>.',
      'Per registrare o modificare un cliente serve uno di questi ruoli: operator, coordinator, technician, manager, DCOM, SCOM. Chiedi a <@U0BOSS>.',
    ];
    await eventually(() => expect(toldNobody().length).toBe(5 + buttons.length));
    for (const text of expected) expect(toldNobody()).toContain(text);
    expect(new Set(toldNobody()).size).toBeGreaterThanOrEqual(10);
    for (const text of toldNobody())
      expect(text).toMatch(/^Per .+ serve uno di questi ruoli: .+\. Chiedi a <@U0BOSS>\.$/);
    expect(bot.stub.of('views.open')).toEqual([]);
  });

  it('shows no complaint, client, role holder or care call to a member with no role', async () => {
    for (const text of ['list', 'mine', 'show R-2026-0001', 'search pressa'])
      expect((await post(slashCommand(COMMANDS.complaint, NOBODY, text))).json().text).toMatch(
        /^Per consultare i reclami serve/,
      );
    expect((await post(slashCommand(COMMANDS.client, NOBODY, 'show VERDI'))).json().text).toMatch(
      /^Per consultare i clienti serve/,
    );
    expect((await post(slashCommand(COMMANDS.sportello, NOBODY, 'roles'))).json().text).toMatch(
      /^Per vedere chi ha quali ruoli serve/,
    );
    expect((await post(slashCommand(COMMANDS.sportello, NOBODY, 'care'))).json().text).toMatch(
      /^Per consultare il registro delle chiamate di cortesia serve/,
    );
    const options = await post(
      form({
        type: 'block_suggestion',
        action_id: OPTIONS.client,
        block_id: 'client',
        value: 'Offic',
        team: { id: 'T0TEAM' },
        user: { id: NOBODY, team_id: 'T0TEAM' },
        api_app_id: 'A0APP',
        view: { id: 'V1', type: 'modal', callback_id: 'complaint_modal' },
      }),
    );
    expect(options.json()).toEqual({ options: [] });
  });

  it('has its own refusal text for every action, in both languages', () => {
    for (const action of ACTIONS_NEEDING_ROLES) {
      expect(italian).toHaveProperty([`permission.${action}`]);
      expect(en).toHaveProperty([`permission.${action}`]);
    }
  });
});
