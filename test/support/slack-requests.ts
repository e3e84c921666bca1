import { createHmac } from 'node:crypto';
import { OPTIONS, VIEWS } from '../../src/bot/ids.js';
import { blockKitProblems, type Surface } from '../../src/bot/slack/blocks/block-kit-surfaces.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** Slack's v0 signature over "v0:<timestamp>:<body>". */
export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackPost {
  body: string;
  contentType?: string;
  timestamp?: number;
  secret?: string;
  retryNum?: number;
  signature?: string;
}

/** Posts a signed request to the bot's /slack/events, as Slack would. */
export async function postToBot(baseUrl: string, post: SlackPost) {
  const timestamp = post.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': post.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': post.signature ?? signature(post.body, timestamp, post.secret),
  };
  if (post.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(post.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const response = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers,
    body: post.body,
  });
  const text = await response.text();
  refuseLikeSlack(post.body, response.status, text);
  return {
    status: response.status,
    text,
    json: () => (text ? (JSON.parse(text) as Record<string, unknown>) : {}),
  };
}

/** The body Slack expects back for each kind of request it sends (docs.slack.dev/interactivity). */
function answerSurface(body: string): Surface | undefined {
  const form = new URLSearchParams(body);
  if (form.has('command')) return 'message';
  const type = (() => {
    try {
      return (JSON.parse(form.get('payload') ?? '{}') as { type?: string }).type;
    } catch {
      return undefined;
    }
  })();
  return type === 'view_submission'
    ? 'viewResponse'
    : type === 'block_suggestion'
      ? 'options'
      : undefined;
}

/**
 * Slack refuses an acknowledgement it cannot show (a command's reply, a form's response_action,
 * an options list): so does this harness, failing the test that received it.
 */
function refuseLikeSlack(requestBody: string, status: number, text: string) {
  const surface = answerSurface(requestBody);
  if (!surface || status !== 200 || !text.trim().startsWith('{')) return;
  const problems = blockKitProblems(surface, JSON.parse(text));
  if (problems.length)
    throw new Error(`Slack would refuse the bot's answer (${surface}):\n${problems.join('\n')}`);
}

const TEAM = { id: 'T0TEAM', domain: 'acme' };

export function slashCommand(
  command: string,
  userId: string,
  text = '',
  channelId = 'C0OPS',
): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: channelId,
    channel_name: 'ops',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command,
    text,
    api_app_id: 'A0APP',
    response_url: 'http://127.0.0.1:9/hooks',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

const form = (payload: object) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

export function viewSubmission(
  userId: string,
  view: {
    id: string;
    callbackId: string;
    values: Record<string, Record<string, object>>;
    privateMetadata?: string;
  },
): string {
  return form({
    type: 'view_submission',
    team: TEAM,
    user: {
      id: userId,
      username: userId.toLowerCase(),
      name: userId.toLowerCase(),
      team_id: TEAM.id,
    },
    api_app_id: 'A0APP',
    trigger_id: 'trigger-view',
    view: {
      id: view.id,
      team_id: TEAM.id,
      type: 'modal',
      callback_id: view.callbackId,
      private_metadata: view.privateMetadata ?? '',
      state: { values: view.values },
      hash: 'h',
      blocks: [],
      title: { type: 'plain_text', text: 'x' },
      app_id: 'A0APP',
      bot_id: 'BBOT',
    },
  });
}

export function buttonPress(
  userId: string,
  actionId: string,
  value: string,
  channelId: string,
  messageTs: string,
): string {
  return form({
    type: 'block_actions',
    team: TEAM,
    user: {
      id: userId,
      username: userId.toLowerCase(),
      name: userId.toLowerCase(),
      team_id: TEAM.id,
    },
    api_app_id: 'A0APP',
    trigger_id: `trigger-${actionId}`,
    channel: { id: channelId, name: 'channel' },
    container: { type: 'message', message_ts: messageTs, channel_id: channelId },
    message: { ts: messageTs, type: 'message', text: 'card' },
    response_url: 'http://127.0.0.1:9/hooks',
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'case_actions',
        value,
        action_ts: '1700000000.1',
      },
    ],
  });
}

/** What Slack sends while someone types `value` in the complaint form's client field. */
export function clientSuggestion(userId: string, value: string, viewId = 'V1'): string {
  return form({
    type: 'block_suggestion',
    action_id: OPTIONS.client,
    block_id: 'client',
    value,
    team: TEAM,
    user: { id: userId },
    view: { id: viewId, callback_id: VIEWS.complaint },
  });
}

/** View state values as Slack sends them, from simple field → value pairs. */
export const input = {
  text: (value: string) => ({ value: { type: 'plain_text_input', value } }),
  select: (value: string) => ({
    value: {
      type: 'static_select',
      selected_option: { value, text: { type: 'plain_text', text: value } },
    },
  }),
  external: (actionId: string, value: string) => ({
    [actionId]: {
      type: 'external_select',
      selected_option: { value, text: { type: 'plain_text', text: value } },
    },
  }),
  radio: (value: string) => ({
    value: {
      type: 'radio_buttons',
      selected_option: { value, text: { type: 'plain_text', text: value } },
    },
  }),
  number: (value: string) => ({ value: { type: 'number_input', value } }),
  date: (value: string) => ({ value: { type: 'datepicker', selected_date: value } }),
  user: (value: string) => ({ value: { type: 'users_select', selected_user: value } }),
  checks: (...values: string[]) => ({
    value: {
      type: 'checkboxes',
      selected_options: values.map((v) => ({ value: v, text: { type: 'plain_text', text: v } })),
    },
  }),
};

const CHOICE_KEYS = ['selected_option', 'selected_date', 'selected_user'] as const;

/** The block's element with `value` put where Slack puts the user's answer. */
export function withAnswer(field: object, value: unknown): Record<string, object> {
  const [[actionId, element]] = Object.entries(field) as [[string, Record<string, unknown>]];
  const key = CHOICE_KEYS.find((k) => k in element);
  const answer =
    key === 'selected_option' ? { value, text: { type: 'plain_text', text: 'x' } } : value;
  return { [actionId]: { ...element, [key ?? 'value']: answer } };
}

/** A form-encoded interactive body with its payload changed by `change`. */
export function reshaped(body: string, change: (payload: Record<string, unknown>) => void): string {
  const payload = JSON.parse(new URLSearchParams(body).get('payload')!) as Record<string, unknown>;
  change(payload);
  return form(payload);
}

/** An org-wide install's payload: no team anywhere, the org's enterprise id (when given). */
export const teamless = (enterpriseId?: string) => (payload: Record<string, unknown>) => {
  delete payload.team;
  delete (payload.user as Record<string, unknown>).team_id;
  delete (payload.view as Record<string, unknown> | undefined)?.team_id;
  if (enterpriseId) payload.enterprise = { id: enterpriseId, name: 'Org' };
};

/** A complete, valid complaint form for `clientId` (picked through the client search). */
export const complaintValues = (clientId: string, clientActionId: string) => ({
  client: input.external(clientActionId, clientId),
  product: input.text('Pressa PX-200'),
  description: input.text('Perdita d’olio dal cilindro'),
  problemCode: input.text('HYD-02'),
  category: input.text('idraulica'),
  department: input.text('assistenza'),
  priority: input.radio('P3'),
  estimatedCostEur: input.number('100'),
  flags: input.checks(),
  warranty: input.select('in_warranty'),
  channel: input.select('phone'),
});

/** The Events API callback Slack sends when someone opens the bot's App Home tab. */
export function appHomeOpened(userId: string): SlackPost {
  return {
    contentType: 'application/json',
    body: JSON.stringify({
      type: 'event_callback',
      team_id: TEAM.id,
      api_app_id: 'A0APP',
      event_id: `Ev-${userId}-${Math.random().toString(36).slice(2)}`,
      event_time: 1,
      event: { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' },
    }),
  };
}

/** The "Register as complaint" message shortcut pressed on a message. */
export function messageShortcut(
  callbackId: string,
  userId: string,
  message: { text: string; channel?: string; triggerId?: string },
): string {
  return form({
    type: 'message_action',
    callback_id: callbackId,
    trigger_id: message.triggerId ?? 'trigger-shortcut',
    team: { id: TEAM.id },
    user: { id: userId, name: userId.toLowerCase() },
    channel: { id: message.channel ?? 'C0SALES', name: 'sales' },
    message_ts: '1700000000.000200',
    message: { type: 'message', text: message.text, ts: '1700000000.000200' },
    response_url: 'http://127.0.0.1:9/hooks',
  });
}
