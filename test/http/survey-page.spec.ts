import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
import {
  recordSatisfaction,
  sendSurvey,
} from '../../src/domain/satisfaction/record-satisfaction.js';
import { close, createHttpApp, listen, portOf } from '../../src/http/server.js';
import { mountSurvey } from '../../src/http/survey-page.js';
import { buildServices, satisfactionServices } from '../../src/services.js';
import { FixedClock } from '../fakes/in-memory-services.js';
import { rome, romeRules } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint, operator } from '../support/fixtures.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Chromium (.ci/run); a developer machine without it skips the browser part only.
const browserAvailable = existsSync(CHROMIUM) || process.env.CI === 'true';

describe('satisfaction: recorded by the operator, or answered by the customer on the survey page', () => {
  const db = useTestDatabase('survey');
  const clock = new FixedClock(rome('2026-11-23 10:00'));
  const queued: unknown[] = [];
  let services: ReturnType<typeof satisfactionServices>;
  let server: Server;
  let base: string;
  let clientId: string;
  beforeAll(async () => {
    const core = buildServices(db.store, {
      clock,
      notifier: { queue: async (n) => void queued.push(n) },
      scheduler: { reschedule: async () => undefined },
      rules: romeRules(),
    });
    services = satisfactionServices(db.store, core);
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await db.store.roles.assign(operator, ['operator']);
    const app = createHttpApp({ databaseReachable: async () => true });
    mountSurvey(app, services, 'it');
    server = await listen(app, '127.0.0.1', 0);
    base = `http://127.0.0.1:${portOf(server)}`;
  });
  afterAll(async () => close(server));

  const resolvedCase = (problemCode: string) =>
    db.store.complaints.register(
      aComplaint(clientId, { status: 'resolved', problemCode, satisfaction: undefined }),
      2026,
    );

  it('records the rating the operator heard on the phone; a low one reopens the case and tells its owner', async () => {
    const happy = await resolvedCase('S-1');
    expect(
      await recordSatisfaction(services, operator, {
        complaintId: happy.id,
        rating: 5,
        comment: 'Ottimo',
      }),
    ).toMatchObject({
      ok: true,
      value: {
        status: 'resolved',
        satisfaction: { rating: 5, comment: 'Ottimo', at: rome('2026-11-23 10:00') },
      },
    });
    const unhappy = await resolvedCase('S-2');
    expect(
      await recordSatisfaction(services, operator, { complaintId: unhappy.id, rating: 2 }),
    ).toMatchObject({
      ok: true,
      value: { status: 'reopened', satisfaction: { rating: 2 } },
    });
    expect(queued.at(-1)).toMatchObject({ type: 'direct.message', to: { id: 'U0TECH' } });
    expect(
      await recordSatisfaction(services, operator, { complaintId: unhappy.id, rating: 9 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    });
  });

  it('serves an accessible one-time page; a second answer and an expired link are refused', async () => {
    const c = await resolvedCase('S-3');
    const link = await sendSurvey(services, operator, c.id);
    if (!link.ok) throw new Error(link.error.code);
    const page = await fetch(`${base}/survey/${link.value.token}`, {
      headers: { 'accept-language': 'en-GB,en' },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<legend>Satisfaction \(1 = not at all, 5 = very\)<\/legend>/);
    expect(html).toContain('<label for="comment">');
    const answer = (rating: string) =>
      fetch(`${base}/survey/${link.value.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `rating=${rating}&comment=ok`,
      });
    expect((await answer('7')).status).toBe(400);
    expect((await answer('4')).status).toBe(200);
    expect((await answer('4')).status).toBe(410);
    expect((await db.store.complaints.get(c.id))?.satisfaction?.rating).toBe(4);

    const late = await resolvedCase('S-4');
    const expiring = await sendSurvey(services, operator, late.id);
    if (!expiring.ok) throw new Error(expiring.error.code);
    clock.set(new Date(expiring.value.expiresAt.getTime() + 1));
    expect((await fetch(`${base}/survey/${expiring.value.token}`)).status).toBe(410);
    expect((await fetch(`${base}/survey/not-a-token`)).status).toBe(404);
    clock.set(rome('2026-11-23 10:00'));
  });

  describe.skipIf(!browserAvailable)(
    'in a real browser (Playwright, the machine’s Chromium)',
    () => {
      let browser: Browser;
      beforeAll(async () => {
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        });
      });
      afterAll(async () => browser?.close());

      it('lets the customer pick a rating by keyboard-accessible label and lands it on the case', async () => {
        const c = await resolvedCase('S-5');
        const link = await sendSurvey(services, operator, c.id);
        if (!link.ok) throw new Error(link.error.code);
        const page = await browser.newPage({ locale: 'it-IT' });
        await page.goto(`${base}/survey/${link.value.token}`);
        expect(await page.locator('h1').textContent()).toBe('Com’è andata?');
        await page.getByLabel('2', { exact: true }).check();
        await page.getByLabel('Commento (facoltativo)').fill('Ci avete messo troppo');
        await page.getByRole('button', { name: 'Invia' }).click();
        await page.waitForSelector('[role=status]');
        expect(await page.locator('[role=status]').textContent()).toBe(
          'Grazie! La sua risposta è stata registrata.',
        );
        expect(await db.store.complaints.get(c.id)).toMatchObject({
          status: 'reopened',
          satisfaction: { rating: 2, comment: 'Ci avete messo troppo' },
        });
        await page.goto(`${base}/survey/${link.value.token}`);
        expect(await page.locator('[role=status]').textContent()).toBe(
          'Questo questionario è già stato compilato. Grazie.',
        );
        await page.close();
      });
    },
  );
});
