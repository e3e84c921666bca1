import { eventually } from './slack-bot.js';
import type { SlackStub } from './slack-stub.js';

/**
 * What the bot told one user privately, in order: ephemeral lines (to them, in a channel) and
 * direct messages (posted to their user id). `about` keeps only the lines that match it.
 */
export function toldTo(stub: SlackStub, user: string, about?: RegExp): string[] {
  return stub.calls
    .filter(
      (c) =>
        (c.method === 'chat.postEphemeral' && c.args.user === user) ||
        (c.method === 'chat.postMessage' && c.args.channel === user),
    )
    .map((c) => String(c.args.text))
    .filter((text) => !about || about.test(text));
}

/** Waits until the user has been told `count` lines (matching `about`), and returns them. */
export function waitToldTo(
  stub: SlackStub,
  user: string,
  count: number,
  about?: RegExp,
  timeoutMs = 10_000,
): Promise<string[]> {
  return eventually(() => {
    const lines = toldTo(stub, user, about);
    if (lines.length < count) throw new Error(`${user} told ${lines.length} of ${count} lines`);
    return lines;
  }, timeoutMs);
}
