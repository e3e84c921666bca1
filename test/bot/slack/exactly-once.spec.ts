import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { input, postToBot, viewSubmission } from '../../support/slack-requests.js';

type Values = Record<string, Record<string, object>>;
const SECRETARIAT = 'U0SDID';
const DIRECTOR = 'U0DIR';
const OFFICE = 'U0SCOM';

/**
 * The same form submission delivered again — Slack's retries of a slow answer (3 in a row, with
 * X-Slack-Retry-Num) and duplicates arriving together (10 at once) — records one record and sends
 * one message, and every delivery gets the answer the first got.
 */
describe('Slack: every creating form records once, however often it is delivered', () => {
  const bot = useSlackBot('slack_exactly_once');
  let clientId = '';
  beforeAll(async () => {
    const { store } = bot.db;
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await store.roles.assign(slackUser(SECRETARIAT), ['SDID']);
    await store.roles.assign(slackUser(DIRECTOR), ['DCOM']);
    await store.roles.assign(slackUser(OFFICE), ['SCOM']);
  });

  /** Posts one submission `times` times: one after the other as retries, or all at once. */
  const deliver = async (body: string, times: number, together: boolean) => {
    const post = (retry: number) =>
      postToBot(bot.baseUrl, { body, ...(retry ? { retryNum: retry } : {}) });
    if (together) return Promise.all(Array.from({ length: times }, () => post(0)));
    const answers = [];
    for (let retry = 0; retry < times; retry++) answers.push(await post(retry));
    return answers;
  };
  /** Every queued message delivered, then the Slack calls that went to `channel`. */
  const sentTo = async (channel: string) => {
    await eventually(async () => {
      const waiting = await bot.db.store.models.outbox.countDocuments({
        status: { $in: ['pending', 'delivering'] },
      });
      if (waiting) throw new Error(`${waiting} messages not delivered yet`);
    });
    return bot.stub.calls.filter(
      (c) =>
        c.method.startsWith('chat.post') && (c.args.channel === channel || c.args.user === channel),
    );
  };
  const submission = (
    by: string,
    id: string,
    callbackId: string,
    values: Values,
    metadata?: object,
  ) =>
    viewSubmission(by, {
      id,
      callbackId,
      values,
      ...(metadata ? { privateMetadata: JSON.stringify(metadata) } : {}),
    });
  const keyOf = (viewId: string) => `slack:view:${viewId}`;

  for (const [times, together] of [
    [3, false],
    [10, true],
  ] as const) {
    const how = together ? `${times} at once` : `${times} times in a row`;

    it(`D2 delivered ${how}: one request, one number, one message to the director and one reply`, async () => {
      const viewId = `VD2${times}`;
      const before = await bot.db.store.models.d2Request.countDocuments();
      const dmsBefore = (await sentTo(DIRECTOR)).length;
      const repliesBefore = (await sentTo(SECRETARIAT)).length;
      const body = submission(
        SECRETARIAT,
        viewId,
        VIEWS.d2,
        {
          client: input.external(OPTIONS.client, clientId),
          reason: input.text('Richiamare per il rinnovo'),
          urgency: input.select('normal'),
        },
        { channel: SECRETARIAT },
      );
      const answers = await deliver(body, times, together);
      expect(answers.map((a) => [a.status, a.text])).toEqual(answers.map(() => [200, '']));
      expect(await bot.db.store.models.d2Request.countDocuments()).toBe(before + 1);
      const stored = await bot.db.store.models.d2Request.find({ intakeKey: keyOf(viewId) }).lean();
      expect(stored).toHaveLength(1);
      // Gap-free: this request took the next number, no duplicate spent one.
      expect(stored[0]!.number).toBe(`D2-2026-${String(before + 1).padStart(4, '0')}`);
      expect(
        await bot.db.store.models.caseEvent.countDocuments({
          caseId: String(stored[0]!._id),
          type: 'd2.raised',
        }),
      ).toBe(1);
      expect((await sentTo(DIRECTOR)).length - dmsBefore).toBe(1);
      const replies = (await sentTo(SECRETARIAT)).slice(repliesBefore);
      expect(replies.map((c) => c.args.text)).toEqual([
        `Richiesta *${stored[0]!.number}* inviata al direttore commerciale.`,
      ]);
    });

    it(`care call delivered ${how}: one line in the register, one follow-up message`, async () => {
      const viewId = `VCARE${times}`;
      const repliesBefore = (await sentTo(OFFICE)).length;
      const before = await bot.db.store.models.careContact.countDocuments();
      const body = submission(
        OFFICE,
        viewId,
        VIEWS.careCall,
        {
          date: input.date('2026-11-20'),
          channel: input.select('phone'),
          outcome: input.text('Soddisfatto del servizio'),
        },
        { clientId },
      );
      const answers = await deliver(body, times, together);
      expect(answers.map((a) => [a.status, a.text])).toEqual(answers.map(() => [200, '']));
      expect(await bot.db.store.models.careContact.countDocuments()).toBe(before + 1);
      const stored = await bot.db.store.models.careContact
        .find({ intakeKey: keyOf(viewId) })
        .lean();
      expect(stored).toHaveLength(1);
      expect(
        await bot.db.store.models.caseEvent.countDocuments({
          caseId: String(stored[0]!._id),
          type: 'care_contact.logged',
        }),
      ).toBe(1);
      expect((await sentTo(OFFICE)).length - repliesBefore).toBe(1);
    });

    it(`communication delivered ${how}: one draft, one message to the commercial office`, async () => {
      const viewId = `VCOM${times}`;
      const toOfficeBefore = (await sentTo(OFFICE)).length;
      const repliesBefore = (await sentTo(DIRECTOR)).length;
      const body = submission(
        DIRECTOR,
        viewId,
        VIEWS.communication,
        {
          client: input.external(OPTIONS.client, clientId),
          subject: input.text(`Nuovo listino ${times}`),
          body: input.text('Gentile cliente, …'),
        },
        { channel: DIRECTOR },
      );
      const answers = await deliver(body, times, together);
      expect(answers.map((a) => [a.status, a.text])).toEqual(answers.map(() => [200, '']));
      expect(
        await bot.db.store.models.communication.countDocuments({
          subject: `Nuovo listino ${times}`,
        }),
      ).toBe(1);
      const stored = await bot.db.store.models.communication
        .find({ intakeKey: keyOf(viewId) })
        .lean();
      expect(stored).toHaveLength(1);
      expect(
        await bot.db.store.models.communication.countDocuments({
          subject: `Nuovo listino ${times}`,
        }),
      ).toBe(1);
      expect((await sentTo(OFFICE)).length - toOfficeBefore).toBe(1);
      expect((await sentTo(DIRECTOR)).length - repliesBefore).toBe(1);
    });
  }

  it('a submission refused on a field stores nothing, and the same view corrected is then recorded', async () => {
    const viewId = 'VD2FIX';
    const values = (reason: string) => ({
      client: input.external(OPTIONS.client, clientId),
      reason: input.text(reason),
      urgency: input.select('normal'),
    });
    const refused = await deliver(
      submission(SECRETARIAT, viewId, VIEWS.d2, values('x\u0007')),
      2,
      false,
    );
    expect(refused.map((a) => (a.json() as { response_action?: string }).response_action)).toEqual([
      'errors',
      'errors',
    ]);
    expect(await bot.db.store.models.d2Request.countDocuments({ intakeKey: keyOf(viewId) })).toBe(
      0,
    );
    const fixed = await deliver(
      submission(SECRETARIAT, viewId, VIEWS.d2, values('Rinnovo')),
      1,
      false,
    );
    expect(fixed[0]!.text).toBe('');
    expect(await bot.db.store.models.d2Request.countDocuments({ intakeKey: keyOf(viewId) })).toBe(
      1,
    );
  });

  it('a retry after a crash between storing the D2 and asking the director still asks, once', async () => {
    const { store } = bot.db;
    const dmsBefore = (await sentTo(DIRECTOR)).length;
    // What a first delivery left when the process died right after the insert.
    const { record } = await store.d2Requests.registerOnce(
      {
        clientId,
        reason: 'Richiamare dopo il guasto',
        urgency: 'normal',
        requester: slackUser(SECRETARIAT),
        requesterOffice: 'SDID',
        status: 'submitted',
        submittedAt: new Date(),
        intakeKey: keyOf('VD2CRASH'),
      },
      2026,
    );
    const body = submission(SECRETARIAT, 'VD2CRASH', VIEWS.d2, {
      client: input.external(OPTIONS.client, clientId),
      reason: input.text('Richiamare dopo il guasto'),
      urgency: input.select('normal'),
    });
    const answers = await deliver(body, 3, false);
    expect(answers.map((a) => a.text)).toEqual(['', '', '']);
    expect(await store.models.d2Request.countDocuments({ intakeKey: keyOf('VD2CRASH') })).toBe(1);
    const asked = (await sentTo(DIRECTOR)).slice(dmsBefore);
    expect(asked).toHaveLength(1);
    expect(JSON.stringify(asked[0]!.args)).toContain(record.number);
  });

  it('a care call retried after a crash before scheduling still schedules; one logged late moves nothing', async () => {
    const { store } = bot.db;
    const client = await store.clients.insert(NewClientSchema.parse(aClient({ code: 'CARE-X' })));
    const noon = (day: string) => new Date(`${day}T11:00:00.000Z`); // 12:00 in Rome in November
    // What a first delivery left when the process died right after writing the register line.
    await store.care.log({
      clientId: client.id,
      at: noon('2026-11-25'),
      channel: 'phone',
      by: slackUser(OFFICE),
      outcome: 'Tutto bene',
      intakeKey: keyOf('VCARECRASH'),
    });
    const call = (viewId: string, day: string) =>
      submission(
        OFFICE,
        viewId,
        VIEWS.careCall,
        {
          date: input.date(day),
          channel: input.select('phone'),
          outcome: input.text('Tutto bene'),
        },
        { clientId: client.id },
      );
    expect((await deliver(call('VCARECRASH', '2026-11-25'), 1, false))[0]!.text).toBe('');
    expect(await store.models.careContact.countDocuments({ clientId: client.id })).toBe(1);
    const scheduled = await store.clients.find(client.id);
    expect(scheduled?.lastCareCallAt).toEqual(noon('2026-11-25'));
    expect(scheduled?.nextCareCallDue).toBeDefined();

    expect((await deliver(call('VCARELATE', '2026-11-20'), 1, false))[0]!.text).toBe('');
    expect(await store.models.careContact.countDocuments({ clientId: client.id })).toBe(2);
    expect(await store.clients.find(client.id)).toMatchObject({
      lastCareCallAt: noon('2026-11-25'),
      nextCareCallDue: scheduled!.nextCareCallDue,
    });
  });
});
