import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of the test database that holds every chunk, each way, for `delayMs`
 * before passing it on, in order: the database answers, only slowly (a congested network, an
 * overloaded server). Nothing is dropped.
 */
export async function startSlowProxy(upstreamUri: string) {
  const upstream = new URL(upstreamUri);
  const sockets = new Set<Socket>();
  const state = { delayMs: 0 };
  const relay = (from: Socket, to: Socket) => {
    let turn = Promise.resolve();
    from.on('data', (chunk) => {
      const due = Date.now() + state.delayMs;
      turn = turn
        .then(() => new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()))))
        .then(() => void (to.destroyed || to.write(chunk)));
    });
    from.on('close', () => void turn.then(() => to.destroy()));
    from.on('error', () => to.destroy());
  };
  const server = createServer((client) => {
    const database = connect(Number(upstream.port), upstream.hostname);
    for (const s of [client, database]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    relay(client, database);
    relay(database, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxied = new URL(upstreamUri);
  proxied.host = `127.0.0.1:${port}`;
  return {
    uri: proxied.toString(),
    /** From now on every chunk waits this long, each way. */
    slowDown(delayMs: number) {
      state.delayMs = delayMs;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
