import { beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_VERBS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { raiseD2 } from '../../../src/domain/d2/raise-d2.js';
import type { ChatUser } from '../../../src/domain/shared/chat-user.js';
import { aClient, aComplaint, COMPLAINT_TEXT_LIMITS } from '../../support/fixtures.js';
import { footprint as databaseFootprint } from '../../support/footprint.js';
import { actionExecute, activity, postActivity, useTeamsBot } from '../../support/teams-bot.js';

const user = (id: string): ChatUser => ({ platform: 'teams', id });
const OPERATOR = { id: 'aad-operator', name: 'Giulia' };
const chat = (who: { id: string }) => ({
  id: `a:personal-${who.id}`,
  conversationType: 'personal' as const,
});
const operatorObject = { $gt: '' };

/**
 * The Teams cards, table-driven like the Slack forms: every field of the complaint and D2 cards
 * and of the case and D2 actions gets oversize text, control characters, junk choices and
 * operator objects; record ids are forged; an activity from another tenant is dropped. Each is
 * refused on the card, in Italian, and the database is exactly as before.
 */
describe('Teams: hostile values in every card field, forged ids, another tenant', () => {
  const bot = useTeamsBot('teams_hostile', { tenantId: 'tenant-1' });
  const ids = { client: '', complaint: '', d2: '' };
  beforeAll(async () => {
    const { store } = bot.db;
    ids.client = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    ids.complaint = (await store.complaints.register(aComplaint(ids.client), 2026)).id;
    await store.roles.assign(user(OPERATOR.id), ['operator', 'manager', 'DCOM', 'SDID']);
    const d2 = await raiseD2(bot.chat.services, user(OPERATOR.id), {
      clientId: ids.client,
      reason: 'Richiamare',
    });
    if (!d2.ok) throw new Error(JSON.stringify(d2.error));
    ids.d2 = d2.value.id;
  });

  const execute = (verb: string, data: object, fields: Record<string, unknown> = {}) =>
    postActivity(
      bot.baseUrl,
      activity(bot.stub.url, OPERATOR, chat(OPERATOR), {
        ...actionExecute(verb, data, `act-${Math.random()}`),
        ...fields,
      }),
    );
  /** The fields named in the refused card's error lines, and the card as text. */
  const refusal = (answer: { body: Record<string, unknown> }) => {
    const card = JSON.stringify(answer.body.value ?? answer.body);
    const fields = [...card.matchAll(/⚠️ (\w+): /g)].map((m) => m[1]);
    return { card, fields };
  };
  // The outbox (and its attempt claims) settles on its own; the conversation registry learns
  // the chat on first contact.
  const footprint = () =>
    databaseFootprint(bot.db.connection.db!, bot.db.store, ids, [
      'outbox',
      'outbox_claims',
      'teams_conversations',
    ]);

  const FORMS = [
    {
      verb: TEAMS_VERBS.complaintSubmit,
      valid: () => ({
        clientId: ids.client,
        product: 'Pompa P-7',
        description: 'Perde pressione',
        problemCode: 'PMP-1',
        category: 'pompe',
        department: 'assistenza',
        priority: 'P2',
        channel: 'phone',
        warranty: 'unknown',
        estimatedCostEur: '100',
        remedyRequested: 'Sostituzione',
      }),
      texts: COMPLAINT_TEXT_LIMITS,
      choices: ['clientId', 'priority', 'channel', 'warranty', 'estimatedCostEur'],
    },
    {
      verb: TEAMS_VERBS.d2Submit,
      valid: () => ({ clientId: ids.client, reason: 'Richiamare', urgency: 'normal', notes: 'Ok' }),
      texts: { reason: 4000, notes: 4000 },
      choices: ['clientId', 'urgency'],
    },
  ];

  for (const form of FORMS) {
    it(`${form.verb}: every field refused on its own line of the card, nothing written`, async () => {
      const before = await footprint();
      const refusedOn = async (data: object, field: string, message?: string) => {
        const { card, fields } = refusal(await execute(form.verb, data));
        expect(fields, `${form.verb} ${field}`).toEqual([field]);
        if (message) expect(card).toContain(message);
      };
      for (const [field, limit] of Object.entries(form.texts)) {
        const valid = form.valid();
        await refusedOn(
          { ...valid, [field]: 'x'.repeat(limit + 1) },
          field,
          `Al massimo ${limit} caratteri.`,
        );
        await refusedOn({ ...valid, [field]: 'ok\u0000\u0007' }, field);
        await refusedOn({ ...valid, [field]: operatorObject }, field, 'Valore non valido.');
      }
      for (const field of form.choices)
        for (const value of ['{"$gt":""}', 'P9; drop', operatorObject, ['P1']])
          await refusedOn({ ...form.valid(), [field]: value }, field);
      expect(await footprint()).toEqual(before);
    });
  }

  it('refuses hostile reasons, choices and forged ids on every case and D2 action, changing nothing', async () => {
    const before = await footprint();
    // [verb, valid data, free-text fields, choice fields]
    const moves: [string, Record<string, unknown>, string[], string[]][] = [
      [
        TEAMS_VERBS.escalate,
        { caseId: ids.complaint, kind: 'cost', reason: 'Oltre' },
        ['reason'],
        ['kind'],
      ],
      [
        TEAMS_VERBS.resolve,
        { caseId: ids.complaint, solution: 'Fatto', origin: 'production', costEur: '5' },
        ['solution'],
        ['origin', 'costEur'],
      ],
      [
        TEAMS_VERBS.close,
        { caseId: ids.complaint, origin: 'production', costEur: '5' },
        [],
        ['origin', 'costEur'],
      ],
      [TEAMS_VERBS.reopen, { caseId: ids.complaint, reason: 'Di nuovo' }, ['reason'], []],
      [
        TEAMS_VERBS.refuse,
        { caseId: ids.complaint, kind: 'cost', reason: 'No' },
        ['reason'],
        ['kind'],
      ],
      [TEAMS_VERBS.approve, { caseId: ids.complaint, kind: 'cost' }, [], ['kind']],
      [TEAMS_VERBS.acknowledge, { caseId: ids.complaint }, [], []],
      [TEAMS_VERBS.takeInCharge, { caseId: ids.complaint }, [], []],
      [TEAMS_VERBS.d2Decline, { d2Id: ids.d2, reason: 'Già fatto' }, ['reason'], []],
      [TEAMS_VERBS.d2Complete, { d2Id: ids.d2, outcome: 'Chiamato' }, ['outcome'], []],
      [TEAMS_VERBS.d2Sign, { d2Id: ids.d2 }, [], []],
    ];
    const refused = async (verb: string, data: object, what: string) => {
      const answer = await execute(verb, data);
      expect(answer.status, what).toBe(200);
      expect(JSON.stringify(answer.body), what).toContain('"color":"attention"');
    };
    for (const [verb, data, texts, choices] of moves) {
      // A free text may say '{"$gt":""}': it is stored as those characters, so only these apply.
      for (const field of texts)
        for (const value of ['x'.repeat(4001), 'ok\u0000', operatorObject])
          await refused(verb, { ...data, [field]: value }, `${verb} ${field}`);
      for (const field of choices)
        for (const value of ['{"$gt":""}', 'P9; drop', operatorObject, ['cost']])
          await refused(verb, { ...data, [field]: value }, `${verb} ${field}`);
      const idKey = 'd2Id' in data ? 'd2Id' : 'caseId';
      for (const forged of [operatorObject, '{"$gt":""}', '0'.repeat(24), '']) {
        const answer = await execute(verb, { ...data, [idKey]: forged });
        expect(JSON.stringify(answer.body), `${verb} forged ${String(forged)}`).toMatch(
          /non trovat|Valore non valido/i,
        );
      }
    }
    // Only the refusals are audited; the records themselves are untouched.
    const after = await footprint();
    expect({ ...after, counts: { ...after.counts, case_events: 0 } }).toEqual({
      ...before,
      counts: { ...before.counts, case_events: 0 },
    });
  });

  it('drops an activity from another tenant before anything runs', async () => {
    const before = await footprint();
    const tenant = { id: 'tenant-2' };
    const answer = await execute(TEAMS_VERBS.complaintSubmit, FORMS[0]!.valid(), {
      conversation: { ...chat(OPERATOR), tenantId: tenant.id },
      channelData: { tenant },
    });
    expect(JSON.stringify(answer.body)).not.toContain('registrat');
    expect(await footprint()).toEqual(before);
    const same = await execute(TEAMS_VERBS.complaintSubmit, FORMS[0]!.valid());
    expect(JSON.stringify(same.body)).toContain('registrat');
  });
});
