import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { refOf } from '../../../src/domain/complaint/change-complaint.js';
import { askForApprovals } from '../../../src/domain/complaint/complaint-messages.js';
import { aClient, aComplaint, operator, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  buttonPress,
  input,
  postToBot,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';
import { toldTo, waitToldTo } from '../../support/told.js';

const TECH = 'U0TECH';
const DIRECTOR = 'U0DCOM';
const CHANNEL = 'C0CASES';
const CARD_TS = '30.1';

/**
 * An approval closes its loop: the director is asked in the case thread and by DM; once they
 * approve, the message with the buttons says who decided and when and has no buttons left, and
 * the operator who filed the case (in the thread, or by DM when they chose so) and its assignee
 * are told.
 */
describe('Slack: an approval asked, decided and told', () => {
  const bot = useSlackBot('slack_approval_loop');
  let caseId = '';
  beforeAll(async () => {
    const { store } = bot.db;
    const clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await store.roles.assign(slackUser(DIRECTOR), ['DCOM']);
    const complaint = await store.complaints.register(
      aComplaint(clientId, {
        status: 'awaiting_approval',
        priority: 'P2',
        approvals: [
          {
            kind: 'cost',
            role: 'DCOM',
            reason: 'cost above threshold',
            status: 'pending',
            requestedAt: new Date('2026-11-20T09:15:00.000Z'),
          },
        ],
      }),
      2026,
    );
    caseId = complaint.id;
    await store.complaints.setAnnouncement(caseId, {
      platform: 'slack',
      channel: CHANNEL,
      messageId: CARD_TS,
    });
    await askForApprovals(bot.chat.services, refOf(complaint), complaint.approvals);
  });

  it('asks the approver in the thread (with buttons) and in their DM', async () => {
    const ask = await eventually(() => {
      const call = bot.stub
        .of('chat.postMessage')
        .find(
          (c) =>
            c.args.thread_ts === CARD_TS && JSON.stringify(c.args.blocks).includes(ACTIONS.approve),
        );
      if (!call) throw new Error('no approval request yet');
      return call;
    });
    expect(String(ask.args.text)).toContain(`<@${DIRECTOR}>`);
    const dm = await waitToldTo(bot.stub, DIRECTOR, 1, /attende la tua decisione/);
    expect(dm).toEqual([
      `Il caso ${(await bot.db.store.complaints.get(caseId))!.number} attende la tua decisione (Costo oltre soglia): cost above threshold — <#${CHANNEL}>`,
    ]);
  });

  it('once approved, the request names the decider and loses its buttons; filer and assignee are told', async () => {
    // Where Slack put the request: its ts, as the outbox recorded Slack's answer.
    const entry = await bot.db.store.models.outbox
      .findOne({ 'notification.type': 'decision.requested' })
      .lean();
    const sent = (entry as { sent?: { part: string; answer: string }[] } | null)?.sent ?? [];
    const askTs = sent.find((p) => p.part === 'slack/ask')?.answer ?? '';
    expect(askTs).not.toBe('');
    const value = JSON.stringify({ c: caseId, k: 'cost' });
    const answer = await postToBot(bot.baseUrl, {
      body: buttonPress(DIRECTOR, ACTIONS.approve, value, CHANNEL, askTs),
    });
    expect(answer.status).toBe(200);
    const update = await eventually(() => {
      const call = bot.stub.of('chat.update').find((c) => c.args.ts === askTs);
      if (!call) throw new Error('approval message not updated yet');
      return call;
    });
    expect(update.args.channel).toBe(CHANNEL);
    expect(String(update.args.text)).toMatch(
      new RegExp(
        `^Costo oltre soglia: approvata da <@${DIRECTOR}> il \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d$`,
      ),
    );
    const blocks = update.args.blocks as { type: string }[];
    expect(blocks.map((b) => b.type)).toEqual(['section']);

    const number = (await bot.db.store.complaints.get(caseId))!.number;
    const about = /approvazione concessa/;
    // The filer follows their cases in the thread unless they said otherwise (the default).
    const inThread = await eventually(() => {
      const call = bot.stub
        .of('chat.postMessage')
        .find((c) => c.args.thread_ts === CARD_TS && about.test(String(c.args.text)));
      if (!call) throw new Error('filer not told in the thread yet');
      return call;
    });
    expect(inThread.args.text).toBe(
      `<@${operator.id}> Caso ${number}: approvazione concessa da <@${DIRECTOR}>.`,
    );
    expect(toldTo(bot.stub, operator.id, about)).toEqual([]);
    expect(await waitToldTo(bot.stub, TECH, 1, about)).toHaveLength(1);
    // The decider knows: they are not told again.
    expect(toldTo(bot.stub, DIRECTOR, about)).toEqual([]);
    expect(bot.stub.refusals).toEqual([]);
  });

  it('refused through its form, the request says who refused, when and why, and the filer is told', async () => {
    const { store } = bot.db;
    const clientId = (await store.complaints.get(caseId))!.clientId;
    const second = await store.complaints.register(
      aComplaint(clientId, {
        status: 'awaiting_approval',
        priority: 'P2',
        assignee: undefined,
        approvals: [
          {
            kind: 'cost',
            role: 'DCOM',
            reason: 'cost above threshold',
            status: 'pending',
            requestedAt: new Date('2026-11-21T09:15:00.000Z'),
          },
        ],
      }),
      2026,
    );
    // This filer asked to be told by DM.
    const follow = await postToBot(bot.baseUrl, {
      body: slashCommand(COMMANDS.sportello, operator.id, 'follow dm'),
    });
    expect(follow.json().text).toBe(
      'Fatto: saprai delle novità dei reclami che hai registrato in un messaggio diretto.',
    );
    const value = JSON.stringify({ c: second.id, k: 'cost' });
    const requestTs = '40.1';
    await postToBot(bot.baseUrl, {
      body: buttonPress(DIRECTOR, ACTIONS.refuse, value, CHANNEL, requestTs),
    });
    const form = await eventually(() => {
      const call = bot.stub
        .of('views.open')
        .find((c) => (c.args.view as { callback_id: string }).callback_id === VIEWS.approvalRefuse);
      if (!call) throw new Error('no refuse form yet');
      return call;
    });
    const submitted = await postToBot(bot.baseUrl, {
      body: viewSubmission(DIRECTOR, {
        id: 'VREFUSE',
        callbackId: VIEWS.approvalRefuse,
        privateMetadata: (form.args.view as { private_metadata: string }).private_metadata,
        values: { reason: input.text('Costo <!channel> non giustificato') },
      }),
    });
    expect(submitted.text).toBe('');
    const update = await eventually(() => {
      const call = bot.stub.of('chat.update').find((c) => c.args.ts === requestTs);
      if (!call) throw new Error('refused request not updated yet');
      return call;
    });
    expect(update.args.channel).toBe(CHANNEL);
    expect(String(update.args.text)).toMatch(
      new RegExp(
        `^Costo oltre soglia: rifiutata da <@${DIRECTOR}> il .+ — Costo &lt;!channel&gt; non giustificato$`,
      ),
    );
    expect((update.args.blocks as { type: string }[]).map((b) => b.type)).toEqual(['section']);
    expect(await waitToldTo(bot.stub, operator.id, 1, /approvazione rifiutata/)).toEqual([
      `Caso ${second.number}: approvazione rifiutata da <@${DIRECTOR}>. Motivo: Costo &lt;!channel&gt; non giustificato`,
    ]);
    expect(bot.stub.refusals).toEqual([]);
  });
});
