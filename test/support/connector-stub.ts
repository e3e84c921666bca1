import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as AC from 'adaptivecards';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
}

/** Problems the official Adaptive Cards SDK reports when it parses a card as version 1.5. */
export function adaptiveCardIssues(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as AC.PropertyBag, context);
  const issues: string[] = [];
  for (let i = 0; i < context.eventCount; i++) issues.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) issues.push(event.message);
  if ((card as { version?: string }).version !== '1.5') issues.push('card version is not 1.5');
  return issues;
}

const cardsOf = (body: Record<string, unknown>) =>
  ((body.attachments as { contentType: string; content: unknown }[] | undefined) ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);

/**
 * A local Bot Connector: records every activity the bot sends or updates, answers like the
 * service, checks every Adaptive Card, and fails on demand.
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
      for (const card of cardsOf(body)) cardIssues.push(...adaptiveCardIssues(card));
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
