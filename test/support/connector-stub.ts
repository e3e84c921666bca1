import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardIssues as issuesOf, schemaIssues } from './adaptive-cards/card-schema.js';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
}

const cardsOf = (body: Record<string, unknown>) =>
  ((body.attachments as { contentType: string; content: unknown }[] | undefined) ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);

/**
 * The Bot Connector's answer to an activity whose card breaks the Adaptive Card 1.5 schema:
 * 400 with an ErrorResponse `{ error: { code, message } }` (Bot Connector REST API reference,
 * "HTTP status codes" → Errors and "ErrorResponse object"), code BadArgument (the Teams table
 * spells it `Bad Argument`) for an invalid payload (Teams, "Status codes from bot conversational
 * APIs", learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/
 * conversation-messages). Teams refuses such cards, e.g. an Input.Number whose `min` is NaN
 * (microsoft/AdaptiveCards#1986).
 */
export const badArgument = (problems: string[]) => ({
  error: {
    code: 'BadArgument',
    message: `Adaptive Card 1.5 schema: ${problems.join('; ')}`,
  },
});

/**
 * Teams refuses a bot message over 100 KB, counted as UTF-16 over the text, cards and mentions
 * but not base64 images, with 413 MessageSizeTooBig ("Format your bot messages", note on the
 * message size limit; "Status codes from bot conversational APIs", learn.microsoft.com/
 * microsoftteams/platform/bots/how-to/conversations/conversation-messages).
 */
export const MESSAGE_LIMIT_BYTES = 100 * 1024;
export const messageBytes = (body: unknown) =>
  JSON.stringify(body).replace(/data:image\/[a-z+]+;base64,[A-Za-z0-9+/=]*/g, '').length * 2;
const tooBig = { error: { code: 'MessageSizeTooBig', message: 'Message size too large.' } };

/**
 * A local Bot Connector: records every activity the bot sends or updates, answers like the
 * service, refuses a card that breaks the Adaptive Card 1.5 schema (400 BadArgument) and a
 * message over Teams' size limit (413 MessageSizeTooBig), notes in `cardIssues` every problem
 * (refused ones, and what the SDK or Teams' fallback rule finds), and fails on demand.
 */
export async function startConnectorStub() {
  const calls: ConnectorCall[] = [];
  const cardIssues: string[] = [];
  let failures = { times: 0, method: 'POST', conversationId: '' };
  let next = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      const body = chunks.length
        ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
        : {};
      if (!match) return void res.writeHead(404).end();
      const failing =
        failures.times > 0 &&
        req.method === failures.method &&
        (!failures.conversationId || match[1] === failures.conversationId);
      if (failing) {
        failures.times--;
        calls.push({ method: `${req.method}#failed`, path, conversationId: match[1]!, body });
        return void res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"error":{"code":"ServiceError"}}');
      }
      if (messageBytes(body) > MESSAGE_LIMIT_BYTES) {
        calls.push({ method: `${req.method}#too-big`, path, conversationId: match[1]!, body });
        cardIssues.push(`${req.method} ${path}: message of ${messageBytes(body)} bytes (UTF-16)`);
        return void res
          .writeHead(413, { 'content-type': 'application/json' })
          .end(JSON.stringify(tooBig));
      }
      const cards = cardsOf(body);
      const refusal = cards.flatMap(schemaIssues);
      cardIssues.push(...cards.flatMap(issuesOf).map((issue) => `${req.method} ${path}: ${issue}`));
      if (refusal.length) {
        calls.push({ method: `${req.method}#refused`, path, conversationId: match[1]!, body });
        return void res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify(badArgument(refusal)));
      }
      calls.push({
        method: req.method ?? '',
        path,
        conversationId: match[1]!,
        ...(match[2] ? { activityId: match[2] } : {}),
        body,
      });
      const id = req.method === 'PUT' ? match[2]! : `act-${next++}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    cardIssues,
    cardsOf,
    /** The card problems noted so far, emptied (the harness checks them after each test). */
    takeCardIssues: () => cardIssues.splice(0),
    posted: (conversationId: string) =>
      calls.filter((c) => c.method === 'POST' && c.conversationId.startsWith(conversationId)),
    updated: () => calls.filter((c) => c.method === 'PUT'),
    /** The next `times` requests of `method` (to exactly `conversationId`, when given) get a 500. */
    failNext(times: number, method = 'POST', conversationId = '') {
      failures = { times, method, conversationId };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type ConnectorStub = Awaited<ReturnType<typeof startConnectorStub>>;
