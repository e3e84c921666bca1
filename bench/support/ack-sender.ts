/**
 * The sender of the ack-latency bench, in its own process (Slack is not the bot, and timing in
 * the bot's process would count the bot's own post-ack work against the request being timed):
 * signed requests of one kind, one after another, each timed from sending to the answer.
 */
import { ACTIONS, COMMANDS } from '../../src/bot/ids.js';
import {
  buttonPress,
  clientSuggestion,
  postToBot,
  slashCommand,
} from '../../test/support/slack-requests.js';
import { complaintForm } from './complaint-form.js';

export type AckKind = '/complaint' | 'button' | 'view' | 'suggestion';

export interface AckRun {
  base: string;
  kind: AckKind;
  count: number;
  /** A pause before each request: the previous request's post-ack work has time to finish. */
  pauseMs: number;
  clientId: string;
}

let forms = 0;
const bodies: Record<AckKind, (clientId: string) => string> = {
  '/complaint': () => slashCommand(COMMANDS.complaint, 'U0OP'),
  // A button on a case that does not exist: the full path (parse, roles, lookup), an ephemeral.
  button: () => buttonPress('U0OP', ACTIONS.acknowledge, 'f'.repeat(24), 'C0X', '1.1'),
  // A valid complaint form: acked before the case is filed (the filing runs after the answer).
  view: (clientId) => complaintForm('ack', forms++, clientId),
  suggestion: () => clientSuggestion('U0OP', 'ross'),
};

/** The run's times in ms, sorted. */
async function run({ base, kind, count, pauseMs, clientId }: AckRun): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const body = bodies[kind](clientId);
    const start = performance.now();
    const answer = await postToBot(base, { body });
    times.push(performance.now() - start);
    if (answer.status !== 200) throw new Error(`${kind}: status ${answer.status}`);
  }
  return times.sort((a, b) => a - b);
}

const tell = (message: object) => process.send!(message);
process.on('message', (asked: AckRun | 'close') => {
  if (asked === 'close') return process.exit(0);
  run(asked).then(
    (times) => tell({ times }),
    (error: Error) => tell({ failed: error.message }),
  );
});
tell({ ready: true });
