import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { NoEmbeddedDatabase } from './store/embedded/embedded-database.js';

/**
 * The one line (or, for configuration, one line per problem) an operator needs when the bot
 * cannot start for a reason outside the code. Undefined for anything else: that is a bug, and its
 * stack trace is what a developer needs.
 */
export function startupFailure(error: unknown, config: Config | undefined): string | undefined {
  if (error instanceof ConfigError || error instanceof NoEmbeddedDatabase) return error.message;
  const { code, syscall, name, message } = (error ?? {}) as {
    code?: unknown;
    syscall?: unknown;
    name?: unknown;
    message?: unknown;
  };
  const where = config ? `${config.http.host}:${config.http.port}` : 'the HTTP port';
  if (code === 'EADDRINUSE') return `Cannot listen on ${where}: the port is in use (set PORT)`;
  if (code === 'EACCES' && syscall === 'listen') {
    return `Cannot listen on ${where}: not allowed for this user (set PORT above 1023)`;
  }
  if (code === 'EADDRNOTAVAIL') {
    return `Cannot listen on ${where}: HOST is not an address of this machine (e.g. 0.0.0.0)`;
  }
  if ((code === 'ENOTFOUND' || code === 'EAI_AGAIN') && syscall === 'getaddrinfo') {
    return `Cannot listen on ${where}: HOST does not resolve to an address (e.g. 0.0.0.0)`;
  }
  if (name === 'MongooseServerSelectionError' || name === 'MongoServerSelectionError') {
    const database = config?.database.uri ? withoutPassword(config.database.uri) : 'the database';
    return `Cannot reach ${database}: ${firstLine(message)} (check MONGODB_URI and that the server runs)`;
  }
  const unparsable = name === 'MongoRuntimeError' && /unable to parse/i.test(String(message));
  if (name === 'MongoParseError' || name === 'MongoAPIError' || unparsable) {
    return `MONGODB_URI is not a usable connection string: ${firstLine(message)}`;
  }
  return undefined;
}

const firstLine = (text: unknown) => String(text ?? '').split('\n')[0];

/** mongodb://user:secret@host → mongodb://user:***@host: logs and terminals are not for secrets. */
const withoutPassword = (uri: string) => uri.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
