import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser, COMPLAINT_TEXT_LIMITS } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { waitToldTo } from '../../support/told.js';
import { input, postToBot, viewSubmission, withAnswer } from '../../support/slack-requests.js';

/**
 * Every field of the complaint form, one hostile value at a time: oversize text, control
 * characters, an operator object where a string belongs. Each gets its own error on its own
 * block, in Italian, and nothing is stored. Mention markup in every text field is stored as
 * text and never pings when the card echoes it.
 */
describe('Slack: hostile values in every field of the complaint form', () => {
  const bot = useSlackBot('slack_hostile_fields');
  let clientId = '';
  beforeAll(async () => {
    clientId = (await bot.db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await bot.db.store.roles.assign(slackUser('U0OP'), ['operator']);
  });

  const valid = (): Record<string, Record<string, object>> => ({
    client: input.external(OPTIONS.client, clientId),
    product: input.text('Pressa PX-200'),
    description: input.text('Perdita d’olio'),
    problemCode: input.text('HYD-02'),
    category: input.text('idraulica'),
    department: input.text('assistenza'),
    priority: input.radio('P3'),
    estimatedCostEur: input.number('150'),
    flags: input.checks(),
    warranty: input.select('in_warranty'),
    channel: input.select('phone'),
    remedyRequested: input.text('Sostituzione'),
    reportedBy: input.text('Mario Rossi'),
  });
  let views = 0;
  const submit = (values: Record<string, Record<string, object>>) =>
    postToBot(bot.baseUrl, {
      body: viewSubmission('U0OP', { id: `VH${views++}`, callbackId: VIEWS.complaint, values }),
    });
  const operatorObject = { $gt: '' };

  const TEXT_LIMITS: Record<string, number> = { ...COMPLAINT_TEXT_LIMITS, reportedBy: 200 };

  for (const [field, limit] of Object.entries(TEXT_LIMITS)) {
    it(`${field}: oversize, control characters and an operator object are refused on the field`, async () => {
      for (const [value, message] of [
        ['x'.repeat(limit + 1), `Al massimo ${limit} caratteri.`],
        ['ok\u0000\u0007', /caratteri di controllo|Valore non valido/],
      ] as const) {
        const answer = await submit({ ...valid(), [field]: input.text(value) });
        expect(answer.status).toBe(200);
        const errors = (answer.json() as { errors?: Record<string, string> }).errors ?? {};
        expect(Object.keys(errors)).toEqual([field]);
        expect(errors[field]).toMatch(message);
      }
      const injected = await submit({
        ...valid(),
        [field]: withAnswer(valid()[field]!, operatorObject),
      });
      expect(injected.status).toBe(200);
      expect((injected.json() as { response_action?: string }).response_action).toBe('errors');
      expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
    });
  }

  for (const field of ['priority', 'channel', 'warranty', 'client', 'estimatedCostEur']) {
    it(`${field}: an unknown choice and an operator object are refused, nothing stored`, async () => {
      for (const value of ['{"$gt":""}', 'P9; drop', operatorObject]) {
        const answer = await submit({ ...valid(), [field]: withAnswer(valid()[field]!, value) });
        expect(answer.status).toBe(200);
        const body = answer.json() as { response_action?: string; errors?: Record<string, string> };
        expect(body.response_action).toBe('errors');
        expect(Object.keys(body.errors ?? {})).toEqual([field]);
      }
      expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
    });
  }

  it('stores mention markup in every text field as text, and no message the bot sends can ping (blocks and notification text)', async () => {
    const markup = '<!channel> <!here> <!everyone> @here <@U0DIR> <#C0SECRET>';
    const values = valid();
    for (const field of [
      'product',
      'description',
      'category',
      'department',
      'remedyRequested',
      'reportedBy',
    ])
      values[field] = input.text(`${field} ${markup}`.slice(0, 80));
    const answer = await submit(values);
    expect(answer.text).toBe('');
    await waitToldTo(bot.stub, 'U0OP', 1, /registrato/);
    const [stored] = await bot.db.store.complaints.recent(1);
    expect(stored?.product).toContain('<!channel>');
    const sent = await eventually(() => {
      const cards = bot.stub.of('chat.postMessage').filter((c) => c.args.channel === 'C0TRIAGE');
      if (!cards.length) throw new Error('no card yet');
      return bot.stub.calls.filter((c) => c.method.startsWith('chat.'));
    });
    const everything = JSON.stringify(sent.map((c) => [c.args.text, c.args.blocks]));
    for (const ping of ['<!channel>', '<!here>', '<!everyone>', '<@U0DIR>', '<#C0SECRET>'])
      expect(everything).not.toContain(ping);
    expect(everything).toContain('&lt;!channel&gt;');
  });
});
