import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { raiseD2 } from '../../../src/domain/d2/raise-d2.js';
import { aClient, aComplaint, slackUser } from '../../support/fixtures.js';
import { footprint as databaseFootprint } from '../../support/footprint.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { input, postToBot, viewSubmission, withAnswer } from '../../support/slack-requests.js';

type Values = Record<string, Record<string, object>>;

/** One form: a submission that passes validation, its text blocks with the domain's limits, its choices. */
interface Form {
  view: string;
  /** Who submits it (default: an operator who is also manager and commercial director). */
  by?: string;
  metadata?: () => object;
  valid: () => Values;
  texts: Record<string, number>;
  choices: string[];
}

/**
 * Every other form of the Slack app (D2, the case forms, care call, communications, client
 * registry), table-driven: each text block gets oversize text, control characters and an
 * operator object; each choice, date or number gets an operator-shaped string, junk and an
 * operator object; forms that carry a record id get forged ids. Each is refused on its own block,
 * in Italian, and the database is exactly as before.
 */
describe('Slack: hostile values in every field of every other form', () => {
  const bot = useSlackBot('slack_hostile_forms');
  const ids = { client: '', complaint: '', d2: '' };
  beforeAll(async () => {
    const { store } = bot.db;
    ids.client = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    ids.complaint = (await store.complaints.register(aComplaint(ids.client), 2026)).id;
    await store.roles.assign(slackUser('U0OP'), ['operator', 'manager', 'DCOM']);
    await store.roles.assign(slackUser('U0SDID'), ['SDID']);
    const d2 = await raiseD2(bot.chat.services, slackUser('U0SDID'), {
      clientId: ids.client,
      reason: 'Richiamare per il rinnovo',
    });
    if (!d2.ok) throw new Error(JSON.stringify(d2.error));
    ids.d2 = d2.value.id;
    await eventually(async () => {
      if (!(await store.d2Requests.get(ids.d2))?.announcement)
        throw new Error('D2 card not sent yet');
    });
  });

  const caseForm = (
    view: string,
    valid: () => Values,
    texts: Record<string, number>,
    choices: string[] = [],
  ): Form => ({
    view,
    metadata: () => ({ id: ids.complaint, approvalKind: 'cost' }),
    valid,
    texts,
    choices,
  });
  const FORMS: Form[] = [
    {
      view: VIEWS.d2,
      by: 'U0SDID',
      valid: () => ({
        client: input.external(OPTIONS.client, ids.client),
        reason: input.text('Richiamare il cliente'),
        urgency: input.select('normal'),
        notes: input.text('Dopo le 15'),
      }),
      texts: { reason: 4000, notes: 4000 },
      choices: ['client', 'urgency'],
    },
    caseForm(VIEWS.caseNote, () => ({ text: input.text('Sentito il cliente') }), { text: 4000 }),
    caseForm(
      VIEWS.caseResolve,
      () => ({
        solution: input.text('Guarnizione sostituita'),
        origin: input.select('production'),
        rootCause: input.text('Lotto difettoso'),
        costEur: input.number('120'),
        goodwillCause: input.text('Cliente storico'),
      }),
      { solution: 4000, rootCause: 4000, goodwillCause: 500 },
      ['origin', 'costEur'],
    ),
    caseForm(
      VIEWS.caseClose,
      () => ({
        origin: input.select('supplier'),
        costEur: input.number('0'),
        note: input.text('Ok'),
      }),
      { note: 2000 },
      ['origin', 'costEur'],
    ),
    caseForm(
      VIEWS.caseEscalate,
      () => ({ kind: input.select('cost'), reason: input.text('Oltre soglia') }),
      { reason: 500 },
      ['kind'],
    ),
    caseForm(VIEWS.caseReason, () => ({ reason: input.text('Il guasto è tornato') }), {
      reason: 2000,
    }),
    caseForm(VIEWS.approvalRefuse, () => ({ reason: input.text('Fuori budget') }), {
      reason: 2000,
    }),
    {
      view: VIEWS.d2Decline,
      metadata: () => ({ id: ids.d2 }),
      valid: () => ({ reason: input.text('Già contattato') }),
      texts: { reason: 2000 },
      choices: [],
    },
    {
      view: VIEWS.d2Complete,
      metadata: () => ({ id: ids.d2 }),
      valid: () => ({ outcome: input.text('Chiamato, tutto a posto') }),
      texts: { outcome: 4000 },
      choices: [],
    },
    {
      view: VIEWS.careCall,
      metadata: () => ({ clientId: ids.client }),
      valid: () => ({
        date: input.date('2026-11-20'),
        channel: input.select('phone'),
        outcome: input.text('Soddisfatto'),
        needs: input.text('Nessuna'),
        nextAction: input.text('Richiamare a marzo'),
      }),
      texts: { outcome: 4000, needs: 4000, nextAction: 2000 },
      choices: ['date', 'channel'],
    },
    {
      view: VIEWS.communication,
      valid: () => ({
        client: input.external(OPTIONS.client, ids.client),
        subject: input.text('Nuovo listino'),
        body: input.text('Gentile cliente, …'),
      }),
      texts: { subject: 300, body: 20000 },
      choices: ['client'],
    },
    {
      view: VIEWS.communicationSent,
      metadata: () => ({ id: ids.complaint }),
      valid: () => ({ channel: input.select('email') }),
      texts: {},
      choices: ['channel'],
    },
    {
      view: VIEWS.client,
      valid: () => ({
        code: input.text('CLI-77'),
        name: input.text('Officine Rossi'),
        kind: input.select('business'),
        industry: input.text('meccanica'),
        location: input.text('Brescia'),
        owner: input.user('U0OP'),
        careCadenceDays: input.number('90'),
        loyal: input.checks(),
      }),
      texts: { code: 40, name: 200, industry: 120, location: 120 },
      choices: ['kind', 'careCadenceDays', 'owner'],
    },
  ];

  let views = 0;
  const submit = (form: Form, values: Values, metadata = form.metadata?.()) =>
    postToBot(bot.baseUrl, {
      body: viewSubmission(form.by ?? 'U0OP', {
        id: `VF${views++}`,
        callbackId: form.view,
        values,
        ...(metadata ? { privateMetadata: JSON.stringify(metadata) } : {}),
      }),
    });
  /** Every collection a form could write, and the revisions of the records they change. */
  const footprint = () => databaseFootprint(bot.db.connection.db!, bot.db.store, ids);
  const refusedOn = async (
    form: Form,
    values: Values,
    block: string,
    message?: RegExp | string,
  ) => {
    const answer = await submit(form, values);
    expect(answer.status).toBe(200);
    const body = answer.json() as { response_action?: string; errors?: Record<string, string> };
    expect(body.response_action, `${form.view} ${block}`).toBe('errors');
    expect(Object.keys(body.errors ?? {}), `${form.view} ${block}`).toEqual([block]);
    if (message) expect(body.errors![block]).toMatch(message);
  };
  const operatorObject = { $gt: '' };

  for (const form of FORMS) {
    it(`${form.view}: every text, choice and id refused on its own block, nothing written`, async () => {
      const before = await footprint();
      for (const [block, limit] of Object.entries(form.texts)) {
        const values = form.valid();
        await refusedOn(
          form,
          { ...values, [block]: input.text('x'.repeat(limit + 1)) },
          block,
          `Al massimo ${limit} caratteri.`,
        );
        await refusedOn(form, { ...values, [block]: input.text('ok\u0000\u0007') }, block);
        await refusedOn(
          form,
          { ...values, [block]: withAnswer(values[block]!, operatorObject) },
          block,
          'Valore non valido.',
        );
      }
      for (const block of form.choices) {
        const values = form.valid();
        for (const value of ['{"$gt":""}', 'P9; drop', operatorObject])
          await refusedOn(form, { ...values, [block]: withAnswer(values[block]!, value) }, block);
      }
      if (form.metadata) {
        for (const forged of [{ $gt: '' }, '{"$gt":""}', '0'.repeat(24)]) {
          const metadata = Object.fromEntries(Object.keys(form.metadata()).map((k) => [k, forged]));
          const answer = await submit(form, form.valid(), metadata);
          expect((answer.json() as { response_action?: string }).response_action, form.view).toBe(
            'errors',
          );
        }
      }
      expect(await footprint()).toEqual(before);
    });
  }

  it('accepts each creating form when nothing is hostile, and never pings from what it echoes', async () => {
    const markup = '<!channel> <!here> @here <@U0DIR> <#C0SECRET>';
    const creating = [VIEWS.d2, VIEWS.careCall, VIEWS.communication, VIEWS.client];
    const before = await footprint();
    for (const view of creating) {
      const form = FORMS.find((f) => f.view === view)!;
      const values = form.valid();
      for (const block of Object.keys(form.texts).filter((b) => b !== 'code'))
        values[block] = input.text(`${markup} ${block}`);
      const answer = await submit(form, values, form.metadata?.());
      expect(answer.text, view).toBe('');
    }
    const after = await footprint();
    expect(after.counts.d2_requests).toBe(before.counts.d2_requests! + 1);
    expect(after.counts.care_contacts).toBe(before.counts.care_contacts! + 1);
    expect(after.counts.communications).toBe(before.counts.communications! + 1);
    expect(after.counts.clients).toBe(before.counts.clients! + 1);
    const sent = await eventually(() => {
      const told = bot.stub.calls.filter((c) => c.method.startsWith('chat.'));
      if (told.length < 3) throw new Error('replies not sent yet');
      return told;
    });
    // What Slack renders: texts and blocks; a button's value is a payload nobody sees.
    const everything = JSON.stringify(
      sent.map((c) => [c.args.text, c.args.blocks]),
      (key, value: unknown) => (key === 'value' ? undefined : value),
    );
    expect(everything).toContain('&lt;!channel&gt;');
    for (const ping of ['<!channel>', '<!here>', '<@U0DIR>', '<#C0SECRET>'])
      expect(everything).not.toContain(ping);
  });
});
