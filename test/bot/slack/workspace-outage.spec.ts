import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot, type SlackBot } from '../../support/slack-bot.js';
import {
  buttonPress,
  complaintValues,
  postToBot,
  reshaped,
  slashCommand,
  teamless,
  viewSubmission,
} from '../../support/slack-requests.js';

const OPERATOR = 'U0OP';
const CONNECTING = 'Sportello si sta ancora collegando a Slack';
const failingAuthTest = (stub: SlackBot['stub']) => stub.fail('auth.test', 500, 1_000_000);

/** The operator, a client, and the complaint form a test submits. */
function filing(bot: SlackBot) {
  let clientId = '';
  beforeAll(async () => {
    clientId = (await bot.db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await bot.db.store.roles.assign(slackUser(OPERATOR), ['operator']);
  });
  return {
    form: (viewId: string) =>
      viewSubmission(OPERATOR, {
        id: viewId,
        callbackId: VIEWS.complaint,
        values: complaintValues(clientId, OPTIONS.client),
        privateMetadata: '{"channel":"C0OPS"}',
      }),
    complaints: () => bot.db.store.models.complaint.countDocuments(),
  };
}
const list = () => slashCommand(COMMANDS.complaint, OPERATOR, 'list');

describe('Slack: auth.test failing at start-up, then recovering', () => {
  const INTERVAL = 300;
  const bot = useSlackBot('slack_ws_outage', {
    prepare: failingAuthTest,
    slackWorkspace: { minIntervalMs: INTERVAL, maxRetryMs: 2 * INTERVAL, requestWaitMs: 50 },
  });
  const { form, complaints } = filing(bot);
  const authTests = () => bot.stub.calls.filter((c) => c.method.startsWith('auth.test')).length;

  it('keeps a form open with what was typed and tells a command to retry, storing nothing', async () => {
    await eventually(() => expect(bot.stub.of('auth.test#failed').length).toBeGreaterThan(0));
    const submitted = await postToBot(bot.baseUrl, { body: form('VWAIT') });
    expect(submitted.status).toBe(200);
    const answer = submitted.json() as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.values(answer.errors)).toEqual([expect.stringContaining(CONNECTING)]);
    const command = (await postToBot(bot.baseUrl, { body: list() })).json();
    expect(command).toEqual({
      response_type: 'ephemeral',
      text: expect.stringContaining(CONNECTING),
    });
    expect(await complaints()).toBe(0);
  });

  it('answers a button pressed meanwhile through its response_url, ephemeral and in place', async () => {
    const body = reshaped(
      buttonPress(OPERATOR, ACTIONS.takeInCharge, 'f'.repeat(24), 'C0ASSIST', '1.1'),
      (p) => {
        p.response_url = `${bot.stub.url}response.hook`;
      },
    );
    const answer = await postToBot(bot.baseUrl, { body });
    expect([answer.status, answer.text]).toEqual([200, '']);
    await eventually(() =>
      expect(bot.stub.of('response.hook').map((c) => c.args)).toEqual([
        {
          response_type: 'ephemeral',
          replace_original: false,
          text: expect.stringContaining(CONNECTING),
        },
      ]),
    );
  });

  it('asks auth.test at most once per interval, however many requests arrive', async () => {
    const before = authTests();
    const started = performance.now();
    for (let i = 0; i < 50; i++)
      expect((await postToBot(bot.baseUrl, { body: list() })).status).toBe(200);
    const elapsed = performance.now() - started;
    expect(authTests() - before).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL) + 1);
    expect(await complaints()).toBe(0);
  });

  it('learns the workspace in the background once Slack answers; the same form then files', async () => {
    bot.stub.fail('auth.test', 500, 0);
    await eventually(() => expect(bot.stub.of('auth.test')).toHaveLength(1));
    const submitted = await postToBot(bot.baseUrl, { body: form('VWAIT') });
    expect(submitted.status).toBe(200);
    await eventually(async () => expect(await complaints()).toBe(1));
    const after = authTests();
    for (let i = 0; i < 20; i++) await postToBot(bot.baseUrl, { body: list() });
    expect(authTests()).toBe(after);
  });
});

describe('Slack: SLACK_TEAM_ID and SLACK_ENTERPRISE_ID admit requests before auth.test answers', () => {
  const bot = useSlackBot('slack_ws_configured', {
    prepare: failingAuthTest,
    slackWorkspace: { teamId: 'T0TEAM', enterpriseId: 'E0ORG', minIntervalMs: 60_000 },
  });
  const { form, complaints } = filing(bot);

  it('files the configured team’s form and refuses another team’s, with auth.test still failing', async () => {
    await eventually(() => expect(bot.stub.of('auth.test#failed')).toHaveLength(1));
    const foreign = await postToBot(bot.baseUrl, {
      body: form('VEVIL').replace(/T0TEAM/g, 'T0EVIL'),
    });
    expect([foreign.status, foreign.text]).toEqual([200, '']);
    expect(await complaints()).toBe(0);
    expect((await postToBot(bot.baseUrl, { body: form('VOURS') })).status).toBe(200);
    await eventually(async () => expect(await complaints()).toBe(1));
  });

  it('admits a payload with no team only from the configured enterprise', async () => {
    const other = await postToBot(bot.baseUrl, {
      body: reshaped(form('VOTHER'), teamless('E0OTHER')),
    });
    expect([other.status, other.text]).toEqual([200, '']);
    expect(await complaints()).toBe(1);
    const org = await postToBot(bot.baseUrl, { body: reshaped(form('VORG'), teamless('E0ORG')) });
    expect(org.status).toBe(200);
    await eventually(async () => expect(await complaints()).toBe(2));
    expect(bot.stub.of('auth.test#failed')).toHaveLength(1);
  });
});
