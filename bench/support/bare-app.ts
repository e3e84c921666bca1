import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import type { Express } from 'express';
import { createHttpApp } from '../../src/http/server.js';
import { SIGNING_SECRET } from '../../test/support/slack-requests.js';

/**
 * The baseline of the Slack benchmarks: a bare Bolt app on the same receiver and HTTP server
 * as the bot, with the same signing secret, that only does what each benchmark registers.
 * Like Sportello (whose authorize reuses the bot ids start-up learnt), it knows its bot ids
 * (the stub's auth.test answer): with only a token and tokenVerificationEnabled false, Bolt's
 * singleAuthorization would call auth.test before every request.
 */
export function bareBoltApp(slackApiUrl: string): { http: Express; app: App } {
  const http = createHttpApp({ databaseReachable: async () => true });
  const app = new App({
    token: 'xoxb-bench',
    botId: 'BBOT',
    botUserId: 'UBOT',
    receiver: new ExpressReceiver({
      signingSecret: SIGNING_SECRET,
      endpoints: '/slack/events',
      app: http,
    }),
    logLevel: LogLevel.ERROR,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl },
  });
  return { http, app };
}
