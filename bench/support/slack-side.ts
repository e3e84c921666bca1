/**
 * Slack's side of a benchmark, in its own process so that it does not eat the bot's CPU: the
 * Web API stub the bot posts to, and the load generator that sends signed view submissions.
 */
import { postToBot } from '../../test/support/slack-requests.js';
import { startSlackStub } from '../../test/support/slack-stub.js';
import { complaintForm } from './complaint-form.js';

export interface Burst {
  base: string;
  label: string;
  count: number;
  concurrency: number;
  clientId: string;
}

const submission = (burst: Burst, n: number) => complaintForm(burst.label, n, burst.clientId);

async function send(burst: Burst) {
  let next = 0;
  const worker = async () => {
    while (next < burst.count) {
      const answer = await postToBot(burst.base, { body: submission(burst, next++) });
      if (answer.status !== 200 || answer.text !== '')
        throw new Error(`${burst.label}: ${answer.status} ${answer.text}`);
    }
  };
  await Promise.all(Array.from({ length: burst.concurrency }, worker));
}

const stub = await startSlackStub();
const tell = (message: object) => process.send!(message);
tell({ stubUrl: stub.url });
process.on('message', (burst: Burst | 'close') => {
  if (burst === 'close') return void stub.close().then(() => process.exit(0));
  send(burst).then(
    () => tell({ sent: burst.label }),
    (error: Error) => tell({ failed: error.message }),
  );
});
