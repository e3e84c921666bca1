import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { mountAdmin } from '../../src/http/admin.js';
import { loginThrottle } from '../../src/http/login-throttle.js';
import { close, createHttpApp, listen, portOf } from '../../src/http/server.js';
import { AGENDA_COLLECTION, createAgenda } from '../../src/jobs/agenda.js';
import { createLogger } from '../../src/log.js';
import { useTestDatabase } from '../support/database.js';

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

  it('matches the Basic scheme whatever its case', async () => {
    const token = Buffer.from('qualita:s3greto:con-due-punti').toString('base64');
    for (const scheme of ['basic', 'BASIC', 'bAsIc']) {
      const page = await fetch(`${base}/admin/jobs/`, {
        headers: { authorization: `${scheme} ${token}` },
      });
      expect(page.status, scheme).toBe(200);
    }
  });

  it('refuses changes that do not come from the admin pages, even with the saved login', async () => {
    const auth = { authorization: basic('qualita', 's3greto:con-due-punti') };
    const jobs = app.connection.db!.collection(AGENDA_COLLECTION);
    const oneOffs = (name: string) => jobs.countDocuments({ name, type: 'normal' });
    const create = (headers: Record<string, string>, body: string) =>
      fetch(`${base}/admin/jobs/api/jobs/create`, {
        method: 'POST',
        headers: { ...auth, ...headers },
        body,
      });
    const digestNow = JSON.stringify({ jobName: 'kpi.weekly-digest', jobSchedule: 'now' });
    const attempts: [string, Record<string, string>, string][] = [
      [
        'a cross-site form post',
        { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        'jobName=kpi.weekly-digest&jobSchedule=now',
      ],
      [
        'a form post without Origin',
        { 'content-type': 'application/x-www-form-urlencoded' },
        'jobName=kpi.weekly-digest&jobSchedule=now',
      ],
      ['a text/plain post', { 'content-type': 'text/plain' }, digestNow],
      ['a multipart post', { 'content-type': 'multipart/form-data; boundary=x' }, digestNow],
      [
        'JSON from another origin',
        { 'content-type': 'application/json', origin: 'https://evil.example' },
        digestNow,
      ],
      [
        'JSON a browser marks cross-site',
        { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
        digestNow,
      ],
      [
        'JSON a browser marks same-site (a sibling subdomain)',
        { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' },
        digestNow,
      ],
    ];
    for (const [what, headers, body] of attempts) {
      const answer = await create(headers, body);
      expect(answer.status, what).toBe(403);
    }
    expect(await oneOffs('kpi.weekly-digest')).toBe(0);

    const fromDashboard = await create(
      { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' },
      JSON.stringify({ jobName: 'admin.probe', jobSchedule: 'in 1 year' }),
    );
    expect(fromDashboard.status).toBe(200);
    expect(await oneOffs('admin.probe')).toBe(1);
  });
});

describe('/admin: failed logins are throttled per address', () => {
  const db = useTestDatabase('admin_throttle');
  let server: Server;
  let base: string;
  let now = Date.parse('2026-12-01T09:00:00Z');
  const windowMs = 15 * 60_000;
  beforeAll(async () => {
    const http = createHttpApp({ databaseReachable: async () => true });
    const agenda = createAgenda(db.connection.db!, { name: 'admin-throttle' });
    mountAdmin(
      http,
      agenda,
      { user: 'qualita', password: 'giusta' },
      loginThrottle({ maxFailures: 3, windowMs, now: () => now }),
    );
    server = await listen(http, '127.0.0.1', 0);
    base = `http://127.0.0.1:${portOf(server)}`;
  });
  afterAll(async () => close(server));

  const login = (password: string) =>
    fetch(`${base}/admin/jobs/`, { headers: { authorization: basic('qualita', password) } });

  it('answers 429 with Retry-After after the failures allowed, even to the right password, until the window passes', async () => {
    expect((await login('giusta')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(`sbagliata-${i}`)).status).toBe(401);
    const locked = await login('giusta');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(windowMs / 1000);
    expect((await login('sbagliata-3')).status).toBe(429);

    now += windowMs - 1_000;
    expect((await login('giusta')).status).toBe(429);
    now += 1_000;
    expect((await login('giusta')).status).toBe(200);
    // A correct login clears the count: the next mistakes start again from zero.
    for (let i = 0; i < 2; i++) expect((await login('sbagliata')).status).toBe(401);
    expect((await login('giusta')).status).toBe(200);
  });
});
