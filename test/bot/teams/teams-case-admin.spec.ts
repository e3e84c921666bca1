import { beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_VERBS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { Complaint } from '../../../src/domain/complaint/complaint.js';
import type { ChatUser } from '../../../src/domain/shared/chat-user.js';
import { aClient } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import {
  actionExecute,
  activity,
  outboxSettled,
  postActivity,
  useTeamsBot,
} from '../../support/teams-bot.js';

const user = (id: string, name = id): ChatUser => ({ platform: 'teams', id, name });
const OPERATOR = { id: 'aad-operator', name: 'Giulia' };
const MANAGER = { id: 'aad-manager', name: 'Sara' };
const TECH = { id: 'aad-tech', name: 'Luca' };
const NOBODY = { id: 'aad-nobody', name: 'Ospite' };
const SERVICE = {
  id: '19:assistenza@thread.tacv2',
  name: 'Assistenza',
  conversationType: 'channel' as const,
};
const QUALITY = {
  id: '19:qualita@thread.tacv2',
  name: 'Qualità',
  conversationType: 'channel' as const,
};
const MINUTE = 60_000;

describe('Teams: case administration from the card — reassign, move, priority, client', () => {
  const bot = useTeamsBot('teams_case_admin');
  const ids = { rossi: '', bianchi: '', complaint: '', card: '' };
  beforeAll(async () => {
    const { store } = bot.db;
    ids.rossi = (
      await store.clients.insert(NewClientSchema.parse(aClient({ code: 'ROSSI', name: 'Rossi' })))
    ).id;
    ids.bianchi = (
      await store.clients.insert(
        NewClientSchema.parse(aClient({ code: 'BIANCHI', name: 'Bianchi' })),
      )
    ).id;
    await store.roles.assign(user(OPERATOR.id, OPERATOR.name), ['operator']);
    await store.roles.assign(user(MANAGER.id, MANAGER.name), ['manager']);
    await store.roles.assign(user(TECH.id, TECH.name), ['technician']);
    for (const [department, channel] of [
      ['assistenza', SERVICE.id],
      ['qualita', QUALITY.id],
    ] as const)
      await store.routingRules.insert({
        department,
        category: '*',
        priority: '*',
        destination: { platform: 'teams', channel },
        mention: [],
      });
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
  const execute = (
    from: { id: string; name?: string },
    verb: string,
    data: object,
    fields: object = {},
  ) => send(from, SERVICE, { ...actionExecute(verb, data, ids.card), ...fields });
  const cardText = (response: { body: Record<string, unknown> }) =>
    JSON.stringify(response.body.value ?? response.body);
  const stored = async () => (await bot.db.store.complaints.get(ids.complaint)) as Complaint;
  const events = async () =>
    (await bot.db.store.caseEvents.history('complaint', ids.complaint)).map((e) => e.type);

  it('files a case whose card in the department channel has “Amministra”', async () => {
    for (const channel of [SERVICE, QUALITY])
      await send(TECH, channel, {
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:sportello' }],
        channelData: { team: { id: 'team-1' } },
      });
    const personal = { id: `a:personal-${OPERATOR.id}`, conversationType: 'personal' as const };
    await send(OPERATOR, personal, {
      ...actionExecute(
        TEAMS_VERBS.complaintSubmit,
        {
          clientId: ids.rossi,
          product: 'Pompa P-7',
          description: 'Perde pressione',
          problemCode: 'PMP-1',
          category: 'pompe',
          department: 'assistenza',
          priority: 'P3',
          channel: 'phone',
          warranty: 'unknown',
        },
        'form-1',
      ),
    });
    const complaint = await eventually(async () => {
      const [c] = await bot.db.store.complaints.recent(1);
      if (!c?.announcement) throw new Error('not announced yet');
      return c;
    });
    ids.complaint = complaint.id;
    ids.card = complaint.announcement!.messageId;
    const card = bot.stub
      .posted(SERVICE.id)
      .find((c) => JSON.stringify(c.body).includes(complaint.number));
    expect(JSON.stringify(card?.body)).toContain(TEAMS_VERBS.administer);
    expect(JSON.stringify(card?.body)).toContain('Amministra');
  });

  it('shows the administration forms in Italian and in English, with the people who take cases', async () => {
    const it_ = cardText(await execute(MANAGER, TEAMS_VERBS.administer, { caseId: ids.complaint }));
    for (const expected of [
      TEAMS_VERBS.reassign,
      TEAMS_VERBS.reroute,
      TEAMS_VERBS.reprioritise,
      TEAMS_VERBS.correctClient,
      'Riassegna',
      'Sposta di reparto',
      'Cambia priorità',
      'Correggi cliente',
      'Motivo del cambio',
      'Luca',
      'Bianchi (BIANCHI)',
    ])
      expect(it_).toContain(expected);
    const en = cardText(
      await execute(
        MANAGER,
        TEAMS_VERBS.administer,
        { caseId: ids.complaint },
        { locale: 'en-GB' },
      ),
    );
    for (const expected of [
      'Reassign',
      'Move to department',
      'Change priority',
      'Correct client',
      'Reason for the change',
    ])
      expect(en).toContain(expected);
  });

  it('refuses a person without the role with its own text, and changes nothing', async () => {
    const before = await stored();
    const refused = cardText(
      await execute(NOBODY, TEAMS_VERBS.reprioritise, {
        caseId: ids.complaint,
        priority: 'P1',
        reason: 'Urgente',
      }),
    );
    expect(refused).toContain(
      'Per cambiare la priorità di un reclamo serve uno di questi ruoli: coordinator, manager, DCOM, admin.',
    );
    const operator = cardText(
      await execute(OPERATOR, TEAMS_VERBS.reroute, {
        caseId: ids.complaint,
        department: 'qualita',
      }),
    );
    expect(operator).toContain(
      'Per spostare un reclamo a un altro reparto serve uno di questi ruoli',
    );
    const forged = cardText(
      await execute(MANAGER, TEAMS_VERBS.reassign, {
        caseId: ids.complaint,
        assignee: { id: 'x' },
      }),
    );
    expect(forged).toContain('Valore non valido.');
    // A card button that acts at once, pressed without the role: the same kind of refusal.
    const pressed = cardText(
      await execute(NOBODY, TEAMS_VERBS.acknowledge, { caseId: ids.complaint }),
    );
    expect(pressed).toContain(
      'Per prendere visione di un caso serve uno di questi ruoli: operator, coordinator, technician, manager, DCOM.',
    );
    const after = await stored();
    expect(after.revision).toBe(before.revision);
    expect(after).toMatchObject({ priority: 'P3', department: 'assistenza' });
    expect(await events()).toEqual(['complaint.filed']);
  });

  it('re-prioritises with a reason: the clocks count from the receipt', async () => {
    const noReason = cardText(
      await execute(MANAGER, TEAMS_VERBS.reprioritise, { caseId: ids.complaint, priority: 'P1' }),
    );
    expect(noReason).toContain('Alcuni campi non sono validi: Motivo.');
    expect((await stored()).priority).toBe('P3');
    const answer = cardText(
      await execute(MANAGER, TEAMS_VERBS.reprioritise, {
        caseId: ids.complaint,
        priority: 'P1',
        reason: 'Rischio per la sicurezza',
      }),
    );
    expect(answer).toContain('P1');
    const p1 = await stored();
    const received = p1.receivedAt.getTime();
    const due = Object.fromEntries(p1.slaClocks.map((c) => [c.target, c.dueAt.getTime()]));
    expect(due).toEqual({
      first_response: received + 30 * MINUTE,
      resolution: received + 24 * 60 * MINUTE,
    });
    expect(await events()).toEqual(['complaint.filed', 'complaint.priority_changed']);
    await eventually(() => {
      const line = bot.stub
        .posted(`${SERVICE.id};messageid=${ids.card}`)
        .find((c) => JSON.stringify(c.body).includes('ha cambiato la priorità: P3 → P1'));
      if (!line) throw new Error('no thread line yet');
    });
  });

  it('reassigns to a technician picked from the list, and corrects the client', async () => {
    await execute(MANAGER, TEAMS_VERBS.reassign, { caseId: ids.complaint, assignee: TECH.id });
    expect((await stored()).assignee).toEqual(user(TECH.id, TECH.name));
    const notEligible = cardText(
      await execute(MANAGER, TEAMS_VERBS.reassign, {
        caseId: ids.complaint,
        assigneeId: NOBODY.id,
      }),
    );
    expect(notEligible).toContain('non ha un ruolo che prende in carico i casi');
    await execute(OPERATOR, TEAMS_VERBS.correctClient, {
      caseId: ids.complaint,
      clientId: ids.bianchi,
    });
    expect((await stored()).clientId).toBe(ids.bianchi);
    await eventually(() => {
      const line = bot.stub
        .posted(`${SERVICE.id};messageid=${ids.card}`)
        .find((c) => JSON.stringify(c.body).includes('Rossi (ROSSI) → Bianchi (BIANCHI)'));
      if (!line) throw new Error('no thread line yet');
    });
  });

  it('moves the case to another department: the new channel gets the card, the old card and thread point to it', async () => {
    const answer = cardText(
      await execute(MANAGER, TEAMS_VERBS.reroute, { caseId: ids.complaint, department: 'Qualità' }),
    );
    const pointer = `${(await stored()).number} è stato spostato in Qualità: la scheda ora è lì.`;
    expect(answer).toContain(pointer);
    await eventually(async () => expect((await stored()).announcement?.channel).toBe(QUALITY.id));
    await outboxSettled(bot);
    const moved = await stored();
    expect(moved.department).toBe('Qualità');
    const newCard = bot.stub
      .posted(QUALITY.id)
      .filter((c) => !c.conversationId.includes(';messageid='));
    expect(newCard).toHaveLength(1);
    expect(JSON.stringify(newCard[0]!.body)).toContain(moved.number);
    const oldCard = bot.stub
      .updated()
      .filter((c) => c.activityId === ids.card)
      .at(-1);
    expect(JSON.stringify(oldCard?.body)).toContain(pointer);
    const oldThread = bot.stub.posted(`${SERVICE.id};messageid=${ids.card}`);
    expect(oldThread.some((c) => JSON.stringify(c.body).includes(pointer))).toBe(true);
    const newThread = bot.stub.posted(`${QUALITY.id};messageid=${moved.announcement!.messageId}`);
    expect(JSON.stringify(newThread.map((c) => c.body))).toContain(
      `${moved.number} arriva qui da Assistenza.`,
    );
    expect((await events()).at(-1)).toBe('complaint.rerouted');
  });
});
