/**
 * Slack's side of a benchmark, in its own process so that it does not eat the bot's CPU: the
 * Web API stub the bot posts to, and the load generator that sends signed view submissions.
 * It also times each submission until its case card is posted (chat.postMessage naming the
 * form's product), both ends measured here on one clock.
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

/** Asks for the submission → card posted times of a burst, waiting at most `withinMs` for them. */
export interface CardTimes {
  cardsOf: string;
  count: number;
  withinMs: number;
}

const submission = (burst: Burst, n: number) => complaintForm(burst.label, n, burst.clientId);
const sentAt = new Map<string, number>();
const postedAt = new Map<string, number>();

async function send(burst: Burst) {
  let next = 0;
  const worker = async () => {
    while (next < burst.count) {
      const n = next++;
      sentAt.set(`${burst.label} ${n}`, performance.now());
      const answer = await postToBot(burst.base, { body: submission(burst, n) });
      if (answer.status !== 200 || answer.text !== '')
        throw new Error(`${burst.label}: ${answer.status} ${answer.text}`);
    }
  };
  await Promise.all(Array.from({ length: burst.concurrency }, worker));
}

const stub = await startSlackStub();
stub.onCall((call) => {
  if (call.method !== 'chat.postMessage') return;
  const shown = /Prodotto (\S+) (\d+)/.exec(JSON.stringify(call.args));
  if (shown && !postedAt.has(`${shown[1]} ${shown[2]}`))
    postedAt.set(`${shown[1]} ${shown[2]}`, performance.now());
});

/** p50 and p99 in ms of the cards of `label` posted within the wait, and how many were. */
async function cardTimes({ cardsOf, count, withinMs }: CardTimes) {
  const keys = Array.from({ length: count }, (_, n) => `${cardsOf} ${n}`);
  const until = performance.now() + withinMs;
  while (keys.some((k) => !postedAt.has(k)) && performance.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const times = keys
    .filter((k) => postedAt.has(k))
    .map((k) => postedAt.get(k)! - sentAt.get(k)!)
    .sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { posted: times.length, p50: at(0.5), p99: at(0.99) };
}

const tell = (message: object) => process.send!(message);
tell({ stubUrl: stub.url });
process.on('message', (asked: Burst | CardTimes | 'close') => {
  if (asked === 'close') return void stub.close().then(() => process.exit(0));
  if ('cardsOf' in asked) return void cardTimes(asked).then(tell);
  send(asked).then(
    () => tell({ sent: asked.label }),
    (error: Error) => tell({ failed: error.message }),
  );
});
