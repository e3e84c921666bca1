import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A bench's helper process (Slack's side: never the bot's process), run under tsx, that answers
 * each message with one message back; `first` is what it says once it is ready.
 */
export function benchChild(url: URL) {
  const side = fork(fileURLToPath(url), { execArgv: ['--import', 'tsx'] });
  const replies: ((message: Record<string, unknown>) => void)[] = [];
  side.on('message', (message: Record<string, unknown>) => replies.shift()?.(message));
  const reply = () => new Promise<Record<string, unknown>>((resolve) => replies.push(resolve));
  const first = reply();
  return {
    first,
    ask: (message: object) => {
      const answer = reply();
      side.send(message);
      return answer;
    },
    close: () => {
      const exited = new Promise((resolve) => side.once('exit', resolve));
      side.send('close');
      return exited;
    },
  };
}
