import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ACTIONS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { createSlackApp } from '../../../src/bot/slack/slack-app.js';
import { createHttpApp } from '../../../src/http/server.js';
import { createLogger } from '../../../src/log.js';
import { loadConfig } from '../../../src/config.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { buttonPress, input, postToBot, viewSubmission } from '../../support/slack-requests.js';

describe('Slack: hostile input', () => {
  const bot = useSlackBot('slack_hostile');

  it('ignores a correctly signed payload from another workspace, storing nothing', async () => {
    await eventually(() => expect(bot.stub.of('auth.test').length).toBeGreaterThan(0));
    const body = viewSubmission('U0EVIL', {
      id: 'VEVIL',
      callbackId: VIEWS.complaint,
      values: { client: input.external(OPTIONS.client, 'a'.repeat(24)), product: input.text('x') },
    }).replace(/T0TEAM/g, 'T0EVIL');
    const answer = await postToBot(bot.baseUrl, { body });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
  });

  it('refuses forged and operator-shaped case ids in button values, and unknown action ids', async () => {
    for (const value of ['{"$gt":""}', 'f'.repeat(24), 'x'.repeat(5000)]) {
      expect(
        (
          await postToBot(bot.baseUrl, {
            body: buttonPress('U0OP', ACTIONS.takeInCharge, value, 'C0ASSIST', '1.1'),
          })
        ).status,
      ).toBe(200);
    }
    await eventually(() =>
      expect(bot.stub.of('chat.postEphemeral').filter((c) => c.args.user === 'U0OP')).toHaveLength(
        3,
      ),
    );
    expect(bot.stub.of('chat.postEphemeral').map((c) => c.args.text)).toEqual(
      expect.arrayContaining(['Reclamo non trovato.']),
    );
    const unknown = await postToBot(bot.baseUrl, {
      body: buttonPress('U0OP', 'drop_database', '{}', 'C0ASSIST', '1.2'),
    });
    expect([200, 404]).toContain(unknown.status);
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
  }, 15_000);

  it('refuses a request body over the size limit', async () => {
    const huge = `payload=${'x'.repeat(2 * 1024 * 1024)}`;
    expect((await postToBot(bot.baseUrl, { body: huge })).status).toBe(413);
  });
});

describe('secrets', () => {
  it('never writes tokens or signing secrets to the log, even when Slack fails at start', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk, _enc, done) => (lines.push(String(chunk)), done()),
    });
    const log = createLogger('debug', sink);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-very-secret-token',
      SLACK_SIGNING_SECRET: 'signing-secret-42',
      ADMIN_USER: 'a',
      ADMIN_PASSWORD: 'admin-pass-9',
    });
    log.info({ config }, 'configuration loaded');
    log.error(
      {
        headers: { authorization: 'Bearer abc-secret' },
        req: { headers: { 'x-slack-signature': 'v0=deadbeef' } },
      },
      'request failed',
    );
    const slack = createSlackApp(
      {
        botToken: 'xoxb-very-secret-token',
        signingSecret: 'signing-secret-42',
        http: createHttpApp({ databaseReachable: async () => true }),
        slackApiUrl: 'http://127.0.0.1:9/api/',
      },
      { log } as never,
    );
    await slack.start();
    const written = lines.join('\n');
    expect(written).toContain('slack token check failed');
    expect(written).toContain('[redacted]');
    for (const secret of [
      'xoxb-very-secret-token',
      'signing-secret-42',
      'admin-pass-9',
      'abc-secret',
      'v0=deadbeef',
    ])
      expect(written).not.toContain(secret);
  });
});
