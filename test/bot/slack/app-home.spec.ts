import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { Role } from '../../../src/domain/roles/role.js';
import { aClient, aComplaint, director, operator, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { appHomeOpened, postToBot, slashCommand } from '../../support/slack-requests.js';
import { COMMANDS } from '../../../src/bot/ids.js';

type Home = {
  blocks: {
    type: string;
    text?: { text: string };
    accessory?: { action_id: string; value: string };
  }[];
};
const PEOPLE: [string, Role[]][] = [
  ['U0DCOM', ['DCOM']],
  ['U0SCOM', ['SCOM']],
  ['U0MAN', ['manager']],
  ['U0OPER', ['operator']],
  ['U0NONE', []],
];

describe('Slack: App Home shows each role the work waiting for it', () => {
  const bot = useSlackBot('slack_app_home');
  const ids = { complaint: '', toSign: '', signed: '', client: '' };
  beforeAll(async () => {
    const { store } = bot.db;
    for (const [id, roles] of PEOPLE)
      if (roles.length) await store.roles.assign(slackUser(id), roles);
    ids.client = (
      await store.clients.insert(
        NewClientSchema.parse(aClient({ code: 'DUE', name: 'Cliente Da Chiamare' })),
      )
    ).id;
    const pending = {
      kind: 'cost' as const,
      role: 'manager' as const,
      reason: 'sopra soglia',
      status: 'pending' as const,
      requestedAt: new Date(),
    };
    ids.complaint = (
      await store.complaints.register(
        aComplaint(ids.client, {
          status: 'awaiting_approval',
          approvals: [pending],
          assignee: slackUser('U0OPER'),
          product: 'Caldaia K9',
        }),
        2026,
      )
    ).id;
    const d2 = (status: 'submitted' | 'signed') =>
      store.d2Requests.register(
        {
          requester: operator,
          requesterOffice: 'SDID',
          clientId: ids.client,
          reason: `Contattare il cliente (${status})`,
          urgency: 'normal',
          status,
          submittedAt: new Date(),
          ...(status === 'signed' ? { signature: { by: director, at: new Date() } } : {}),
        },
        2026,
      );
    ids.toSign = (await d2('submitted')).id;
    ids.signed = (await d2('signed')).id;
  });

  const homeOf = async (user: string): Promise<Home> => {
    await postToBot(bot.baseUrl, appHomeOpened(user));
    return eventually(() => {
      const call = bot.stub.of('views.publish').find((c) => c.args.user_id === user);
      if (!call) throw new Error(`no home for ${user}`);
      return call.args.view as Home;
    });
  };
  const buttons = (home: Home) =>
    home.blocks.flatMap((b) =>
      b.accessory ? [`${b.accessory.action_id}:${b.accessory.value}`] : [],
    );
  const texts = (home: Home) => home.blocks.map((b) => b.text?.text ?? '').join('\n');

  it('gives the manager the approval asked of managers, with its button', async () => {
    const home = await homeOf('U0MAN');
    expect(texts(home)).toContain('Approvazioni che aspettano te');
    expect(buttons(home)).toContain(
      `${ACTIONS.approve}:${JSON.stringify({ c: ids.complaint, k: 'cost' })}`,
    );
  });

  it('gives the director the D2 to sign and the approvals (DCOM may decide any)', async () => {
    const home = await homeOf('U0DCOM');
    expect(buttons(home)).toEqual(
      expect.arrayContaining([
        `${ACTIONS.d2Sign}:${ids.toSign}`,
        `${ACTIONS.approve}:${JSON.stringify({ c: ids.complaint, k: 'cost' })}`,
      ]),
    );
    expect(buttons(home)).not.toContain(`${ACTIONS.d2Start}:${ids.signed}`);
    expect(texts(home)).toContain('Impostazioni');
  });

  it('gives SCOM the signed D2 to start and the due care calls', async () => {
    const home = await homeOf('U0SCOM');
    expect(buttons(home)).toEqual(
      expect.arrayContaining([
        `${ACTIONS.d2Start}:${ids.signed}`,
        `${ACTIONS.logCareCall}:${ids.client}`,
      ]),
    );
    expect(buttons(home)).not.toContain(`${ACTIONS.d2Sign}:${ids.toSign}`);
  });

  it('gives the operator their own open case with its SLA state, and no approvals', async () => {
    const home = await homeOf('U0OPER');
    expect(texts(home)).toMatch(/:large_(green|yellow)_circle:|:red_circle:/);
    expect(texts(home)).toContain('Caldaia K9');
    expect(buttons(home).some((b) => b.startsWith(ACTIONS.approve))).toBe(false);
  });

  it('tells a member with no role whom to ask, and shows nothing of the registers', async () => {
    const home = await homeOf('U0NONE');
    expect(texts(home)).toContain('Non hai ancora un ruolo in Sportello');
    expect(texts(home)).toContain('<@U0DCOM>');
    expect(texts(home)).not.toMatch(/R-2026|D2-2026|Cliente Da Chiamare/);
    expect(buttons(home)).toEqual([]);
  });

  it('shows the whole case with /complaint show, with a link to its card', async () => {
    const body = slashCommand(COMMANDS.complaint, 'U0MAN', 'show r-2026-0001');
    const answer = (await postToBot(bot.baseUrl, { body })).json() as unknown as Home & {
      text: string;
    };
    const shown = JSON.stringify(answer.blocks);
    expect(shown).toContain('La protezione della pressa non blocca il ciclo');
    expect(shown).toContain('Cliente Da Chiamare (DUE)');
    expect(JSON.stringify(answer.blocks)).toContain(
      'https://example.slack.com/archives/C0TECH/p1700000000000100',
    );
  });
});
