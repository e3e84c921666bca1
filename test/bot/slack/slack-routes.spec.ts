import { App, LogLevel, type Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { slackRoutes } from '../../../src/bot/slack/slack-routes.js';

const quiet: Receiver = {
  init: () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
};
const boltApp = () =>
  new App({
    receiver: quiet,
    authorize: async () => ({ botToken: 'xoxb-test', botId: 'B1', botUserId: 'U0BOT' }),
    logLevel: LogLevel.ERROR,
    convoStore: false,
  });
const team = { id: 'T1' };
const bodies = {
  view: (id: string) => ({
    type: 'view_submission',
    team,
    user: { id: 'U1' },
    view: { id: 'V1', callback_id: id, state: { values: {} } },
  }),
  action: (id: string) => ({
    type: 'block_actions',
    team,
    user: { id: 'U1' },
    actions: [{ type: 'button', action_id: id, block_id: 'b', action_ts: '1' }],
  }),
  command: (id: string) => ({
    command: id,
    text: '',
    team_id: 'T1',
    user_id: 'U1',
    channel_id: 'C1',
    trigger_id: 't',
  }),
  options: (id: string) => ({
    type: 'block_suggestion',
    team,
    user: { id: 'U1' },
    action_id: id,
    block_id: 'b',
    value: 'x',
  }),
  shortcut: (id: string) => ({
    type: 'message_action',
    team,
    user: { id: 'U1' },
    callback_id: id,
    channel: { id: 'C1' },
    message: { ts: '1' },
  }),
};
type Kind = keyof typeof bodies;

/** Registers two ids of each kind, sends one request of `kind` for `id`, returns who answered. */
async function answered(kind: Kind, id: string) {
  const app = boltApp();
  const routes = slackRoutes(app);
  const heard: string[] = [];
  for (const k of Object.keys(bodies) as Kind[])
    for (const name of [`${k}_one`, `${k}_two`]) {
      const listener = async ({ ack }: { ack: () => Promise<void> }) => {
        heard.push(name);
        await ack();
      };
      (routes[k] as (id: string, l: typeof listener) => void)(
        k === 'command' ? `/${name}` : name,
        listener,
      );
    }
  const acks: unknown[] = [];
  await app.processEvent({
    body: bodies[kind](id),
    ack: async (r?: unknown) => void acks.push(r ?? 'ack'),
  });
  return { heard, acks, listeners: (app as unknown as { listeners: unknown[] }).listeners.length };
}

describe('slack routes: one Bolt listener per kind, each request to the listener of its id', () => {
  it.each([
    ['view', 'view_two'],
    ['action', 'action_one'],
    ['command', '/command_two'],
    ['options', 'options_one'],
    ['shortcut', 'shortcut_two'],
  ] as const)('a %s request for %s reaches that listener only', async (kind, id) => {
    const { heard, acks, listeners } = await answered(kind, id);
    expect(heard).toEqual([id.replace('/', '')]);
    expect(acks).toHaveLength(1);
    expect(listeners).toBe(5);
  });

  it('a request whose id nobody registered reaches no listener and is not acknowledged', async () => {
    for (const kind of Object.keys(bodies) as Kind[]) {
      const { heard, acks } = await answered(kind, kind === 'command' ? '/nobody' : 'nobody');
      expect(heard).toEqual([]);
      expect(acks).toEqual([]);
    }
  });

  it('refuses an id registered twice, a pattern, and two listeners for one id', () => {
    const routes = slackRoutes(boltApp());
    const ok = async () => undefined;
    routes.view('form', ok);
    expect(() => routes.view('form', ok)).toThrow(/registered twice/);
    expect(() => routes.action(/any/, ok)).toThrow(/one listener per id/);
    expect(() => routes.command('/x', ok, ok)).toThrow(/one listener per id/);
    routes.action('form', ok); // the same id on another kind is another route
  });
});
