/**
 * Slack's Web API for a benchmark, alone in its own process: the stub checks every view and
 * message like Slack, work that belongs neither to the bot's process nor to the request sender's.
 */
import { startSlackStub } from '../../test/support/slack-stub.js';

const stub = await startSlackStub();
process.on('message', (asked: 'close') => {
  if (asked === 'close') void stub.close().then(() => process.exit(0));
});
process.send!({ stubUrl: stub.url });
