import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { draftCommunication } from '../../../src/domain/communication/communication-use-cases.js';
import { communicationServices } from '../../../src/services.js';
import { aClient, aComplaint, slackUser } from '../../support/fixtures.js';
import { useSlackBot } from '../../support/slack-bot.js';
import { postToBot, buttonPress } from '../../support/slack-requests.js';
import { toldTo, waitToldTo } from '../../support/told.js';

const TECH = 'U0TECH';
const DIRECTOR = 'U0DCOM';
const OFFICE = 'U0SCOM';
const CHANNEL = 'C0CASES';
const CONFLICT = /Qualcun altro/;

/**
 * A button pressed twice (at once, or again later) finds the work done: the second press is told
 * who did it and when, never "someone else changed it" nor "not possible in this status".
 */
describe('Slack: a second press of the same button says what already happened', () => {
  const bot = useSlackBot('slack_double_click');
  let clientId = '';
  beforeAll(async () => {
    const { store } = bot.db;
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await store.roles.assign(slackUser(TECH), ['technician']);
    await store.roles.assign(slackUser(DIRECTOR), ['DCOM']);
    await store.roles.assign(slackUser(OFFICE), ['SCOM']);
  });

  const caseWith = async (ts: string, overrides: Parameters<typeof aComplaint>[1]) => {
    const { store } = bot.db;
    const complaint = await store.complaints.register(aComplaint(clientId, overrides), 2026);
    await store.complaints.setAnnouncement(complaint.id, {
      platform: 'slack',
      channel: CHANNEL,
      messageId: ts,
    });
    return complaint.id;
  };
  const pressTwiceAtOnce = (who: string, action: string, value: string) =>
    Promise.all(
      [0, 1].map(() =>
        postToBot(bot.baseUrl, { body: buttonPress(who, action, value, CHANNEL, '1.1') }),
      ),
    );
  const pressAgain = (who: string, action: string, value: string) =>
    postToBot(bot.baseUrl, { body: buttonPress(who, action, value, CHANNEL, '1.1') });

  it('Take in charge twice: taken once, the second press names who took it and when', async () => {
    const caseId = await caseWith('10.1', { status: 'acknowledged', priority: 'P1' });
    const answers = await pressTwiceAtOnce(TECH, ACTIONS.takeInCharge, caseId);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const told = await waitToldTo(bot.stub, TECH, 1, /preso in carico/);
    expect(told).toEqual([
      expect.stringMatching(/^Già preso in carico da <@U0TECH> il \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/),
    ]);
    expect(await bot.db.store.complaints.get(caseId)).toMatchObject({
      status: 'in_progress',
      assignee: { id: TECH },
    });
    await pressAgain(TECH, ACTIONS.takeInCharge, caseId);
    await waitToldTo(bot.stub, TECH, 2, /^Già preso in carico da <@U0TECH>/);
    expect(toldTo(bot.stub, TECH, CONFLICT)).toEqual([]);
    expect(toldTo(bot.stub, TECH, /non è possibile/)).toEqual([]);
  });

  it('Approve twice: approved once, the second press says "già approvato da <@…> il …"', async () => {
    const caseId = await caseWith('20.1', {
      status: 'awaiting_approval',
      priority: 'P2',
      approvals: [
        {
          kind: 'cost',
          role: 'DCOM',
          reason: 'estimated cost above the threshold',
          status: 'pending',
          requestedAt: new Date('2026-11-20T09:15:00.000Z'),
        },
      ],
    });
    const value = JSON.stringify({ c: caseId, k: 'cost' });
    await pressTwiceAtOnce(DIRECTOR, ACTIONS.approve, value);
    const told = await waitToldTo(bot.stub, DIRECTOR, 1, /approvato/);
    expect(told).toEqual([
      expect.stringMatching(/^Già approvato da <@U0DCOM> il \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/),
    ]);
    const stored = await bot.db.store.complaints.get(caseId);
    expect(stored?.approvals.map((a) => [a.status, a.decidedBy?.id])).toEqual([
      ['approved', DIRECTOR],
    ]);
    const history = await bot.db.store.caseEvents.history('complaint', caseId);
    expect(history.filter((e) => e.type === 'approval.given')).toHaveLength(1);
    await pressAgain(DIRECTOR, ACTIONS.approve, value);
    await waitToldTo(bot.stub, DIRECTOR, 2, /^Già approvato da <@U0DCOM>/);
    expect(toldTo(bot.stub, DIRECTOR, CONFLICT)).toEqual([]);
  });

  it('Protocol twice: one number spent, the second press names who protocolled it and the number', async () => {
    const letters = communicationServices(bot.db.store, bot.chat.services);
    const drafted = await draftCommunication(letters, slackUser(DIRECTOR), {
      clientId,
      subject: 'Nuovo listino',
      body: 'Gentile cliente, …',
    });
    if (!drafted.ok) throw new Error(JSON.stringify(drafted.error));
    await pressTwiceAtOnce(OFFICE, ACTIONS.protocolCommunication, drafted.value.id);
    const told = await waitToldTo(bot.stub, OFFICE, 1, /^Già protocollata/);
    const letter = await bot.db.store.communications.get(drafted.value.id);
    expect(letter?.status).toBe('protocolled');
    expect(told).toEqual([
      `Già protocollata da <@U0SCOM> il ${told[0]!.match(/il (\S+ \S+),/)![1]}, con il numero ${letter!.protocol!.number}.`,
    ]);
    expect(toldTo(bot.stub, OFFICE, CONFLICT)).toEqual([]);
    expect(bot.stub.refusals).toEqual([]);
  });
});
