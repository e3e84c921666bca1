import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { COMMANDS } from '../../src/bot/ids.js';
import { loadConfig } from '../../src/config.js';
import { portOf } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { eventually } from '../support/slack-bot.js';
import { SIGNING_SECRET, postToBot, slashCommand } from '../support/slack-requests.js';
import { startSlackStub, type SlackStub } from '../support/slack-stub.js';

describe('SLACK_API_URL: the whole app against a local Web API', () => {
  let stub: SlackStub;
  let app: RunningApp;
  beforeAll(async () => {
    stub = await startSlackStub();
    const config = loadConfig({
      MONGODB_URI: inject('mongoUri').replace(/\/?$/, '/t_slack_api_url'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: 'xoxb-local',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      // Without the trailing '/', as people write it: the configuration adds it.
      SLACK_API_URL: stub.url.replace(/\/$/, ''),
    });
    app = await startApp(config, createLogger('silent'));
  });
  afterAll(async () => {
    await app?.connection.dropDatabase();
    await app?.stop();
    await stub?.close();
  });

  it('learns the workspace from it at start-up, so its requests are admitted', async () => {
    await eventually(() => expect(stub.of('auth.test')).toHaveLength(1));
    const baseUrl = `http://127.0.0.1:${portOf(app.server)}`;
    const body = slashCommand(COMMANDS.complaint, 'U0OP', 'list');
    const answer = await postToBot(baseUrl, { body });
    expect(answer.status).toBe(200);
    // Admitted (no SLACK_TEAM_ID: only auth.test through SLACK_API_URL could name the team).
    expect(answer.json()).toEqual({ response_type: 'ephemeral', text: expect.any(String) });
    expect(answer.json().text).not.toMatch(/collegando/);
    // The user's language was asked there too: every Web API call goes to SLACK_API_URL.
    expect(stub.calls.map((c) => c.method)).toEqual(['auth.test', 'users.info']);
  });
});
