import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { WorkspaceSettings } from '../../src/bot/slack/workspace.js';
import type { RunningChat } from '../../src/chat.js';
import { close, createHttpApp, listen, portOf } from '../../src/http/server.js';
import { pingDatabase } from '../../src/store/connection.js';
import type { Clock, SlaScheduler } from '../../src/domain/shared/shared.ports.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { startSlackStub, type SlackStub } from './slack-stub.js';
import { startTestChat, type TestChatOptions } from './test-chat.js';

export interface SlackBot {
  db: TestDatabase;
  stub: SlackStub;
  chat: RunningChat;
  baseUrl: string;
  server: Server;
}

/** The real bot (Bolt on the real HTTP server, real database, real outbox) against a Slack stub. */
export function useSlackBot(
  label: string,
  options: {
    clock?: Clock;
    locales?: Record<string, string>;
    /** Faults set on the Slack stub before the bot starts (auth.test failing at start-up). */
    prepare?: (stub: SlackStub) => void;
    /** Configured team/enterprise ids and auth.test retry timings. */
    slackWorkspace?: WorkspaceSettings;
    /** Tests that send Slack a payload it refuses on purpose. */
    allowRefusals?: boolean;
    /** The SLA reminders' scheduler on the test database (Agenda's, say); none by default. */
    scheduler?: (db: TestDatabase) => SlaScheduler;
    /** More of the chat layer's test settings (outbox timings, Slack pacing, a log to read). */
    chat?: Pick<TestChatOptions, 'outbox' | 'slackPaceMs' | 'log'>;
  } = {},
): SlackBot {
  const bot = {} as SlackBot;
  beforeAll(async () => {
    const db = await openTestDatabase(label);
    const stub = await startSlackStub(options.locales);
    options.prepare?.(stub);
    const http = createHttpApp({ databaseReachable: () => pingDatabase(db.connection) });
    const chat = await startTestChat(db.store, http, {
      slackApiUrl: stub.url,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.scheduler ? { scheduler: options.scheduler(db) } : {}),
      ...(options.slackWorkspace ? { slackWorkspace: options.slackWorkspace } : {}),
      ...options.chat,
    });
    const server = await listen(http, '127.0.0.1', 0);
    Object.assign(bot, { db, stub, chat, server, baseUrl: `http://127.0.0.1:${portOf(server)}` });
  });
  afterAll(async () => {
    // A payload Slack would refuse fails the file even when no test looked at that call.
    const refused = bot.stub?.refusals ?? [];
    await close(bot.server);
    await bot.chat.stop();
    await bot.stub.close();
    await bot.db.close();
    if (refused.length && !options.allowRefusals)
      throw new Error(`Slack refused ${refused.length} payload(s):\n${refused.join('\n')}`);
  });
  return bot;
}

/** Waits until `check` passes (deliveries happen after the HTTP answer). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
