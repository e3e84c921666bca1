import { ExpressReceiver, LogLevel, type ExpressReceiverOptions, type Logger } from '@slack/bolt';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { ChatLog } from '../shared/chat-deps.js';

/** Slack's replay window (api.slack.com/authentication/verifying-requests-from-slack). */
const REPLAY_WINDOW_S = 5 * 60;

const id = z.string().min(1).max(64);
const someone = z.object({ id, team_id: id.optional() });
const team = z.object({ id, enterprise_id: id.optional() }).nullish();
const enterprise = z.object({ id }).nullish();
const interactive = { user: someone, team, enterprise };

/**
 * The fields Bolt reads before any listener runs (helpers.ts getTypeAndConversation, App.ts
 * buildSource): with one missing or of another type, Bolt throws and answers 500.
 */
const InteractiveSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('block_actions'),
    ...interactive,
    actions: z.array(z.object({ action_id: id })).min(1),
  }),
  z.object({
    type: z.literal('block_suggestion'),
    ...interactive,
    action_id: id,
    value: z.string(),
  }),
  z.object({
    type: z.enum(['view_submission', 'view_closed']),
    ...interactive,
    view: z.object({ id, callback_id: z.string(), app_installed_team_id: id.nullish() }),
  }),
  z.object({
    type: z.enum(['shortcut', 'message_action']),
    ...interactive,
    callback_id: z.string(),
  }),
]);
const EventSchema = z.object({
  type: z.literal('event_callback'),
  team_id: id.optional(),
  event: z.object({ type: z.string() }),
  authorizations: z.array(z.object({ team_id: id.nullish() })).optional(),
});
/** Slash commands come form-encoded: a repeated field would arrive as an array. */
const CommandSchema = z
  .record(z.string(), z.string())
  .and(z.object({ command: z.string(), user_id: id }));

/** Whether a verified, parsed body is one Bolt can route; which kind decides Bolt's reading. */
export function wellFormed(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const fields = body as Record<string, unknown>;
  if ('event' in fields) return EventSchema.safeParse(body).success;
  if ('command' in fields) return CommandSchema.safeParse(body).success;
  // Bolt takes a body with `name` for a legacy options request and one with `actions` for an action.
  if ('name' in fields || ('actions' in fields && fields.type !== 'block_actions')) return false;
  return InteractiveSchema.safeParse(body).success;
}

/**
 * Bolt's ExpressReceiver with two refusals after its signature check and before Bolt reads the
 * body: a timestamp from the future (Bolt's verifyRequestSignature in receivers/ExpressReceiver.ts
 * refuses only old ones, so a signed request could be replayed once its clock came) gets Bolt's
 * 401, and a signed body Bolt cannot route (`null`, `[]`, no type or user) gets 400, not a 500.
 * `requestHandler` is the receiver's public last step on /slack/events.
 */
export function gatedReceiver(options: ExpressReceiverOptions, log: ChatLog): ExpressReceiver {
  return new (class extends ExpressReceiver {
    override async requestHandler(req: Request, res: Response) {
      const sent = Number(req.headers['x-slack-request-timestamp']);
      if (sent > Math.floor(Date.now() / 1000) + REPLAY_WINDOW_S) {
        log.warn({ timestamp: sent }, 'slack request from the future refused');
        res.status(401).send();
        return;
      }
      if (!wellFormed(req.body)) {
        log.warn({}, 'malformed slack payload refused');
        res.status(400).send();
        return;
      }
      await super.requestHandler(req, res);
    }
  })({ ...options, logger: intoLog(log) });
}

/** The receiver's own lines (bad signatures, oversize bodies) go to the bot's log, not stdout. */
function intoLog(log: ChatLog): Logger {
  const line = (parts: unknown[]) => parts.map(String).join(' ');
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => log.info({}, line(parts)),
    warn: (...parts: unknown[]) => log.warn({}, line(parts)),
    error: (...parts: unknown[]) => log.error({}, line(parts)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
