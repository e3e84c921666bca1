import { beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_VERBS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, aComplaint } from '../../support/fixtures.js';
import { actionExecute, activity, postActivity, useTeamsBot } from '../../support/teams-bot.js';

const SECRETARIAT = { id: 'aad-sdid', name: 'Sara' };
const TECH = { id: 'aad-tech', name: 'Luca' };
const DIRECTOR = { id: 'aad-dir', name: 'Marco' };
const personal = (who: { id: string }) => ({
  id: `a:personal-${who.id}`,
  conversationType: 'personal' as const,
});

/**
 * The same card action delivered again — Teams re-sends an invoke the bot answered slowly, in a
 * row or while the first is still running — records once and queues one message, and every
 * delivery is answered with the same card.
 */
describe('Teams: card submissions record once, however often they are delivered', () => {
  const bot = useTeamsBot('teams_exactly_once');
  let clientId = '';
  beforeAll(async () => {
    const { store } = bot.db;
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await store.roles.assign({ platform: 'teams', id: SECRETARIAT.id }, ['SDID']);
    await store.roles.assign({ platform: 'teams', id: TECH.id }, ['technician']);
    await store.roles.assign({ platform: 'teams', id: DIRECTOR.id }, ['DCOM']);
  });

  /** One activity (one id), posted `times` times: one after the other, or all at once. */
  const deliver = async (body: object, times: number, together: boolean) => {
    if (together)
      return Promise.all(Array.from({ length: times }, () => postActivity(bot.baseUrl, body)));
    const answers = [];
    for (let i = 0; i < times; i++) answers.push(await postActivity(bot.baseUrl, body));
    return answers;
  };
  const cards = (answers: { status: number; body: Record<string, unknown> }[]) =>
    answers.map((a) => [a.status, JSON.stringify(a.body.value ?? a.body)]);
  /** Messages are queued before the card is answered: one queued is one message going out. */
  const queuedFor = (caseId: string, type?: string) =>
    bot.db.store.models.outbox.countDocuments({
      'notification.case.caseId': caseId,
      ...(type ? { 'notification.type': type } : {}),
    });

  for (const [times, together] of [
    [3, false],
    [10, true],
  ] as const) {
    const how = together ? `${times} at once` : `${times} times in a row`;

    it(`the D2 card submitted ${how}: one request, one message for the director, one answer`, async () => {
      const before = await bot.db.store.models.d2Request.countDocuments();
      const body = activity(
        bot.stub.url,
        SECRETARIAT,
        personal(SECRETARIAT),
        actionExecute(
          TEAMS_VERBS.d2Submit,
          { clientId, reason: `Rinnovo ${times}`, urgency: 'normal' },
          `card-d2-${times}`,
        ),
      );
      const answers = cards(await deliver(body, times, together));
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]![1]).toMatch(/D2-2026-\d{4}/);
      expect(await bot.db.store.models.d2Request.countDocuments()).toBe(before + 1);
      const [d2] = await bot.db.store.models.d2Request.find({ reason: `Rinnovo ${times}` }).lean();
      expect(answers[0]![1]).toContain(d2!.number);
      expect(await queuedFor(String(d2!._id))).toBe(1);
    });

    it(`resolving from the case card ${how}: one status change, one card refresh queued`, async () => {
      const complaint = await bot.db.store.complaints.register(
        aComplaint(clientId, { status: 'in_progress', priority: 'P3' }),
        2026,
      );
      const body = activity(
        bot.stub.url,
        TECH,
        personal(TECH),
        actionExecute(
          TEAMS_VERBS.resolve,
          { caseId: complaint.id, solution: 'Sostituita la valvola' },
          `card-case-${times}`,
        ),
      );
      const answers = cards(await deliver(body, times, together));
      // No delivery got a refusal ("not allowed now") on its card.
      for (const [status, card] of answers) {
        expect(status).toBe(200);
        expect(card).not.toContain('attention');
      }
      const moves = await bot.db.store.models.caseEvent
        .find({ caseId: complaint.id, type: 'complaint.status_changed' })
        .lean();
      expect(moves).toHaveLength(1);
      expect(await bot.db.store.complaints.get(complaint.id)).toMatchObject({
        status: 'resolved',
        revision: 1,
      });
      // One refresh of its card, and the operator who filed it told once.
      expect(await queuedFor(complaint.id, 'case.changed')).toBe(1);
      expect(await queuedFor(complaint.id, 'case.followed')).toBe(1);
      expect(await queuedFor(complaint.id)).toBe(2);
    });
  }
});
