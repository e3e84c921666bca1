import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  buttonPress,
  input,
  postToBot,
  slashCommand,
  viewSubmission,
} from '../../support/slack-requests.js';
import { toldTo, waitToldTo } from '../../support/told.js';

const user = slackUser;

describe('Slack: a D2 goes on after the signature (SCOM acts, the requester hears)', () => {
  const bot = useSlackBot('slack_d2_follow');
  let clientId: string;
  beforeAll(async () => {
    clientId = (
      await bot.db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'VERDI' })))
    ).id;
    await bot.db.store.roles.assign(user('U0SDID'), ['SDID']);
    await bot.db.store.roles.assign(user('U0DCOM'), ['DCOM']);
    await bot.db.store.roles.assign(user('U0SCOM1'), ['SCOM']);
    await bot.db.store.roles.assign(user('U0SCOM2'), ['SCOM']);
  });

  /** SDID raises a D2 through its form; gives its id and the director's DM card ts. */
  async function raise(viewId: string, reason: string) {
    await postToBot(bot.baseUrl, { body: slashCommand(COMMANDS.d2, 'U0SDID') });
    await postToBot(bot.baseUrl, {
      body: viewSubmission('U0SDID', {
        id: viewId,
        callbackId: VIEWS.d2,
        values: {
          client: input.external(OPTIONS.client, clientId),
          reason: input.text(reason),
          urgency: input.select('normal'),
        },
      }),
    });
    return eventually(async () => {
      const all = await bot.db.store.d2Requests.awaitingSignature(10);
      const d2 = all.find((d) => d.reason === reason);
      if (!d2?.announcement) throw new Error('no card for the director yet');
      return { id: d2.id, number: d2.number, ts: d2.announcement.messageId };
    });
  }
  /** The DM a user got carrying `actionId` for this D2. */
  const dmWithButton = (userId: string, d2Id: string, actionId: string) =>
    eventually(() => {
      const call = bot.stub
        .of('chat.postMessage')
        .find(
          (c) =>
            c.args.channel === userId &&
            JSON.stringify(c.args.blocks).includes(`"action_id":"${actionId}"`) &&
            JSON.stringify(c.args.blocks).includes(d2Id),
        );
      if (!call) throw new Error(`no DM with ${actionId} to ${userId} yet`);
      return call;
    });
  const press = (userId: string, actionId: string, d2Id: string, ts: string) =>
    postToBot(bot.baseUrl, { body: buttonPress(userId, actionId, d2Id, userId, ts) });

  it('tells a double Sign who signed it and when; every SCOM gets it with Start / Complete; the requester hears each step', async () => {
    const d2 = await raise('VFT1', 'Rinnovo del contratto di assistenza');
    // Two presses of Sign at once, then a third: one signature, the others told who signed.
    await Promise.all([
      press('U0DCOM', ACTIONS.d2Sign, d2.id, d2.ts),
      press('U0DCOM', ACTIONS.d2Sign, d2.id, d2.ts),
    ]);
    await press('U0DCOM', ACTIONS.d2Sign, d2.id, d2.ts);
    const already = await waitToldTo(bot.stub, 'U0DCOM', 2, /firmata/);
    for (const line of already)
      expect(line).toMatch(
        /^La richiesta è già firmata da <@U0DCOM> il \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/,
      );
    expect(toldTo(bot.stub, 'U0DCOM', /Qualcun altro/)).toEqual([]);
    const history = await bot.db.store.caseEvents.history('d2', d2.id);
    expect(history.filter((e) => e.type === 'd2.sign')).toHaveLength(1);

    // Each SCOM holder gets the D2 in a DM, with Start and Complete that work for them.
    const [first, second] = await Promise.all(
      ['U0SCOM1', 'U0SCOM2'].map((id) => dmWithButton(id, d2.id, ACTIONS.d2Start)),
    );
    for (const dm of [first!, second!]) {
      expect(JSON.stringify(dm.args.blocks)).toContain(ACTIONS.d2Complete);
      expect(String(dm.args.text)).toContain(d2.number);
    }
    const signedLine = await waitToldTo(bot.stub, 'U0SDID', 1, /firmata da/);
    expect(signedLine).toEqual([
      `La tua richiesta *${d2.number}* è stata firmata da <@U0DCOM>: la segreteria commerciale contatterà il cliente.`,
    ]);

    await press('U0SCOM2', ACTIONS.d2Start, d2.id, '1.1');
    await eventually(async () =>
      expect(await bot.db.store.d2Requests.get(d2.id)).toMatchObject({ status: 'in_progress' }),
    );
    expect(await waitToldTo(bot.stub, 'U0SDID', 1, /avviato/)).toEqual([
      `<@U0SCOM2> ha avviato la tua richiesta *${d2.number}*: il cliente viene contattato.`,
    ]);
    // The other SCOM presses Start on their (older) copy: told who started it, nothing changes.
    await press('U0SCOM1', ACTIONS.d2Start, d2.id, '1.2');
    const late = await waitToldTo(bot.stub, 'U0SCOM1', 1, /già stata avviata/);
    expect(late[0]).toMatch(/^La richiesta è già stata avviata da <@U0SCOM2> il /);

    await postToBot(bot.baseUrl, {
      body: viewSubmission('U0SCOM1', {
        id: 'VFT1DONE',
        callbackId: VIEWS.d2Complete,
        privateMetadata: JSON.stringify({ id: d2.id }),
        values: { outcome: input.text('Contratto rinnovato <!channel>') },
      }),
    });
    expect(await waitToldTo(bot.stub, 'U0SDID', 1, /conclusa/)).toEqual([
      `La tua richiesta *${d2.number}* è stata conclusa da <@U0SCOM1>. Esito: Contratto rinnovato &lt;!channel&gt;`,
    ]);
    // Each step is told once.
    expect(toldTo(bot.stub, 'U0SDID', /La tua richiesta|ha avviato/)).toHaveLength(3);
  });

  it('reminds SCOM of a signed D2 nobody started, with its Start / Complete again', async () => {
    const d2 = await raise('VFT3', 'Visita di cortesia');
    await press('U0DCOM', ACTIONS.d2Sign, d2.id, d2.ts);
    await dmWithButton('U0SCOM1', d2.id, ACTIONS.d2Start);
    await bot.chat.services.notifier.queue(
      {
        type: 'd2.to_carry_out',
        case: { caseKind: 'd2', caseId: d2.id, caseNumber: d2.number },
        to: [user('U0SCOM1')],
        waitingSince: new Date('2026-11-30T09:00:00Z'),
      },
      { once: 'test-unstarted' },
    );
    const reminder = await waitToldTo(bot.stub, 'U0SCOM1', 1, /nessuno l’ha ancora avviata/);
    expect(reminder).toEqual([
      `:memo: La richiesta *${d2.number}* è firmata dal 30/11/2026 10:00 e nessuno l’ha ancora avviata: premi *Avvia* quando contatti il cliente.`,
    ]);
    const dm = bot.stub
      .of('chat.postMessage')
      .find((c) => c.args.channel === 'U0SCOM1' && String(c.args.text).includes('nessuno'));
    expect(JSON.stringify(dm?.args.blocks)).toContain(ACTIONS.d2Start);
    expect(JSON.stringify(dm?.args.blocks)).toContain(ACTIONS.d2Complete);
  });

  it('tells the requester a decline with its reason, and SCOM nothing', async () => {
    const d2 = await raise('VFT2', 'Sollecito di pagamento');
    await postToBot(bot.baseUrl, {
      body: viewSubmission('U0DCOM', {
        id: 'VFT2NO',
        callbackId: VIEWS.d2Decline,
        privateMetadata: JSON.stringify({ id: d2.id }),
        values: { reason: input.text('Già sentito ieri dal direttore') },
      }),
    });
    expect(await waitToldTo(bot.stub, 'U0SDID', 1, /declinata/)).toEqual([
      `La tua richiesta *${d2.number}* è stata declinata da <@U0DCOM>. Motivo: Già sentito ieri dal direttore`,
    ]);
    await press('U0DCOM', ACTIONS.d2Sign, d2.id, d2.ts);
    expect((await waitToldTo(bot.stub, 'U0DCOM', 1, /declinata/))[0]).toMatch(
      /^La richiesta è già stata declinata da <@U0DCOM> il /,
    );
    const toScom = bot.stub
      .of('chat.postMessage')
      .filter(
        (c) =>
          String(c.args.channel).startsWith('U0SCOM') && JSON.stringify(c.args).includes(d2.id),
      );
    expect(toScom).toEqual([]);
    expect(bot.stub.refusals).toEqual([]);
  });
});
