import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { portOf } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('/admin/jobs (Agendash behind basic auth)', () => {
  let app: RunningApp;
  let base: string;
  beforeAll(async () => {
    const config = loadConfig({
      MONGODB_URI: inject('mongoUri').replace(/\/?$/, '/t_admin'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ADMIN_USER: 'qualita',
      ADMIN_PASSWORD: 's3greto:con-due-punti',
    });
    app = await startApp(config, createLogger('silent'));
    base = `http://127.0.0.1:${portOf(app.server)}`;
  });
  afterAll(async () => {
    await app.connection.dropDatabase();
    await app.stop();
  });

  it('asks for credentials and refuses wrong ones', async () => {
    const none = await fetch(`${base}/admin/jobs/`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(
      (
        await fetch(`${base}/admin/jobs/`, {
          headers: { authorization: basic('qualita', 'sbagliata') },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await fetch(`${base}/admin/jobs/`, {
          headers: { authorization: basic('admin', 's3greto:con-due-punti') },
        })
      ).status,
    ).toBe(401);
    expect(
      (await fetch(`${base}/admin/jobs/`, { headers: { authorization: 'Bearer xyz' } })).status,
    ).toBe(401);
  });

  it('shows the jobs dashboard and its API to the admin, with the bot’s scheduled jobs', async () => {
    const auth = { authorization: basic('qualita', 's3greto:con-due-punti') };
    const page = await fetch(`${base}/admin/jobs/`, { headers: auth });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await fetch(`${base}/admin/jobs/api?limit=50&skip=0`, { headers: auth });
    expect(api.status).toBe(200);
    const body = JSON.stringify(await api.json());
    expect(body).toContain('kpi.weekly-digest');
    expect(body).toContain('d2.unsigned-sweep');
  });
});
