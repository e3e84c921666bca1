import type { Agenda } from 'agenda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { fileComplaint } from '../../../src/domain/complaint/file-complaint.js';
import { createAgenda } from '../../../src/jobs/agenda.js';
import { FILING_SWEEP, defineSweeps } from '../../../src/jobs/sweeps.job.js';
import { careServices, filingServices, unsignedD2Services } from '../../../src/services.js';
import { FixedClock } from '../../fakes/in-memory-services.js';
import { rome } from '../../support/calendar.js';
import { aClient, aComplaint, director, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';

const operator = slackUser('U0OP');

/**
 * A process that dies after storing a case and before queueing its card. The restarted bot's
 * filing sweep (a real Agenda job) finishes the filing: card posted once, events once.
 */
describe('Slack: a crash between "case saved" and "card queued"', () => {
  const clock = new FixedClock(rome('2026-11-24 10:00'));
  const bot = useSlackBot('interrupted_filing', { clock });
  let agenda: Agenda;
  let clientId: string;
  beforeAll(async () => {
    clientId = (await bot.db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await bot.db.store.roles.assign(operator, ['operator']);
    await bot.db.store.roles.assign(director, ['DCOM']);
    agenda = createAgenda(bot.db.connection.db!, { name: 'restarted', processEveryMs: 100 });
    await defineSweeps(agenda, {
      unsignedD2: unsignedD2Services(bot.db.store, bot.chat.services),
      care: careServices(bot.db.store, bot.chat.services),
      filings: filingServices(bot.db.store, bot.chat.services),
      log: { warn: () => undefined },
    });
    await agenda.start();
  });
  afterAll(async () => agenda.stop());

  /** What fileComplaint stores before the crash: the case, under its number, nothing else. */
  const storedThenCrashed = async (problemCode: string, priority: 'P1' | 'P3') => {
    const filedAt = clock.now();
    return bot.db.store.complaints.register(
      {
        ...aComplaint(clientId, { priority, problemCode, intakeKey: `slack:view:V${problemCode}` }),
        status: priority === 'P1' ? 'new' : 'awaiting_approval',
        registeredBy: operator,
        receivedAt: filedAt,
        phaseTimes: { new: filedAt },
        satisfaction: undefined,
        announcement: undefined,
        slaClocks: [],
      },
      2026,
    );
  };
  const sweep = async () => {
    const done = new Promise<void>((resolve) =>
      agenda.once(`success:${FILING_SWEEP}`, () => resolve()),
    );
    await agenda.now(FILING_SWEEP);
    await done;
  };
  const cardsOf = (number: string) =>
    bot.stub
      .of('chat.postMessage')
      .filter((c) => !c.args.thread_ts && JSON.stringify(c.args.blocks ?? '').includes(number))
      .map((c) => c.args.channel);

  it('leaves a case alone while its own request may still be finishing, then posts its card once', async () => {
    const crashed = await storedThenCrashed('CRASH-1', 'P1');
    await sweep();
    expect(await bot.db.store.outbox.queued(`case.announce:${crashed.id}`)).toBe(false);

    clock.set(rome('2026-11-24 10:05'));
    await sweep();
    // P1: the card in triage and the directors' direct alert.
    await eventually(() =>
      expect(cardsOf(crashed.number).sort()).toEqual(['C0TRIAGE', director.id]),
    );
    await sweep();
    await sweep();
    await new Promise((r) => setTimeout(r, 300));
    expect(cardsOf(crashed.number)).toHaveLength(2);
    const history = await bot.db.store.caseEvents.history('complaint', crashed.id);
    expect(history.filter((e) => e.type === 'complaint.filed')).toHaveLength(1);
    expect((await bot.db.store.complaints.get(crashed.id))?.announcement?.messageId).toBeTruthy();
  });

  it('does not write the filing events twice when the crash came after them', async () => {
    clock.set(rome('2026-11-24 11:00'));
    const crashed = await storedThenCrashed('CRASH-2', 'P3');
    await bot.db.store.caseEvents.append({
      caseKind: 'complaint',
      caseId: crashed.id,
      caseNumber: crashed.number,
      type: 'complaint.filed',
      actor: operator,
      at: clock.now(),
      data: { priority: 'P3', status: crashed.status },
    });
    clock.set(rome('2026-11-24 11:10'));
    await sweep();
    await eventually(() => expect(cardsOf(crashed.number)).toEqual(['C0TRIAGE']));
    const history = await bot.db.store.caseEvents.history('complaint', crashed.id);
    expect(history.filter((e) => e.type === 'complaint.filed')).toHaveLength(1);
  });

  it('never re-announces a case filed normally, nor an imported one', async () => {
    const before = bot.stub.of('chat.postMessage').length;
    const imported = await bot.db.store.complaints.register(
      {
        ...aComplaint(clientId, {
          problemCode: 'OLD-1',
          slaClocks: [],
          satisfaction: undefined,
          announcement: undefined,
        }),
        registeredBy: operator,
        intakeKey: 'import:R-OLD-1',
        phaseTimes: { new: rome('2026-11-24 10:30') },
      },
      2026,
    );
    const filed = await fileComplaint(bot.chat.services, operator, {
      clientId,
      product: 'Linea L-4',
      description: 'Nastro fermo',
      problemCode: 'NORMAL-1',
      category: 'line',
      department: 'assistenza',
      priority: 'P3',
      channel: 'phone',
    });
    if (!filed.ok) throw new Error(filed.error.code);
    const { number } = filed.value.complaint;
    await eventually(() => expect(cardsOf(number)).toEqual(['C0TRIAGE']));
    // The card's follow-ups (its triage mentions) are posted after it: count once all are out.
    await eventually(async () => {
      const waiting = await bot.db.store.models.outbox.countDocuments({
        status: { $in: ['pending', 'delivering'] },
      });
      if (waiting) throw new Error(`${waiting} messages not delivered yet`);
    });
    const posted = bot.stub.of('chat.postMessage').length;
    clock.set(rome('2026-11-24 12:00'));
    await sweep();
    await new Promise((r) => setTimeout(r, 300));
    expect(cardsOf(imported.number)).toHaveLength(0);
    expect(cardsOf(number)).toEqual(['C0TRIAGE']);
    expect(posted).toBeGreaterThan(before);
    expect(bot.stub.of('chat.postMessage').length).toBe(posted);
  });
});
