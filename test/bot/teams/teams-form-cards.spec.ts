import { beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_COMMANDS, TEAMS_VERBS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { translator } from '../../../src/i18n/translate.js';
import { aClient, aComplaint, COMPLAINT_TEXT_LIMITS, longest } from '../../support/fixtures.js';
import { messageBytes } from '../../support/connector-stub.js';
import { eventually } from '../../support/slack-bot.js';
import {
  actionExecute,
  activity,
  outboxSettled,
  postActivity,
  useTeamsBot,
} from '../../support/teams-bot.js';

const OPERATOR = { id: 'aad-operator', name: longest(200, 'Giulia ') };
const chat = { id: 'a:personal-operator', conversationType: 'personal' as const };
const CHANNEL = { id: '19:reclami@thread.tacv2', conversationType: 'channel' as const };
const CHAT_LOCALE = { it: 'it-IT', en: 'en-US' } as const;
const over = (limits: Record<string, number>) =>
  Object.fromEntries(Object.entries(limits).map(([field, max]) => [field, longest(max + 1)]));
/** Every text field at its limit; a problem code takes letters, digits, `.`, `_`, `-` only. */
const atLimit = (limits: Record<string, number>) => ({
  ...Object.fromEntries(Object.entries(limits).map(([field, max]) => [field, longest(max)])),
  problemCode: longest(limits.problemCode!, 'PMP_è-9.').replace(/\s/g, '_'),
});

/**
 * The forms and answers the Teams side sends or returns, in Italian and English, with a hundred
 * clients at their longest names and every field at its longest or refused: each card is checked
 * against the Adaptive Card 1.5 schema by the harness (sent ones by the Connector stub, invoke
 * answers by postActivity). Also: the Action.Submit fallback of older clients works like
 * Action.Execute.
 */
describe.each(['it', 'en'] as const)('Teams forms in %s, at their longest', (locale) => {
  const bot = useTeamsBot(`teams_form_cards_${locale}`, { defaultLocale: locale });
  const t = translator(locale);
  let clientId = '';
  beforeAll(async () => {
    for (let i = 0; i < 100; i++) {
      const number = String(i).padStart(3, '0');
      const client = aClient({
        code: `${longest(36, 'CLI-')}${number}`,
        name: `${longest(196, 'Officine “Rossi” & <Figli> ')}${number}`,
      });
      const { id } = await bot.db.store.clients.insert(NewClientSchema.parse(client));
      clientId ||= id;
    }
    await bot.db.store.roles.assign({ platform: 'teams', id: OPERATOR.id }, [
      'operator',
      'manager',
      'DCOM',
      'SDID',
    ]);
    await bot.db.store.routingRules.insert({
      department: '*',
      category: '*',
      priority: '*',
      destination: { platform: 'teams', channel: CHANNEL.id },
      mention: [],
    });
    await send({ type: 'conversationUpdate', membersAdded: [{ id: '28:sportello' }] }, CHANNEL);
  });
  const send = (fields: Record<string, unknown>, where: typeof chat | typeof CHANNEL = chat) =>
    postActivity(
      bot.baseUrl,
      activity(bot.stub.url, OPERATOR, where, { locale: CHAT_LOCALE[locale], ...fields }),
    );
  const execute = (verb: string, data: object, replyToId = `card-${Math.random()}`) =>
    send(actionExecute(verb, data, replyToId));
  const answered = (answer: { body: Record<string, unknown> }) => JSON.stringify(answer.body);

  it('sends the complaint form (both command words) and the D2 form', async () => {
    for (const word of [...TEAMS_COMMANDS.complaint, ...TEAMS_COMMANDS.d2])
      await send({ type: 'message', text: word });
    const forms = await eventually(() => {
      const posted = bot.stub.posted(chat.id);
      expect(posted).toHaveLength(3);
      return posted.map((call) => JSON.stringify(call.body));
    });
    expect(forms[0]).toContain(JSON.stringify(t('complaint.modal.title')));
    expect(forms[2]).toContain(JSON.stringify(t('d2.modal.title')));
    expect(forms.every((form) => form.includes('CLI-') && form.includes('099'))).toBe(true);
    // Teams asks bots to keep a message within 80 KB of its 100 KB limit to be sure it arrives.
    for (const call of bot.stub.posted(chat.id))
      expect(messageBytes(call.body)).toBeLessThan(80 * 1024);
  });

  it('answers a complaint form with every field refused, each error on the card', async () => {
    const answer = await execute(TEAMS_VERBS.complaintSubmit, {
      ...over(COMPLAINT_TEXT_LIMITS),
      clientId: 'forged',
      newClientName: longest(201),
      priority: 'P7',
      channel: 'fax',
      warranty: 'maybe',
      estimatedCostEur: 'dodici',
    });
    expect(answer.body).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    const errors = answered(answer).match(/⚠️/g) ?? [];
    expect(errors.length).toBeGreaterThanOrEqual(6);
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
  });

  it('answers a D2 form with every field refused', async () => {
    const answer = await execute(TEAMS_VERBS.d2Submit, {
      clientId: '',
      reason: longest(4001),
      notes: longest(4001),
      urgency: 'yesterday',
    });
    expect((answered(answer).match(/⚠️/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('files a complaint and a D2 at their longest values and answers with the notices', async () => {
    const filed = await execute(TEAMS_VERBS.complaintSubmit, {
      ...atLimit(COMPLAINT_TEXT_LIMITS),
      clientId,
      priority: 'P3',
      channel: 'email',
      warranty: 'out_of_warranty',
      estimatedCostEur: '999999,99',
      changesProductFunctionality: 'true',
      outsidePolicy: 'true',
    });
    expect(answered(filed)).toMatch(/R-\d{4}-0001/);
    const raised = await execute(TEAMS_VERBS.d2Submit, {
      clientId,
      reason: longest(4000),
      notes: longest(4000),
      urgency: 'high',
    });
    expect(answered(raised)).toMatch(/D2-\d{4}-0001/);
    await outboxSettled(bot);
  });

  it('opens the task module of "Register as complaint" and keeps it open with the errors', async () => {
    const extension = (name: string, value: object) =>
      send({
        type: 'invoke',
        name,
        value: { commandId: TEAMS_COMMANDS.registerComplaint, commandContext: 'message', ...value },
      });
    const opened = await extension('composeExtension/fetchTask', {
      messagePayload: { body: { contentType: 'html', content: `<p>${longest(5000)}</p>` } },
    });
    expect(answered(opened)).toContain('Action.Submit');
    const refused = await extension('composeExtension/submitAction', {
      data: { verb: TEAMS_VERBS.complaintSubmit, clientId, product: '', estimatedCostEur: 'x' },
    });
    expect(answered(refused)).toContain('⚠️');
  });

  it('handles the Action.Submit fallback of a client without Action.Execute like the button', async () => {
    const stored = await bot.db.store.complaints.register(
      aComplaint(clientId, {
        status: 'new',
        approvals: [],
        announcement: { platform: 'teams', channel: CHANNEL.id, messageId: 'card-in-channel' },
      }),
      2026,
    );
    const answer = await send({
      type: 'message',
      replyToId: 'card-in-chat',
      value: { verb: TEAMS_VERBS.acknowledge, caseId: stored.id },
    });
    expect(answer.status).toBe(200);
    expect((await bot.db.store.complaints.get(stored.id))?.status).toBe('acknowledged');
    const replaced = await eventually(() => {
      const update = bot.stub
        .updated()
        .find((call) => call.conversationId === chat.id && call.activityId === 'card-in-chat');
      if (!update) throw new Error('the card was not replaced yet');
      return JSON.stringify(update.body);
    });
    expect(replaced).toContain(JSON.stringify(t('status.acknowledged')));
    await send({
      type: 'message',
      replyToId: 'form-in-chat',
      value: {
        verb: TEAMS_VERBS.complaintSubmit,
        clientId,
        ...atLimit(COMPLAINT_TEXT_LIMITS),
        priority: 'P2',
        channel: 'phone',
        warranty: 'unknown',
      },
    });
    const notice = await eventually(() => {
      const update = bot.stub.updated().find((call) => call.activityId === 'form-in-chat');
      if (!update) throw new Error('the form was not replaced yet');
      return JSON.stringify(update.body);
    });
    expect(notice).toMatch(/R-\d{4}-\d{4}/);
    await outboxSettled(bot);
  });
});
