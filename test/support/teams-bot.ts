import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { RunningChat } from '../../src/chat.js';
import type { Locale } from '../../src/i18n/translate.js';
import { close, createHttpApp, listen, portOf } from '../../src/http/server.js';
import { pingDatabase } from '../../src/store/connection.js';
import { cardIssues } from './adaptive-cards/card-schema.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { startConnectorStub, type ConnectorStub } from './connector-stub.js';
import { eventually } from './slack-bot.js';
import { startTestChat } from './test-chat.js';

export interface TeamsBot {
  db: TestDatabase;
  stub: ConnectorStub;
  chat: RunningChat;
  baseUrl: string;
  server: Server;
}

/** The real teams-ai Application over HTTP (no app id: authentication off) against a Connector stub. */
export function useTeamsBot(
  label: string,
  options: { tenantId?: string; defaultLocale?: Locale } = {},
): TeamsBot {
  const bot = {} as TeamsBot;
  beforeAll(async () => {
    const db = await openTestDatabase(label);
    const stub = await startConnectorStub();
    const http = createHttpApp({ databaseReachable: () => pingDatabase(db.connection) });
    const chat = await startTestChat(db.store, http, {
      teams: options.tenantId ? { tenantId: options.tenantId } : true,
      ...(options.defaultLocale ? { defaultLocale: options.defaultLocale } : {}),
    });
    const server = await listen(http, '127.0.0.1', 0);
    Object.assign(bot, { db, stub, chat, server, baseUrl: `http://127.0.0.1:${portOf(server)}` });
  });
  // Every card the bot sent is checked by the stub: a test that sent a bad one fails by itself.
  afterEach(() => expect(bot.stub.takeCardIssues()).toEqual([]));
  afterAll(async () => {
    expect(bot.stub.takeCardIssues()).toEqual([]);
    await close(bot.server);
    await bot.chat.stop();
    await bot.stub.close();
    await bot.db.close();
  });
  return bot;
}

let sequence = 0;

/** An activity as Teams sends it to the bot. */
export function activity(
  stubUrl: string,
  from: { id: string; name?: string },
  conversation: { id: string; conversationType: 'personal' | 'channel' },
  fields: Record<string, unknown>,
) {
  sequence++;
  return {
    id: `in-${sequence}`,
    timestamp: new Date().toISOString(),
    serviceUrl: stubUrl,
    channelId: 'msteams',
    from: { id: `29:${from.id}`, aadObjectId: from.id, name: from.name ?? from.id },
    recipient: { id: '28:sportello', name: 'Sportello' },
    conversation: { ...conversation, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'it-IT',
    ...fields,
  };
}

/** The fields of an Adaptive Card Action.Execute invoke (a button on a card). */
export const actionExecute = (verb: string, data: object, replyToId: string) => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  replyToId,
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/**
 * The Adaptive Cards in an invoke's answer: an Action.Execute's card (`type` + `value`, the
 * Universal Actions response format) and card attachments anywhere (task modules).
 */
export function cardsInAnswer(body: unknown): unknown[] {
  if (Array.isArray(body)) return body.flatMap(cardsInAnswer);
  if (!body || typeof body !== 'object') return [];
  const node = body as Record<string, unknown>;
  if (node.type === ADAPTIVE && node.value) return [node.value];
  if (node.contentType === ADAPTIVE && node.content) return [node.content];
  return Object.values(node).flatMap(cardsInAnswer);
}

/**
 * Posts an activity to /api/messages; invokes answer in the HTTP body. A card in the answer is
 * checked like the Connector stub checks sent ones (Teams cannot show a card that breaks the
 * schema): any problem throws, so the test fails there.
 */
export async function postActivity(baseUrl: string, body: object) {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const answer = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const issues = cardsInAnswer(answer).flatMap(cardIssues);
  if (issues.length) throw new Error(`the bot answered with a bad card:\n${issues.join('\n')}`);
  return { status: response.status, body: answer };
}

/** Resolves once the outbox has sent everything it holds (none parked: a refusal would park). */
export async function outboxSettled(bot: TeamsBot, timeoutMs = 10_000) {
  const { outbox } = bot.db.store.models;
  await eventually(async () => {
    expect(await outbox.countDocuments({ status: { $in: ['pending', 'delivering'] } })).toBe(0);
  }, timeoutMs);
  expect(await outbox.find({ status: 'parked' }, { lastError: 1 }).lean()).toEqual([]);
}
