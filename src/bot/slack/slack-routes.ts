import type { AnyMiddlewareArgs, App } from '@slack/bolt';

/**
 * What the listener files register on: Bolt's own `view`, `action`, `command`, `options` and
 * `shortcut` (one listener per id), `event` and `client` as they are.
 *
 * Bolt runs every request through every listener's middleware chain (bolt-js App.processEvent:
 * each listener's chain copies the request's arguments once per step), so with one listener per
 * id each request paid for all 57 of them. Here each kind is one Bolt listener that looks its id
 * up in a table.
 */
export type SlackRoutes = Pick<
  App,
  'view' | 'action' | 'command' | 'options' | 'shortcut' | 'event' | 'client'
>;

type Kind = 'view' | 'action' | 'command' | 'options' | 'shortcut';
type Listener = (args: AnyMiddlewareArgs & Record<string, unknown>) => Promise<void>;

/** The id Bolt's own constraint would match for each kind (bolt-js middleware/builtin.ts). */
const idOf: Record<Kind, (args: Record<string, unknown>) => string | undefined> = {
  view: (args) => (args.view as { callback_id?: string } | undefined)?.callback_id,
  action: (args) => (args.action as { action_id?: string } | undefined)?.action_id,
  command: (args) => (args.command as { command?: string } | undefined)?.command,
  options: (args) => (args.options as { action_id?: string } | undefined)?.action_id,
  shortcut: (args) => (args.shortcut as { callback_id?: string } | undefined)?.callback_id,
};

const ANY = /^/;

/** Routes on `app`: registering the same id twice, or by pattern, is a programming error. */
export function slackRoutes(app: App): SlackRoutes {
  const tables = new Map<Kind, Map<string, Listener>>();
  const register =
    (kind: Kind) =>
    (id: unknown, ...listeners: unknown[]) => {
      if (typeof id !== 'string' || listeners.length !== 1)
        throw new Error(`slack route ${kind}: one listener per id, the id a string`);
      let table = tables.get(kind);
      if (!table) {
        table = new Map();
        tables.set(kind, table);
        mount(app, kind, table);
      }
      if (table.has(id)) throw new Error(`slack route ${kind} ${id} registered twice`);
      table.set(id, listeners[0] as Listener);
    };
  return {
    view: register('view'),
    action: register('action'),
    command: register('command'),
    options: register('options'),
    shortcut: register('shortcut'),
    event: app.event.bind(app),
    client: app.client,
  } as SlackRoutes;
}

function mount(app: App, kind: Kind, table: Map<string, Listener>) {
  const dispatch = async (args: AnyMiddlewareArgs) => {
    const id = idOf[kind](args as never);
    const listener = id === undefined ? undefined : table.get(id);
    if (listener) await listener(args as never);
  };
  if (kind === 'view') app.view(ANY, dispatch as never);
  else if (kind === 'action') app.action(ANY, dispatch as never);
  else if (kind === 'command') app.command(ANY, dispatch as never);
  else if (kind === 'options') app.options(ANY, dispatch as never);
  else app.shortcut(ANY, dispatch as never);
}
