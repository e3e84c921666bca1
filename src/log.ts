import { pino, type Logger } from 'pino';

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

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination as never) : pino(options);
}
