import { startApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { createLogger } from './log.js';
import { startupFailure } from './startup-failure.js';

/** A stop that hangs (a job that never returns) must not keep the process past its manager's patience. */
const STOP_DEADLINE_MS = 8_000;

let config: Config | undefined;

async function main(): Promise<void> {
  config = loadConfig(process.env);
  const human =
    config.logFormat === 'human' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
  const log = createLogger(config.logLevel, undefined, human);
  const app = await startApp(config, log);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error({ afterMs: STOP_DEADLINE_MS }, 'shutdown took too long: exiting anyway');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Known start-up problems get their own readable text; anything else is a bug and keeps its stack.
  console.error(startupFailure(error, config) ?? error);
  // Exiting also stops the embedded database: its launcher ends when our end of its stdin closes.
  process.exit(1);
});
