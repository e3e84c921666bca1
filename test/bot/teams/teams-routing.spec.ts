import { beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_VERBS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import { actionExecute, activity, postActivity, useTeamsBot } from '../../support/teams-bot.js';

const MANAGER = { id: 'aad-manager', name: 'Paola' };
const OPERATOR = { id: 'aad-operator', name: 'Giulia' };
const PUMPS = { id: '19:pompe@thread.tacv2', conversationType: 'channel' as const };
const personal = (who: { id: string }) => ({
  id: `a:personal-${who.id}`,
  conversationType: 'personal' as const,
});

describe('Teams: routing rules from a text command decide where the next complaint goes', () => {
  const bot = useTeamsBot('teams_routing');
  let clientId = '';
  beforeAll(async () => {
    await bot.db.store.roles.assign({ platform: 'teams', id: MANAGER.id }, ['manager']);
    await bot.db.store.roles.assign({ platform: 'teams', id: OPERATOR.id }, ['operator']);
    clientId = (
      await bot.db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'TEAMSR' })))
    ).id;
  });
  const send = (
    from: { id: string; name?: string },
    conversation: { id: string; conversationType: 'personal' | 'channel' },
    fields: object,
  ) =>
    postActivity(
      bot.baseUrl,
      activity(bot.stub.url, from, conversation, fields as Record<string, unknown>),
    );
  const told = (conversation: string, about: RegExp) =>
    eventually(() => {
      const line = bot.stub
        .posted(conversation)
        .map((c) => JSON.stringify(c.body))
        .find((body) => about.test(body));
      if (!line) throw new Error(`nothing like ${about} in ${conversation} yet`);
      return line;
    });
  const fileComplaint = (replyToId: string, fields: object) =>
    send(
      OPERATOR,
      personal(OPERATOR),
      actionExecute(
        TEAMS_VERBS.complaintSubmit,
        {
          clientId,
          product: 'Pompa P-7',
          description: 'Perde pressione',
          problemCode: 'PMP-1',
          channel: 'phone',
          warranty: 'unknown',
          ...fields,
        },
        replyToId,
      ),
    );

  it('refuses a member without the role and stores nothing', async () => {
    await send(OPERATOR, PUMPS, { type: 'message', text: 'routing add pompe | * | P2' });
    await told(PUMPS.id, /Per gestire le regole di instradamento serve/);
    expect(await bot.db.store.models.routingRule.countDocuments()).toBe(0);
  });

  it('adds a rule for this channel; the next such complaint is announced here', async () => {
    await send(MANAGER, PUMPS, { type: 'message', text: 'routing add Pompe | * | p2' });
    await told(PUMPS.id, /Regola salvata: pompe · qualsiasi · P2/);
    expect(await bot.db.store.routingRules.all()).toMatchObject([
      {
        department: 'pompe',
        category: '*',
        priority: 'P2',
        destination: { platform: 'teams', channel: PUMPS.id },
      },
    ]);
    const filed = await fileComplaint('form-1', {
      department: 'POMPE',
      category: 'guasti',
      priority: 'P2',
    });
    expect(filed.status).toBe(200);
    const stored = await eventually(async () => {
      const [c] = await bot.db.store.complaints.recent(1);
      if (!c?.announcement) throw new Error('not announced yet');
      return c;
    }, 10_000);
    expect(stored.announcement).toMatchObject({ platform: 'teams', channel: PUMPS.id });
    await told(PUMPS.id, new RegExp(stored.number));
  });

  it('lists the rules numbered and deletes one by its number', async () => {
    await send(MANAGER, personal(MANAGER), { type: 'message', text: 'routing' });
    await told(personal(MANAGER).id, /1\. pompe · qualsiasi · P2 → 19:pompe@thread.tacv2/);
    await send(MANAGER, personal(MANAGER), { type: 'message', text: 'routing delete 1' });
    await told(personal(MANAGER).id, /Regola eliminata: pompe/);
    expect(await bot.db.store.models.routingRule.countDocuments()).toBe(0);
    const audit = await bot.db.store.models.caseEvent.find({ caseKind: 'routing' }).lean();
    expect(audit.map((e) => e.type)).toEqual(['routing.rule_added', 'routing.rule_deleted']);
  });
});
