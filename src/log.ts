import { pino, type Logger } from 'pino';
import { humanStream } from './log-format.js';

export type { Logger };

/** Keys whose values are secrets (tokens, signing secrets, passwords, auth headers). */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'appPassword',
  'password',
  'authorization',
  '"x-slack-signature"',
];

/**
 * Redaction paths for each secret key at the top level and up to three levels down, so a logged
 * config (`config.slack.botToken`) or request (`req.headers.authorization`) is covered too.
 */
const REDACT = SECRET_KEYS.flatMap((key) => {
  const at = (prefix: string) => (key.startsWith('"') ? `${prefix}[${key}]` : `${prefix}.${key}`);
  return [key.startsWith('"') ? `[${key}]` : key, at('*'), at('*.*'), at('*.*.*')];
});

/**
 * The bot's logger: JSON lines (what log collectors read), or readable lines when `human` is set
 * (main.ts sets it when stdout is a terminal and LOG_FORMAT is not `json`).
 */
export function createLogger(
  level: string,
  destination?: NodeJS.WritableStream,
  human = false,
): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  const out = human ? humanStream(destination) : destination;
  return out ? pino(options, out as never) : pino(options);
}
