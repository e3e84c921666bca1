import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { IMPORTER, type ChatUser } from '../../../src/domain/shared/chat-user.js';
import { runWeeklyDigest } from '../../../src/jobs/digest.job.js';
import { FixedClock } from '../../fakes/in-memory-services.js';
import { rome } from '../../support/calendar.js';
import { aClient, aComplaint, director, operator, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { buttonPress, postToBot, slashCommand } from '../../support/slack-requests.js';
import { toldTo } from '../../support/told.js';

const TECH = 'U0TECH';
const ENGLISH_FILER = slackUser('U0EN');
const MANAGER = 'U0MGR';
const NOBODY = 'U0NOROLE';
const CHANNEL = 'C0ASSIST';

/**
 * Issue 17.5 and 17.9 through real Bolt over HTTP: the operator who filed a complaint hears its
 * moves their way (thread, DM, nothing), set with `/sportello follow`; the director (only) sets
 * where the weekly digest goes with `/sportello digest here|#channel`, and the job posts it there.
 */
describe('Slack: the filer follows the case; the director places the weekly digest', () => {
  const bot = useSlackBot('slack_follow_settings', { locales: { U0EN: 'en-GB' } });
  let clientId = '';
  beforeAll(async () => {
    const { store } = bot.db;
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await store.roles.assign(operator, ['operator']);
    await store.roles.assign(ENGLISH_FILER, ['operator']);
    await store.roles.assign(slackUser(TECH), ['technician']);
    await store.roles.assign(director, ['DCOM']);
    await store.roles.assign(slackUser(MANAGER), ['manager']);
  });
  const post = (body: string) => postToBot(bot.baseUrl, { body });
  const command = async (name: string, user: string, text: string, channel = 'C0OPS') =>
    String((await post(slashCommand(name, user, text, channel))).json().text);
  const delivered = () =>
    eventually(async () => {
      const waiting = await bot.db.store.models.outbox.countDocuments({
        status: { $in: ['pending', 'delivering'] },
      });
      if (waiting) throw new Error(`${waiting} messages not delivered yet`);
    });
  /** A new P3 filed by `filer`, its card already in CHANNEL as message `ts`. */
  const filedBy = async (filer: ChatUser, ts: string) => {
    const complaint = await bot.db.store.complaints.register(
      aComplaint(clientId, {
        status: 'new',
        priority: 'P3',
        registeredBy: filer,
        assignee: undefined,
        approvals: [],
      }),
      2026,
    );
    const at = { platform: 'slack' as const, channel: CHANNEL, messageId: ts };
    await bot.db.store.complaints.setAnnouncement(complaint.id, at);
    return complaint;
  };
  const press = async (who: string, action: string, caseId: string, ts: string) =>
    expect((await post(buttonPress(who, action, caseId, CHANNEL, ts))).status).toBe(200);
  /** Bolt acks a button before the use case runs: what it queues comes right after its event. */
  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await delivered();
  };
  /** Presses a card button, waits until its move is recorded, then until what it queued is out. */
  const move = async (who: string, action: string, caseId: string, ts: string) => {
    const moves = () =>
      bot.db.store.models.caseEvent.countDocuments({ caseId, type: 'complaint.status_changed' });
    const before = await moves();
    await press(who, action, caseId, ts);
    await eventually(async () => {
      if ((await moves()) === before) throw new Error(`${action} not recorded yet`);
    });
    await settled();
  };
  const mentionsIn = async (ts: string, user: string) => {
    await delivered();
    return bot.stub
      .of('chat.postMessage')
      .filter((c) => c.args.thread_ts === ts && String(c.args.text).startsWith(`<@${user}> `))
      .map((c) => String(c.args.text));
  };

  it('by default mentions the filer in the case thread, once per move, however often it is pressed', async () => {
    const ts = '1700000100.000100';
    const complaint = await filedBy(operator, ts);
    await move(TECH, ACTIONS.takeInCharge, complaint.id, ts);
    await press(TECH, ACTIONS.takeInCharge, complaint.id, ts);
    await settled();
    expect(await mentionsIn(ts, operator.id)).toEqual([
      `<@${operator.id}> Il tuo reclamo ${complaint.number}: <@${TECH}>: Nuovo → In lavorazione`,
    ]);
    expect(toldTo(bot.stub, operator.id, /Il tuo reclamo/)).toEqual([]);
  });

  it('tells nobody about a case brought in from a spreadsheet (filed by the import)', async () => {
    const ts = '1700000100.000150';
    const imported = await filedBy(IMPORTER, ts);
    await move(TECH, ACTIONS.takeInCharge, imported.id, ts);
    expect((await bot.db.store.complaints.get(imported.id))?.status).toBe('in_progress');
    expect(await mentionsIn(ts, IMPORTER.id)).toEqual([]);
    expect(toldTo(bot.stub, IMPORTER.id)).toEqual([]);
    expect(
      await bot.db.store.models.outbox.countDocuments({
        'notification.type': 'case.followed',
        'notification.case.caseId': imported.id,
      }),
    ).toBe(0);
  });

  it('by DM once the filer says `follow dm`; nothing for their own move; nothing at all with `off`', async () => {
    expect(await command(COMMANDS.sportello, operator.id, 'follow dm')).toBe(
      'Fatto: saprai delle novità dei reclami che hai registrato in un messaggio diretto.',
    );
    const ts = '1700000100.000200';
    const complaint = await filedBy(operator, ts);
    await move(TECH, ACTIONS.takeInCharge, complaint.id, ts);
    await move(TECH, ACTIONS.waitCustomer, complaint.id, ts);
    // The operator resumes it themselves: they know, nobody tells them.
    await move(operator.id, ACTIONS.resume, complaint.id, ts);
    expect(toldTo(bot.stub, operator.id, new RegExp(complaint.number))).toEqual([
      `Il tuo reclamo ${complaint.number}: <@${TECH}>: Nuovo → In lavorazione`,
      `Il tuo reclamo ${complaint.number}: <@${TECH}>: In lavorazione → In attesa del cliente`,
    ]);
    expect(await mentionsIn(ts, operator.id)).toEqual([]);

    expect(await command(COMMANDS.sportello, operator.id, 'follow OFF')).toBe(
      'Fatto: non ti verrà detto nulla dei reclami che hai registrato.',
    );
    await move(TECH, ACTIONS.waitCustomer, complaint.id, ts);
    expect((await bot.db.store.complaints.get(complaint.id))?.status).toBe('waiting_customer');
    expect(toldTo(bot.stub, operator.id, new RegExp(complaint.number))).toHaveLength(2);
    expect(await mentionsIn(ts, operator.id)).toEqual([]);
    expect(await command(COMMANDS.sportello, operator.id, 'follow thread')).toMatch(
      /^Fatto: saprai delle novità .* nel thread del caso/,
    );
  });

  it('answers a wrong `follow` with its usage, and speaks English to an English filer', async () => {
    expect(await command(COMMANDS.sportello, operator.id, 'follow sempre')).toMatch(
      /^Uso: `\/sportello follow thread` .* `\/sportello follow dm` .* `\/sportello follow off`/,
    );
    expect(await command(COMMANDS.sportello, operator.id, 'follow')).toMatch(/^Uso:/);
    expect(await command(COMMANDS.sportello, ENGLISH_FILER.id, 'follow maybe')).toMatch(
      /^Usage: `\/sportello follow thread` \(mentioned in the case thread, the default\)/,
    );
    expect(await command(COMMANDS.sportello, ENGLISH_FILER.id, 'follow dm')).toBe(
      'Done: you will hear of the complaints you filed by direct message.',
    );
    const ts = '1700000100.000300';
    const complaint = await filedBy(ENGLISH_FILER, ts);
    await move(TECH, ACTIONS.takeInCharge, complaint.id, ts);
    expect(toldTo(bot.stub, ENGLISH_FILER.id, new RegExp(complaint.number))).toEqual([
      `Your complaint ${complaint.number}: <@${TECH}>: New → In progress`,
    ]);
  });

  it('lets only the director set where the weekly digest goes, and refuses anyone else with its own text', async () => {
    const refusal = `Per decidere dove va il riepilogo settimanale serve uno di questi ruoli: DCOM. Chiedi a <@${director.id}>.`;
    expect(await command(COMMANDS.sportello, MANAGER, 'digest here', 'C0KPI')).toBe(refusal);
    expect(await command(COMMANDS.sportello, NOBODY, 'digest <#C0KPI|kpi>')).toBe(refusal);
    expect(await command(COMMANDS.sportello, operator.id, 'digest here', 'C0KPI')).toBe(refusal);
    expect(await command(COMMANDS.sportello, ENGLISH_FILER.id, 'digest here', 'C0KPI')).toBe(
      `To set where the weekly digest goes you need one of these roles: DCOM. Ask <@${director.id}>.`,
    );
    expect(await bot.db.store.settings.read('company:digest_destination')).toBeUndefined();

    // The director, with places that are not channels: a DM, a user, a name Slack did not link.
    const usage = /^Uso: `\/sportello digest here` .*, oppure `\/sportello digest #canale`\.$/;
    expect(await command(COMMANDS.sportello, director.id, 'digest here', 'D0DIRECT')).toMatch(
      usage,
    );
    expect(await command(COMMANDS.sportello, director.id, 'digest <#U0TECH|luca>')).toMatch(usage);
    expect(await command(COMMANDS.sportello, director.id, 'digest #generale')).toMatch(usage);
    expect(await bot.db.store.settings.read('company:digest_destination')).toBeUndefined();

    expect(await command(COMMANDS.sportello, director.id, 'digest here', 'C0KPI')).toBe(
      'Fatto: il riepilogo settimanale sarà pubblicato in <#C0KPI>.',
    );
    expect(await command(COMMANDS.sportello, director.id, 'digest <#C0KPI2|kpi-settimanali>')).toBe(
      'Fatto: il riepilogo settimanale sarà pubblicato in <#C0KPI2>.',
    );
    // A period still posts the digest on demand, here.
    expect(await command(COMMANDS.sportello, director.id, 'digest boh')).toMatch(
      /^Uso: `\/sportello digest` \(ultima settimana\)/,
    );
  });

  it('posts the weekly digest where the director set it, titled with its week in Rome', async () => {
    const clock = new FixedClock(rome('2026-11-23 08:30'));
    const warned: string[] = [];
    await runWeeklyDigest(
      {
        kpi: bot.db.store.kpi,
        notifier: bot.chat.services.notifier,
        clock,
        timeZone: 'Europe/Rome',
      },
      {
        destination: { platform: 'slack', channel: 'C0DEFAULT' },
        settings: bot.db.store.settings,
        log: { warn: (m) => void warned.push(m) },
      },
    );
    const digest = await eventually(() => {
      const call = bot.stub
        .of('chat.postMessage')
        .find((c) => String(c.args.text).includes('Indicatori customer care'));
      if (!call) throw new Error('no digest yet');
      return call;
    }, 10_000);
    expect(digest.args.channel).toBe('C0KPI2');
    // Monday 16 to Sunday 22 where the company is (in UTC the week starts on the 15th at 23:00).
    expect(String(digest.args.text)).toContain('16/11/2026 – 22/11/2026');
    await delivered();
    expect(bot.stub.calls.filter((c) => c.args.channel === 'C0DEFAULT')).toEqual([]);
    expect(warned).toEqual([]);
  });

  it('answers an unknown word to /d2 and /communication with that command’s usage, not the form', async () => {
    const opened = () => bot.stub.of('views.open').length;
    const before = opened();
    expect(await command(COMMANDS.d2, operator.id, 'list')).toMatch(
      /^Uso: `\/d2` apre il modulo D2/,
    );
    expect(await command(COMMANDS.d2, ENGLISH_FILER.id, 'list')).toMatch(
      /^Usage: `\/d2` opens the D2 form/,
    );
    expect(await command(COMMANDS.communication, director.id, 'list')).toMatch(
      /^Uso: `\/communication` apre la bozza/,
    );
    expect(await command(COMMANDS.communication, ENGLISH_FILER.id, 'show 1')).toMatch(
      /^Usage: `\/communication` opens the draft/,
    );
    expect(await command(COMMANDS.client, operator.id, 'boh')).toMatch(
      /^Uso: `\/client` \(nuovo\)/,
    );
    expect(await command(COMMANDS.complaint, ENGLISH_FILER.id, 'boh')).toMatch(
      /^Usage: `\/complaint`/,
    );
    expect(opened()).toBe(before);
    const usage = await command(COMMANDS.sportello, operator.id, 'boh');
    for (const sub of [
      'setup',
      'roles',
      'routing',
      'digest here|#canale',
      'follow thread|dm|off',
      'kpi',
      'export',
      'care',
    ])
      expect(usage).toContain(sub);
    expect(await command(COMMANDS.sportello, ENGLISH_FILER.id, '')).toContain(
      '`digest here|#channel` (where the weekly digest goes) · `follow thread|dm|off`',
    );
  });
});
