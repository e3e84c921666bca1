import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockKitProblems, type Surface } from '../../src/bot/slack/blocks/block-kit-surfaces.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}
/** A fault: the next `times` calls, or every call until `until` (ms since epoch), fail. */
type Fault = {
  status: number;
  retryAfter?: number;
  times: number;
  until?: number;
  channel?: string;
  /** Only calls whose arguments pass (a thread reply: `(a) => !!a.thread_ts`). */
  where?: (args: Record<string, unknown>) => boolean;
};

/**
 * How Slack says no to a refused call. A rate-limited call is answered HTTP 429 with a
 * `Retry-After` header in seconds (docs.slack.dev/apis/web-api/rate-limits, "Responding to rate
 * limiting conditions") and the method's error `ratelimited` (chat.postMessage → Errors).
 */
const faultBody = (status: number) =>
  JSON.stringify({ ok: false, error: status === 429 ? 'ratelimited' : 'stub_fault' });
const faulting = (fault: Fault | undefined, args: Record<string, unknown>) =>
  !!fault &&
  (fault.until !== undefined ? Date.now() < fault.until : fault.times > 0) &&
  (!fault.channel || fault.channel === args.channel) &&
  (!fault.where || fault.where(args));

/**
 * A local stand-in for slack.com/api: answers like Slack, records every call, refuses a Block Kit
 * payload that breaks one of Slack's documented limits the way Slack does (`ok: false`,
 * `invalid_blocks` / `invalid_arguments` with `response_metadata.messages`), and fails on demand
 * (500, 429 with Retry-After; N times or for a stretch of time).
 */
export async function startSlackStub(locales: Record<string, string> = {}) {
  const calls: SlackCall[] = [];
  /** Told of every call Slack accepted, as it arrives (a bench times its cards by it). */
  const listeners: ((call: SlackCall) => void)[] = [];
  const faults = new Map<string, Fault>();
  /** When each 429 was answered (ms since epoch). */
  const limitedAt: number[] = [];
  /** Every payload refused for breaking a Block Kit rule: "method: [ERROR] … [json-pointer:…]". */
  const refusals: string[] = [];
  /** Files uploaded through files.uploadV2's upload URL. */
  const uploads: { id: string; bytes: Buffer }[] = [];
  /** Channels the bot is not a member of, and ones it cannot see at all (conversations.info). */
  const channels = { notMember: new Set<string>(), unseen: new Set<string>() };
  let ts = 1_700_000_000_000_100;
  const nextTs = () => {
    ts += 100;
    return `${String(ts).slice(0, 10)}.${String(ts).slice(10)}`;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if ((req.url ?? '').startsWith('/upload/')) {
        const body = Buffer.concat(chunks);
        uploads.push({ id: (req.url ?? '').slice('/upload/'.length), bytes: body });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK - 1');
        return;
      }
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const args = parseBody(
        Buffer.concat(chunks).toString('utf8'),
        req.headers['content-type'] ?? '',
      );
      const fault = faults.get(method);
      if (fault && faulting(fault, args)) {
        fault.times--;
        calls.push({ method: `${method}#failed`, args });
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        if (fault.status === 429) limitedAt.push(Date.now());
        res.writeHead(fault.status, headers).end(faultBody(fault.status));
        return;
      }
      const refusal = refusalOf(method, args);
      if (refusal) {
        refusals.push(...refusal.messages.map((m) => `${method}: ${m}`));
        calls.push({ method: `${method}#refused`, args });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(refusal.body));
        return;
      }
      calls.push({ method, args });
      for (const listener of listeners) listener({ method, args });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify(
            answer(method, args, nextTs, locales, `http://127.0.0.1:${port}`, channels),
          ),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    refusals,
    uploads,
    of: (method: string) => calls.filter((c) => c.method === method),
    onCall: (listener: (call: SlackCall) => void) => void listeners.push(listener),
    limitedAt,
    channels,
    /** The next `times` calls of `method` (to `channel`, when given) fail with `status`. */
    fail(
      method: string,
      status: number,
      times: number,
      options: Pick<Fault, 'retryAfter' | 'channel' | 'where'> = {},
    ) {
      faults.set(method, { status, times, ...options });
    },
    /** Every call of `methods` answers 429 with `Retry-After` for the next `forMs`, as Slack. */
    rateLimit(methods: string[], options: { retryAfter: number; forMs: number }) {
      const until = Date.now() + options.forMs;
      for (const method of methods)
        faults.set(method, { status: 429, retryAfter: options.retryAfter, times: 0, until });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SlackStub = Awaited<ReturnType<typeof startSlackStub>>;

function parseBody(body: string, type: string): Record<string, unknown> {
  if (!body) return {};
  if (type.includes('json')) return JSON.parse(body) as Record<string, unknown>;
  // Form arguments carry objects as JSON-encoded strings (the bot sends its views that way):
  // parsed, as Slack reads them; one that does not parse stays a string, which no rule accepts.
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    out[key] = /^[[{]/.test(value) ? jsonOr(value) : value;
  }
  return out;
}

function jsonOr(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Where each Web API method carries Block Kit, and the error Slack names when it is invalid. */
const BLOCK_KIT_METHODS: Record<
  string,
  { surface: Surface; of: (a: Record<string, unknown>) => unknown; error: string; pointer: string }
> = {
  'chat.postMessage': { surface: 'message', of: messageOf, error: 'invalid_blocks', pointer: '' },
  'chat.postEphemeral': { surface: 'message', of: messageOf, error: 'invalid_blocks', pointer: '' },
  'chat.update': { surface: 'message', of: messageOf, error: 'invalid_blocks', pointer: '' },
  'views.open': {
    surface: 'modal',
    of: (a) => a.view,
    error: 'invalid_arguments',
    pointer: '/view',
  },
  'views.push': {
    surface: 'modal',
    of: (a) => a.view,
    error: 'invalid_arguments',
    pointer: '/view',
  },
  'views.update': {
    surface: 'modal',
    of: (a) => a.view,
    error: 'invalid_arguments',
    pointer: '/view',
  },
  'views.publish': {
    surface: 'home',
    of: (a) => a.view,
    error: 'invalid_arguments',
    pointer: '/view',
  },
};

function messageOf(args: Record<string, unknown>) {
  return { text: args.text, blocks: args.blocks };
}

/**
 * Slack's answer to a payload that breaks a Block Kit rule (docs.slack.dev/reference/methods/
 * chat.postMessage → Errors: invalid_blocks, no_text, msg_too_long; views.open → invalid_arguments),
 * or undefined when it is valid.
 */
function refusalOf(method: string, args: Record<string, unknown>) {
  const rule = BLOCK_KIT_METHODS[method];
  if (!rule) return undefined;
  const messages = blockKitProblems(rule.surface, rule.of(args), rule.pointer);
  if (!messages.length) return undefined;
  const error =
    rule.surface !== 'message'
      ? rule.error
      : messages.some((m) => m.includes('no_text'))
        ? 'no_text'
        : messages.some((m) => m.endsWith('[json-pointer:/text]'))
          ? 'msg_too_long'
          : rule.error;
  return {
    messages,
    body: {
      ok: false,
      error,
      ...(error === 'invalid_blocks'
        ? { errors: messages.map((m) => m.replace('[ERROR] ', '')) }
        : {}),
      response_metadata: { messages },
    },
  };
}

function answer(
  method: string,
  args: Record<string, unknown>,
  nextTs: () => string,
  locales: Record<string, string>,
  base: string,
  channels: { notMember: Set<string>; unseen: Set<string> },
) {
  switch (method) {
    // docs.slack.dev/reference/methods/conversations.info: the channel with `is_member` for the
    // calling bot; `channel_not_found` for one it cannot see (a private channel it is not in).
    case 'conversations.info': {
      const id = String(args.channel ?? '');
      if (!id || channels.unseen.has(id)) return { ok: false, error: 'channel_not_found' };
      return {
        ok: true,
        channel: {
          id,
          name: id.toLowerCase(),
          is_channel: true,
          is_archived: false,
          is_member: !channels.notMember.has(id),
        },
      };
    }
    case 'files.getUploadURLExternal': {
      const id = `F${nextTs().replace('.', '')}`;
      return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id };
    }
    case 'files.completeUploadExternal':
      return { ok: true, files: (args.files as { id: string }[] | undefined) ?? [] };
    case 'chat.postMessage':
      return { ok: true, channel: args.channel, ts: nextTs(), message: { text: args.text } };
    case 'chat.update':
      return { ok: true, channel: args.channel, ts: args.ts };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: nextTs() };
    case 'views.open':
    case 'views.publish':
      return { ok: true, view: { id: `V${nextTs().replace('.', '')}` } };
    case 'users.info':
      return { ok: true, user: { id: args.user, locale: locales[String(args.user)] ?? 'it-IT' } };
    case 'chat.getPermalink':
      return {
        ok: true,
        permalink: `https://example.slack.com/archives/${args.channel}/p${String(args.message_ts).replace('.', '')}`,
      };
    case 'auth.test':
      return { ok: true, user_id: 'UBOT', team_id: 'T0TEAM', bot_id: 'BBOT' };
    default:
      return { ok: true };
  }
}
