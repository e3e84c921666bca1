import type { Agenda } from 'agenda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_VERBS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { ChatUser } from '../../../src/domain/shared/chat-user.js';
import { createAgenda } from '../../../src/jobs/agenda.js';
import { DIGEST_JOB, defineDigestJob } from '../../../src/jobs/digest.job.js';
import { FixedClock } from '../../fakes/in-memory-services.js';
import { rome } from '../../support/calendar.js';
import { aClient, aComplaint } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import {
  actionExecute,
  activity,
  outboxSettled,
  postActivity,
  useTeamsBot,
} from '../../support/teams-bot.js';

const user = (who: { id: string; name: string }): ChatUser => ({ platform: 'teams', ...who });
const OPERATOR = { id: 'aad-operator', name: 'Giulia' };
const TECH = { id: 'aad-tech', name: 'Luca' };
const DIRECTOR = { id: 'aad-director', name: 'Marco' };
const MANAGER = { id: 'aad-manager', name: 'Paola' };
const CHANNEL = { id: '19:kpi@thread.tacv2', conversationType: 'channel' as const };
const CASES = { id: '19:assistenza@thread.tacv2', conversationType: 'channel' as const };
const personal = (who: { id: string }) => ({
  id: `a:personal-${who.id}`,
  conversationType: 'personal' as const,
});
type Conversation = { id: string; conversationType: 'personal' | 'channel' };

/**
 * Issue 17.5 and 17.9 through the real teams-ai Application: `follow thread|dm|off` decides how
 * the filer hears of their complaints; `digest here` (the director only) sends the weekly
 * digest to this conversation, and the Agenda job delivers it there.
 */
describe('Teams: the filer follows the case; the director places the weekly digest', () => {
  const bot = useTeamsBot('teams_settings');
  let agenda: Agenda;
  let clientId = '';
  beforeAll(async () => {
    const { store } = bot.db;
    clientId = (await store.clients.insert(NewClientSchema.parse(aClient({ code: 'TS1' })))).id;
    await store.roles.assign(user(OPERATOR), ['operator']);
    await store.roles.assign(user(TECH), ['technician']);
    await store.roles.assign(user(DIRECTOR), ['DCOM']);
    await store.roles.assign(user(MANAGER), ['manager']);
  });
  afterAll(async () => agenda?.stop());

  const send = (from: { id: string; name: string }, where: Conversation, fields: object) =>
    postActivity(
      bot.baseUrl,
      activity(bot.stub.url, from, where, fields as Record<string, unknown>),
    );
  /** What the bot answered to a text command: the last message it posted in that conversation. */
  const say = async (
    from: { id: string; name: string },
    where: Conversation,
    text: string,
    locale = 'it-IT',
  ) => {
    const before = bot.stub.posted(where.id).length;
    expect((await send(from, where, { type: 'message', text, locale })).status).toBe(200);
    const answer = await eventually(() => {
      const posted = bot.stub.posted(where.id);
      if (posted.length === before) throw new Error(`no answer to "${text}" yet`);
      return posted.at(-1)!;
    });
    return String((answer.body as { text?: string }).text);
  };
  const bodiesIn = (conversation: string, about: RegExp) =>
    bot.stub
      .posted(conversation)
      .map((c) => JSON.stringify(c.body))
      .filter((body) => about.test(body));

  it('follows the filer their way: DM, then the case thread, then nothing; never their own move', async () => {
    expect(await say(OPERATOR, personal(OPERATOR), 'follow dm')).toBe(
      'Fatto: saprai delle novità dei reclami che hai registrato in un messaggio diretto.',
    );
    const complaint = await bot.db.store.complaints.register(
      aComplaint(clientId, {
        status: 'new',
        priority: 'P3',
        registeredBy: user(OPERATOR),
        assignee: undefined,
        approvals: [],
      }),
      2026,
    );
    // The case's channel, as Teams shows it on install; its card there is activity card-1.
    await send(TECH, CASES, { type: 'conversationUpdate', membersAdded: [{ id: '28:sportello' }] });
    await bot.db.store.complaints.setAnnouncement(complaint.id, {
      platform: 'teams',
      channel: CASES.id,
      messageId: 'card-1',
    });
    const caseId = complaint.id;
    const about = new RegExp(`Il tuo reclamo ${complaint.number}`);
    await send(TECH, CASES, actionExecute(TEAMS_VERBS.takeInCharge, { caseId }, 'card-1'));
    await send(TECH, CASES, actionExecute(TEAMS_VERBS.takeInCharge, { caseId }, 'card-1'));
    await outboxSettled(bot);
    expect(bodiesIn(personal(OPERATOR).id, about)).toHaveLength(1);
    expect(bodiesIn(personal(OPERATOR).id, about)[0]).toContain('Luca: Nuovo → In lavorazione');

    expect(await say(OPERATOR, personal(OPERATOR), 'follow thread')).toMatch(
      /^Fatto: .* nel thread del caso, con una menzione\.$/,
    );
    await send(TECH, CASES, actionExecute(TEAMS_VERBS.waitCustomer, { caseId }, 'card-1'));
    await outboxSettled(bot);
    const thread = `${CASES.id};messageid=card-1`;
    const inThread = bodiesIn(thread, about);
    expect(inThread).toHaveLength(1);
    expect(inThread[0]).toContain(
      `Giulia Il tuo reclamo ${complaint.number}: Luca: In lavorazione → In attesa del cliente`,
    );
    // Their own move: nobody tells them.
    await send(OPERATOR, CASES, actionExecute(TEAMS_VERBS.resume, { caseId }, 'card-1'));
    await outboxSettled(bot);
    expect((await bot.db.store.complaints.get(caseId))?.status).toBe('in_progress');
    expect(bodiesIn(thread, about)).toHaveLength(1);

    expect(await say(OPERATOR, personal(OPERATOR), 'follow off')).toBe(
      'Fatto: non ti verrà detto nulla dei reclami che hai registrato.',
    );
    await send(TECH, CASES, actionExecute(TEAMS_VERBS.waitCustomer, { caseId }, 'card-1'));
    await outboxSettled(bot);
    expect((await bot.db.store.complaints.get(caseId))?.status).toBe('waiting_customer');
    expect(bodiesIn(thread, about)).toHaveLength(1);
    expect(bodiesIn(personal(OPERATOR).id, about)).toHaveLength(1);
  });

  it('answers a wrong `follow` with its usage, in the reader’s language', async () => {
    expect(await say(OPERATOR, personal(OPERATOR), 'follow sempre')).toMatch(
      /^Uso: `follow thread` .* `follow dm` .* `follow off`/,
    );
    expect(await say(OPERATOR, personal(OPERATOR), 'follow maybe', 'en-US')).toMatch(
      /^Usage: `follow thread` \(mentioned in the case thread, the default\)/,
    );
    expect(await say(OPERATOR, personal(OPERATOR), 'follow DM', 'en-US')).toBe(
      'Done: you will hear of the complaints you filed by direct message.',
    );
  });

  it('refuses `digest here` from anyone but the director, with its own text', async () => {
    await send(DIRECTOR, CHANNEL, {
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:sportello' }],
    });
    expect(await say(MANAGER, CHANNEL, 'digest here')).toBe(
      'Per decidere dove va il riepilogo settimanale serve uno di questi ruoli: DCOM. Chiedi a Marco.',
    );
    expect(await say(OPERATOR, CHANNEL, 'digest here', 'en-US')).toBe(
      'To set where the weekly digest goes you need one of these roles: DCOM. Ask Marco.',
    );
    expect(await say({ id: 'aad-nobody', name: 'Ospite' }, CHANNEL, 'digest here')).toMatch(
      /^Per decidere dove va il riepilogo settimanale/,
    );
    expect(await say(DIRECTOR, CHANNEL, 'digest altrove')).toBe(
      'Uso: `digest here` nel canale o nella chat che deve ricevere il riepilogo settimanale.',
    );
    expect(await bot.db.store.settings.read('company:digest_destination')).toBeUndefined();
  });

  it('sends the weekly digest to the conversation the director chose, from the Agenda job, with its week in Rome', async () => {
    expect(await say(DIRECTOR, CHANNEL, 'digest here')).toBe(
      'Fatto: il riepilogo settimanale sarà pubblicato in questa conversazione.',
    );
    expect(await say(DIRECTOR, CHANNEL, 'digest here', 'en-US')).toBe(
      'Done: the weekly digest will be posted in this conversation.',
    );
    expect(await bot.db.store.settings.read('company:digest_destination')).toEqual({
      platform: 'teams',
      channel: CHANNEL.id,
    });
    agenda = createAgenda(bot.db.connection.db!, { name: 'digest-test', processEveryMs: 100 });
    const warned: string[] = [];
    await defineDigestJob(
      agenda,
      {
        kpi: bot.db.store.kpi,
        notifier: bot.chat.services.notifier,
        clock: new FixedClock(rome('2026-11-23 08:30')),
        timeZone: 'Europe/Rome',
      },
      {
        // The deployment's DIGEST_CHANNEL: the director's choice wins over it.
        destination: { platform: 'slack', channel: 'C0DEFAULT' },
        settings: bot.db.store.settings,
        log: { warn: (m) => void warned.push(m) },
      },
    );
    await agenda.start();
    await agenda.now(DIGEST_JOB);
    const digest = await eventually(() => {
      const [card] = bodiesIn(CHANNEL.id, /Indicatori customer care/);
      if (!card) throw new Error('no digest in the channel yet');
      return card;
    }, 15_000);
    // Monday 16 to Sunday 22 where the company is (in UTC the week starts on the 15th at 23:00).
    expect(digest).toContain('Indicatori customer care 16/11/2026 – 22/11/2026');
    expect(digest).toContain('data:image/png;base64,');
    await outboxSettled(bot);
    const sent = await bot.db.store.models.outbox.find({ 'notification.type': 'digest' }).lean();
    expect(
      sent.map((e) => (e as { notification: { destination: unknown } }).notification.destination),
    ).toEqual([{ platform: 'teams', channel: CHANNEL.id }]);
    expect(warned).toEqual([]);
  });
});
