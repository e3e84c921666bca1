import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { portOf } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';

describe('GET /healthz', () => {
  let app: RunningApp;
  let url: string;
  beforeAll(async () => {
    const uri = inject('mongoUri').replace(/\/?$/, '/t_healthz');
    const config = loadConfig({
      MONGODB_URI: uri,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    app = await startApp(config, createLogger('silent'));
    url = `http://127.0.0.1:${portOf(app.server)}/healthz`;
  });
  afterAll(async () => app.stop());

  it('answers 200 while the database is reachable', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: true });
  });

  it('answers 503 once the database connection is gone', async () => {
    await app.connection.close();
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'degraded', database: false });
  });
});
