/** The memory baseline: a bare Bolt app on an express receiver, listening, doing nothing. */
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';

const receiver = new ExpressReceiver({ signingSecret: 'bench-signing-secret' });
const app = new App({
  token: 'xoxb-bench',
  receiver,
  logLevel: LogLevel.ERROR,
  tokenVerificationEnabled: false,
});
await app.start(Number(process.env.PORT ?? 0));
process.send?.('ready');
