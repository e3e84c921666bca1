import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  complaintValues,
  postToBot,
  reshaped,
  signature,
  slashCommand,
  teamless,
  viewSubmission,
} from '../../support/slack-requests.js';

const OPERATOR = 'U0OP';
const now = () => Math.floor(Date.now() / 1000);

describe('Slack request gate: the workspace learnt once, timestamps, malformed payloads', () => {
  const bot = useSlackBot('slack_gate');
  let clientId: string;
  beforeAll(async () => {
    clientId = (await bot.db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await bot.db.store.roles.assign(slackUser(OPERATOR), ['operator']);
    await eventually(() => expect(bot.stub.of('auth.test')).toHaveLength(1));
  });
  const complaints = () => bot.db.store.models.complaint.countDocuments();
  const form = (viewId: string) =>
    viewSubmission(OPERATOR, {
      id: viewId,
      callbackId: VIEWS.complaint,
      values: complaintValues(clientId, OPTIONS.client),
      privateMetadata: '{"channel":"C0OPS"}',
    });

  it('calls auth.test once at start-up and never again, for 50 requests', async () => {
    for (let batch = 0; batch < 5; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          postToBot(bot.baseUrl, { body: slashCommand(COMMANDS.complaint, OPERATOR, 'list') }),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.json().text).toEqual(expect.any(String));
      }
    }
    expect(bot.stub.of('auth.test')).toHaveLength(1);
    expect(bot.stub.calls.filter((c) => c.method.startsWith('auth.test'))).toHaveLength(1);
  });

  it('admits its own workspace; refuses another team, no team, and an enterprise id alone', async () => {
    const refusals = [
      form('VFOREIGN').replace(/T0TEAM/g, 'T0EVIL'),
      reshaped(form('VNOTEAM'), teamless()),
      reshaped(form('VORG'), teamless('E0ORG')),
      slashCommand(COMMANDS.complaint, OPERATOR, 'list').replace('team_id=T0TEAM', 'team_id='),
    ];
    for (const body of refusals) {
      const answer = await postToBot(bot.baseUrl, { body });
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('');
    }
    expect(await complaints()).toBe(0);
    const ours = await postToBot(bot.baseUrl, { body: form('VOURS') });
    expect(ours.status).toBe(200);
    await eventually(async () => expect(await complaints()).toBe(1));
  });

  it('refuses a signed request from more than 5 minutes ahead as Bolt refuses a stale one', async () => {
    const before = await complaints();
    const body = form('VTIME');
    for (const timestamp of [now() + 10 * 60, now() + 5 * 60 + 30, now() - 5 * 60 - 30]) {
      const answer = await postToBot(bot.baseUrl, { body, timestamp });
      expect(answer.status).toBe(401);
    }
    expect(await complaints()).toBe(before);
    const skewed = await postToBot(bot.baseUrl, {
      body: slashCommand(COMMANDS.complaint, OPERATOR, 'list'),
      timestamp: now() + 60,
    });
    expect(skewed.status).toBe(200);
  });

  it.each([
    ['bad JSON', 'payload=%7Bnot-json'],
    ['null', `payload=null`],
    ['[]', `payload=%5B%5D`],
    ['{}', `payload=%7B%7D`],
    ['a string', `payload=%22view_submission%22`],
    [
      'a form with no user',
      reshaped(
        viewSubmission(OPERATOR, { id: 'V', callbackId: VIEWS.complaint, values: {} }),
        (p) => delete p.user,
      ),
    ],
    [
      'a form with no view',
      reshaped(
        viewSubmission(OPERATOR, { id: 'V', callbackId: VIEWS.complaint, values: {} }),
        (p) => delete p.view,
      ),
    ],
    [
      'a form whose user is a string',
      reshaped(
        viewSubmission(OPERATOR, { id: 'V', callbackId: VIEWS.complaint, values: {} }),
        (p) => (p.user = OPERATOR),
      ),
    ],
    [
      'a button press with no actions',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: OPERATOR }, team: { id: 'T0TEAM' } }))}`,
    ],
    [
      'a shortcut with no user',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'shortcut', callback_id: 'x', team: { id: 'T0TEAM' } }))}`,
    ],
    [
      'a command with a repeated field',
      `${slashCommand(COMMANDS.complaint, OPERATOR, 'list')}&text=mine`,
    ],
    [
      'a command with no user',
      slashCommand(COMMANDS.complaint, OPERATOR, 'list').replace(/user_id=U0OP&/, ''),
    ],
  ])('answers a signed but malformed form body (%s) with 400, storing nothing', async (_, body) => {
    const before = await complaints();
    expect((await postToBot(bot.baseUrl, { body })).status).toBe(400);
    expect((await postToBot(bot.baseUrl, { body, secret: 'not-ours' })).status).toBe(401);
    expect(await complaints()).toBe(before);
  });

  it.each([
    ['null'],
    ['[]'],
    ['{"type":"event_callback","team_id":"T0TEAM"}'],
    ['{"event":"app_home_opened"}'],
  ])('answers a signed but malformed JSON event body %s with 400', async (body) => {
    const timestamp = now();
    const answer = await postToBot(bot.baseUrl, {
      body,
      contentType: 'application/json',
      timestamp,
      signature: signature(body, timestamp),
    });
    expect(answer.status).toBe(400);
  });
});
