import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { useSlackBot } from '../../support/slack-bot.js';
import { input, postToBot, viewSubmission } from '../../support/slack-requests.js';

/**
 * The complaint form's field errors say what is wrong: a field left empty is "required" (not
 * "not a valid value"), a negative cost must be at least 0 (not "required"), in it and in en.
 */
describe('Slack: the complaint form says which fields are missing and which are out of range', () => {
  const bot = useSlackBot('slack_complaint_form_errors', { locales: { U0OPEN: 'en-US' } });
  let clientId = '';
  beforeAll(async () => {
    clientId = (await bot.db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await bot.db.store.roles.assign(slackUser('U0OPIT'), ['operator']);
    await bot.db.store.roles.assign(slackUser('U0OPEN'), ['operator']);
  });

  let views = 0;
  const submit = async (user: string, values: Record<string, Record<string, object>>) => {
    const answer = await postToBot(bot.baseUrl, {
      body: viewSubmission(user, { id: `VE${views++}`, callbackId: VIEWS.complaint, values }),
    });
    expect(answer.status).toBe(200);
    return (answer.json() as { errors?: Record<string, string> }).errors ?? {};
  };
  const filled = () => ({
    client: input.external(OPTIONS.client, clientId),
    product: input.text('Pressa PX-200'),
    description: input.text('Perdita d’olio'),
    problemCode: input.text('HYD-02'),
    category: input.text('idraulica'),
    department: input.text('assistenza'),
    priority: input.radio('P3'),
    channel: input.select('phone'),
    flags: input.checks(),
  });
  const REQUIRED = ['client', 'product', 'description', 'problemCode', 'category', 'department'];

  for (const [user, required, atLeast] of [
    ['U0OPIT', 'Campo obbligatorio.', 'Deve essere almeno 0'],
    ['U0OPEN', 'Required.', 'Must be at least 0'],
  ] as const) {
    it(`${user}: every required field left empty says "${required}"`, async () => {
      const errors = await submit(user, { flags: input.checks() });
      for (const block of [...REQUIRED, 'priority']) expect(errors[block]).toBe(required);
    });

    it(`${user}: a cost of -50 says it must be at least 0`, async () => {
      const negative = await submit(user, { ...filled(), estimatedCostEur: input.number('-50') });
      expect(Object.keys(negative)).toEqual(['estimatedCostEur']);
      expect(negative.estimatedCostEur).toContain(atLeast);
      expect(negative.estimatedCostEur).not.toBe(required);
      expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
    });
  }
});
