import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';

export interface HttpDeps {
  /** True when the database answers a ping. */
  databaseReachable: () => Promise<boolean>;
}

/**
 * The bot's one HTTP server: health now; Slack events, Teams messages and the admin pages are
 * mounted on the same app by their issues.
 */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    const database = await deps.databaseReachable();
    res.status(database ? 200 : 503).json({ status: database ? 'ok' : 'degraded', database });
  });
  return app;
}

export async function listen(app: Express, host: string, port: number): Promise<Server> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
