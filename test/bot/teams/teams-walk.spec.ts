import { beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_VERBS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { ChatUser } from '../../../src/domain/shared/chat-user.js';
import { aClient } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import { actionExecute, activity, postActivity, useTeamsBot } from '../../support/teams-bot.js';

const user = (id: string, name = id): ChatUser => ({ platform: 'teams', id, name });
const OPERATOR = { id: 'aad-operator', name: 'Giulia' };
const TECH = { id: 'aad-tech', name: 'Luca' };
const DIRECTOR = { id: 'aad-director', name: 'Marco' };
const CHANNEL = { id: '19:assistenza@thread.tacv2', conversationType: 'channel' as const };
const personal = (who: { id: string }) => ({
  id: `a:personal-${who.id}`,
  conversationType: 'personal' as const,
});

describe('Teams: a complaint from the intake card to closing, through the real teams-ai Application', () => {
  const bot = useTeamsBot('teams_walk');
  let clientId: string;
  beforeAll(async () => {
    clientId = (
      await bot.db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'TEAMS1' })))
    ).id;
    await bot.db.store.roles.assign(user(OPERATOR.id), ['operator']);
    await bot.db.store.roles.assign(user(TECH.id), ['technician']);
    await bot.db.store.roles.assign(user(DIRECTOR.id), ['DCOM', 'manager']);
    await bot.db.store.routingRules.insert({
      department: 'assistenza',
      category: '*',
      priority: '*',
      destination: { platform: 'teams', channel: CHANNEL.id },
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
    conversation: { id: string; conversationType: 'personal' | 'channel' },
    verb: string,
    data: object,
    replyToId = 'act-x',
  ) => send(from, conversation, actionExecute(verb, data, replyToId));
  /** The card an Action.Execute answered with (the harness checks it against 1.5), as text. */
  const cardText = (response: { body: Record<string, unknown> }) =>
    JSON.stringify(response.body.value ?? response.body);

  it('captures the channel on install and sends the intake card in a personal chat', async () => {
    await send(TECH, CHANNEL, {
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:sportello' }],
      channelData: { team: { id: 'team-1' } },
    });
    expect(await bot.db.store.conversations.find(CHANNEL.id)).toMatchObject({ id: CHANNEL.id });
    const answer = await send(OPERATOR, personal(OPERATOR), { type: 'message', text: 'reclamo' });
    expect(answer.status).toBe(200);
    const [form] = await eventually(() => {
      const posted = bot.stub.posted(personal(OPERATOR).id);
      if (!posted.length) throw new Error('no form yet');
      return posted;
    });
    expect(JSON.stringify(form!.body)).toContain(TEAMS_VERBS.complaintSubmit);
    expect(JSON.stringify(form!.body)).toContain('30 minuti');
  });

  const valid = {
    product: 'Pompa P-7',
    description: 'Perde pressione',
    problemCode: 'PMP-1',
    category: 'pompe',
    department: 'assistenza',
    priority: 'P2',
    channel: 'phone',
    warranty: 'unknown',
  };

  it('refuses invalid card data with localised errors on the same card, storing nothing', async () => {
    const answer = await execute(
      OPERATOR,
      personal(OPERATOR),
      TEAMS_VERBS.complaintSubmit,
      { ...valid, clientId, product: 'x'.repeat(201), priority: 'P7' },
      'form-1',
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
    });
    expect(cardText(answer)).toContain('Al massimo 200 caratteri.');
    expect(cardText(answer)).toContain('Valore non valido.');
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
  });

  let caseId = '';
  let cardId = '';
  it('registers the case from the card once, and posts its card to the department channel', async () => {
    const answer = await execute(
      OPERATOR,
      personal(OPERATOR),
      TEAMS_VERBS.complaintSubmit,
      { ...valid, clientId, estimatedCostEur: '1500' },
      'form-2',
    );
    expect(cardText(answer)).toMatch(/R-\d{4}-0001/);
    await execute(
      OPERATOR,
      personal(OPERATOR),
      TEAMS_VERBS.complaintSubmit,
      { ...valid, clientId, estimatedCostEur: '1500' },
      'form-2',
    );
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(1);
    const stored = await eventually(async () => {
      const [c] = await bot.db.store.complaints.recent(1);
      if (!c?.announcement) throw new Error('not announced yet');
      return c;
    });
    caseId = stored.id;
    cardId = stored.announcement!.messageId;
    expect(stored).toMatchObject({
      status: 'awaiting_approval',
      registeredBy: { platform: 'teams', id: OPERATOR.id },
    });
    expect(stored.announcement).toMatchObject({ platform: 'teams', channel: CHANNEL.id });
    const card = bot.stub
      .posted(CHANNEL.id)
      .find((c) => JSON.stringify(c.body).includes(stored.number));
    expect(JSON.stringify(card?.body)).toContain(TEAMS_VERBS.refresh);
    await eventually(() => {
      const approvalAsk = bot.stub
        .posted(`${CHANNEL.id};messageid=${cardId}`)
        .find((c) => JSON.stringify(c.body).includes(TEAMS_VERBS.approve));
      if (!approvalAsk) throw new Error('no approval request in the thread yet');
    });
  });

  it('refuses an approval by a non-director on the card, and audits it', async () => {
    const answer = await execute(TECH, CHANNEL, TEAMS_VERBS.approve, { caseId, kind: 'cost' });
    expect(cardText(answer)).toContain('Il tentativo è stato registrato');
    const history = await bot.db.store.caseEvents.history('complaint', caseId);
    expect(history.at(-1)).toMatchObject({
      type: 'approval.attempt_refused',
      actor: { platform: 'teams', id: TECH.id },
    });
    expect((await bot.db.store.complaints.get(caseId))?.status).toBe('awaiting_approval');
  });

  it('walks the case: director approves, take in charge, escalate, approve, resolve, close — the card refreshes each time', async () => {
    const status = async () => (await bot.db.store.complaints.get(caseId))?.status;
    // The approval card, pressed, says who decided and when, and keeps no buttons.
    const decided = cardText(
      await execute(DIRECTOR, CHANNEL, TEAMS_VERBS.approve, { caseId, kind: 'cost' }),
    );
    expect(decided).toMatch(
      /Costo oltre soglia: approvata da Marco il \d\d\/\d\d\/\d{4} \d\d:\d\d/,
    );
    expect(decided).not.toContain('Action.Execute');
    expect(await status()).toBe('acknowledged');
    expect(cardText(await execute(TECH, CHANNEL, TEAMS_VERBS.takeInCharge, { caseId }))).toContain(
      'In lavorazione',
    );
    await execute(TECH, CHANNEL, TEAMS_VERBS.escalate, {
      caseId,
      kind: 'feature_change',
      reason: 'Modifica al ciclo',
    });
    expect(await status()).toBe('awaiting_approval');
    await execute(DIRECTOR, CHANNEL, TEAMS_VERBS.approve, { caseId, kind: 'feature_change' });
    await execute(TECH, CHANNEL, TEAMS_VERBS.takeInCharge, { caseId });
    await execute(TECH, CHANNEL, TEAMS_VERBS.resolve, {
      caseId,
      solution: 'Sostituita la valvola',
      costEur: '80',
    });
    expect(await status()).toBe('resolved');
    expect(cardText(await execute(OPERATOR, CHANNEL, TEAMS_VERBS.close, { caseId }))).toContain(
      'Per chiudere servono ancora: origin',
    );
    const closed = await execute(OPERATOR, CHANNEL, TEAMS_VERBS.close, {
      caseId,
      origin: 'supplier',
    });
    expect(cardText(closed)).toContain('Chiuso');
    expect(await bot.db.store.complaints.get(caseId)).toMatchObject({
      status: 'closed',
      origin: 'supplier',
      costEur: 80,
    });
    await eventually(() => {
      const updates = bot.stub.updated().filter((c) => c.activityId === cardId);
      expect(updates.length).toBeGreaterThanOrEqual(8);
      expect(JSON.stringify(updates.at(-1)?.body)).toContain('Chiuso');
    });
    const refreshed = await execute(TECH, CHANNEL, TEAMS_VERBS.refresh, {
      caseId,
      kind: 'complaint',
    });
    expect(cardText(refreshed)).toContain('Chiuso');
  });

  it('keeps a message when the Bot Connector answers 500, and delivers it when it recovers', async () => {
    bot.stub.failNext(2, 'POST', CHANNEL.id);
    const answer = await execute(
      OPERATOR,
      personal(OPERATOR),
      TEAMS_VERBS.complaintSubmit,
      { ...valid, clientId, problemCode: 'PMP-2' },
      'form-3',
    );
    expect(cardText(answer)).toMatch(/R-\d{4}-0002/);
    const second = await eventually(async () => {
      const [c] = await bot.db.store.complaints.recent(1);
      if (!c?.announcement) throw new Error('not announced yet');
      return c;
    }, 10_000);
    expect(bot.stub.calls.filter((c) => c.method === 'POST#failed')).toHaveLength(2);
    expect(
      bot.stub
        .posted(CHANNEL.id)
        .filter(
          (c) => JSON.stringify(c.body).includes(second.number) && !c.conversationId.includes(';'),
        ),
    ).toHaveLength(1);
  });

  it('brings SLA reminders and the digest, with its chart, to Teams through the same notifier', async () => {
    const complaint = (await bot.db.store.complaints.get(caseId))!;
    const ref = { caseKind: 'complaint' as const, caseId, caseNumber: complaint.number };
    await bot.chat.services.notifier.queue({
      type: 'case.reminder',
      case: ref,
      kind: 'breach',
      target: 'resolution',
      dueAt: new Date('2026-11-30T09:00:00Z'),
      to: [user(DIRECTOR.id, DIRECTOR.name)],
    });
    await eventually(() => {
      const reminder = bot.stub
        .posted(`${CHANNEL.id};messageid=${cardId}`)
        .find((c) => JSON.stringify(c.body).includes('Risoluzione scaduta'));
      if (!reminder) throw new Error('no reminder yet');
      expect(JSON.stringify(reminder.body)).toContain('Marco');
    });
    const { postDigest } = await import('../../../src/domain/kpi/digest.js');
    await postDigest(
      {
        kpi: bot.db.store.kpi,
        notifier: bot.chat.services.notifier,
        clock: { now: () => new Date() },
        timeZone: 'Europe/Rome',
      },
      { platform: 'teams', channel: CHANNEL.id },
      { from: new Date(Date.now() - 7 * 86_400_000), to: new Date(Date.now() + 60_000) },
    );
    const digest = await eventually(() => {
      const call = bot.stub
        .posted(CHANNEL.id)
        .find((c) => JSON.stringify(c.body).includes('Indicatori customer care'));
      if (!call) throw new Error('no digest yet');
      return call;
    });
    const body = JSON.stringify(digest.body);
    expect(body).toContain('data:image/png;base64,iVBORw0KGgo');
    expect(body).toMatch(/aperti 2/);
  });

  it('DMs a breach to Teams users in their language with a link to the card, posts it to the escalation channel, and tells of an unhappy rating', async () => {
    // The technician's Teams speaks English, the director's Italian: each DM in its reader's.
    await send(DIRECTOR, personal(DIRECTOR), { type: 'message', text: 'aiuto' });
    await send(TECH, personal(TECH), { type: 'message', text: 'help', locale: 'en-GB' });
    const complaint = (await bot.db.store.complaints.get(caseId))!;
    const ref = { caseKind: 'complaint' as const, caseId, caseNumber: complaint.number };
    const updatesBefore = bot.stub.updated().length;
    await bot.chat.services.notifier.queue(
      {
        type: 'case.reminder',
        case: ref,
        kind: 'breach',
        target: 'resolution',
        dueAt: new Date('2026-11-30T09:00:00Z'),
        to: [user(TECH.id, TECH.name), user(DIRECTOR.id, DIRECTOR.name)],
        escalation: { platform: 'teams', channel: CHANNEL.id },
      },
      { once: 'teams-breach' },
    );
    const url = `https://teams.microsoft.com/l/message/${encodeURIComponent(CHANNEL.id)}/${cardId}`;
    const link = `[apri il caso](${url})`;
    const dmOf = (who: { id: string }, about: string) =>
      bot.stub
        .posted(personal(who).id)
        .map((c) => JSON.stringify(c.body))
        .filter((body) => body.includes(about));
    await eventually(() => {
      expect(dmOf(DIRECTOR, 'è in ritardo')).toEqual([
        expect.stringContaining(
          `Il caso **${complaint.number}** è in ritardo: Risoluzione entro il 30/11/2026 10:00, scadenza superata. — ${link}`,
        ),
      ]);
      expect(dmOf(TECH, 'is late')).toEqual([
        expect.stringContaining(
          `Case **${complaint.number}** is late: Resolution was due 30/11/2026 10:00. — [open the case](${url})`,
        ),
      ]);
    });
    const escalated = await eventually(() => {
      const post = bot.stub
        .posted(CHANNEL.id)
        .find(
          (c) => c.conversationId === CHANNEL.id && JSON.stringify(c.body).includes('Scadenza'),
        );
      if (!post) throw new Error('nothing in the escalation channel yet');
      return JSON.stringify(post.body);
    });
    expect(escalated).toContain(
      `Scadenza superata: **${complaint.number}** (P2, reparto assistenza), Risoluzione entro il 30/11/2026 10:00. Avvisati: Luca, Marco.`,
    );
    expect(bot.stub.updated().length).toBeGreaterThan(updatesBefore);

    const { recordSatisfaction } =
      await import('../../../src/domain/satisfaction/record-satisfaction.js');
    const { satisfactionServices } = await import('../../../src/services.js');
    const rated = await recordSatisfaction(
      satisfactionServices(bot.db.store, bot.chat.services),
      user(OPERATOR.id),
      { complaintId: caseId, rating: 1, comment: 'tempi lunghi' },
    );
    expect(rated).toMatchObject({ ok: true, value: { status: 'reopened' } });
    await eventually(() => {
      expect(dmOf(DIRECTOR, 'riaperto')).toEqual([
        expect.stringContaining(
          `Il caso **${complaint.number}** è stato riaperto: il cliente ha dato 1/5. Commento: «tempi lunghi» — ${link}`,
        ),
      ]);
      expect(dmOf(TECH, 'reopened')).toEqual([
        expect.stringContaining(
          `Case **${complaint.number}** was reopened: the customer rated it 1/5. Comment: “tempi lunghi” — [open the case](${url})`,
        ),
      ]);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dmOf(DIRECTOR, 'è in ritardo')).toHaveLength(1);
    expect(dmOf(DIRECTOR, 'riaperto')).toHaveLength(1);
    expect(dmOf(TECH, 'is late')).toHaveLength(1);
    expect(dmOf(TECH, 'reopened')).toHaveLength(1);
  });

  it('opens the form from "Register as complaint" on a message, and files it from the task module', async () => {
    const fetch = await send(OPERATOR, personal(OPERATOR), {
      type: 'invoke',
      name: 'composeExtension/fetchTask',
      value: {
        commandId: 'registerComplaint',
        commandContext: 'message',
        messagePayload: {
          body: {
            contentType: 'html',
            content: '<p>La caldaia &amp; il bruciatore<br>non partono</p>',
          },
        },
      },
    });
    const taskCard = JSON.stringify(fetch.body);
    expect(taskCard).toContain('La caldaia & il bruciatore\\nnon partono');
    expect(taskCard).toContain('Action.Submit');
    const refused = await send(OPERATOR, personal(OPERATOR), {
      type: 'invoke',
      name: 'composeExtension/submitAction',
      value: {
        commandId: 'registerComplaint',
        commandContext: 'message',
        data: { verb: TEAMS_VERBS.complaintSubmit, ...valid, clientId, product: '' },
      },
    });
    expect(JSON.stringify(refused.body)).toContain('Campo obbligatorio.');
    const before = await bot.db.store.models.complaint.countDocuments();
    const filed = await send(OPERATOR, personal(OPERATOR), {
      type: 'invoke',
      name: 'composeExtension/submitAction',
      value: {
        commandId: 'registerComplaint',
        commandContext: 'message',
        data: { verb: TEAMS_VERBS.complaintSubmit, ...valid, clientId, problemCode: 'PMP-9' },
      },
    });
    expect(filed.status).toBe(200);
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(before + 1);
  });

  it('assigns roles from Teams: only the director or an admin may', async () => {
    const newcomer = '0f0e0d0c-0000-4000-8000-000000000001';
    await send(TECH, personal(TECH), { type: 'message', text: `roles ${newcomer} SCOM` });
    expect(await bot.db.store.roles.rolesOf({ platform: 'teams', id: newcomer })).toEqual([]);
    await send(DIRECTOR, personal(DIRECTOR), {
      type: 'message',
      text: `roles ${newcomer} SCOM,operator`,
    });
    expect(await bot.db.store.roles.rolesOf({ platform: 'teams', id: newcomer })).toEqual([
      'SCOM',
      'operator',
    ]);
    await eventually(() => {
      const told = bot.stub
        .posted(personal(TECH).id)
        .find((c) =>
          JSON.stringify(c.body).includes('Per assegnare ruoli serve uno di questi ruoli'),
        );
      if (!told) throw new Error('no refusal yet');
    });
  });

  it('refuses an activity body over the size limit', async () => {
    const response = await fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
  });
});
