import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, SHORTCUTS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { COMPLAINT_STATUSES } from '../../../src/domain/complaint/complaint.js';
import { D2_STATUSES } from '../../../src/domain/d2/d2-request.js';
import { ROLES } from '../../../src/domain/roles/role.js';
import type { Notification } from '../../../src/domain/shared/notification.js';
import {
  aClient,
  aComplaint,
  director,
  operator,
  slackUser,
  longest,
} from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  appHomeOpened,
  buttonPress,
  messageShortcut,
  postToBot,
  reshaped,
  slashCommand,
} from '../../support/slack-requests.js';

/*
 * Every Slack surface the bot shows, opened or sent through real Bolt over HTTP against the stub,
 * which refuses what Slack refuses (and the file fails on any refusal): each modal, App Home for
 * each role, each message kind and each command answer, in Italian and English, with the longest
 * values the records allow.
 */
const LANGUAGES = { it: 'it-IT', en: 'en-GB' } as const;
const userOf = (lang: string, role: string) => `U0${lang.toUpperCase()}${role.toUpperCase()}`;
const everyone = Object.keys(LANGUAGES).flatMap((lang) =>
  [...ROLES, 'none', 'all'].map((role) => [lang, role, userOf(lang, role)] as const),
);
const CARDS = 'C0CARDS';
const CODE = `CLI-${'9'.repeat(36)}`;

describe('Slack: every surface, in both languages, with the longest values', () => {
  const locales = Object.fromEntries(
    everyone.map(([lang, , id]) => [id, LANGUAGES[lang as keyof typeof LANGUAGES]]),
  );
  const bot = useSlackBot('slack_every_surface', { locales });
  const ids = {
    client: '',
    complaints: [] as { id: string; number: string }[],
    d2s: [] as string[],
  };
  beforeAll(async () => {
    const { store } = bot.db;
    for (const [, role, id] of everyone) {
      if (role === 'all') await store.roles.assign(slackUser(id), [...ROLES]);
      else if (role !== 'none')
        await store.roles.assign(slackUser(id), [role as (typeof ROLES)[number]]);
    }
    ids.client = (
      await store.clients.insert(NewClientSchema.parse(aClient({ code: CODE, name: longest(200) })))
    ).id;
    for (const [i, status] of COMPLAINT_STATUSES.entries()) {
      const complaint = await store.complaints.register(
        aComplaint(ids.client, {
          product: longest(200),
          description: longest(4000),
          problemCode: longest(40),
          category: longest(80),
          department: longest(80),
          status,
          assignee: slackUser(everyone[i % everyone.length]![2]),
          announcement: {
            platform: 'slack',
            channel: `${CARDS}${i}`,
            messageId: `1700000000.00${i}`,
          },
        }),
        2026,
      );
      ids.complaints.push({ id: complaint.id, number: complaint.number });
    }
    for (const status of D2_STATUSES) {
      const d2 = await store.d2Requests.register(
        {
          requester: operator,
          requesterOffice: 'SDID',
          clientId: ids.client,
          reason: longest(4000),
          urgency: 'high',
          notes: longest(4000),
          status,
          submittedAt: new Date('2026-11-20T09:00:00Z'),
          ...(status === 'submitted'
            ? {}
            : { signature: { by: director, at: new Date('2026-11-20T10:00:00Z') } }),
          ...(status === 'declined' ? { declineReason: longest(2000) } : {}),
          ...(status === 'done' ? { outcome: longest(4000) } : {}),
        },
        2026,
      );
      ids.d2s.push(d2.id);
    }
  });
  const post = (body: string) => postToBot(bot.baseUrl, { body });
  const opened = (trigger: string) =>
    bot.stub.of('views.open').some((c) => c.args.trigger_id === trigger);

  it.each(Object.keys(LANGUAGES))('opens every modal (%s)', async (lang) => {
    const me = userOf(lang, 'all');
    const triggers: string[] = [];
    const press = async (action: string, value: string) => {
      const body = buttonPress(me, action, value, CARDS, '1700000000.000100');
      const trigger = `${lang}-${action}-${triggers.length}`;
      triggers.push(trigger);
      expect(
        (await post(body.replace(encodeURIComponent(`trigger-${action}`), trigger))).status,
      ).toBe(200);
    };
    for (const command of [
      COMMANDS.complaint,
      COMMANDS.d2,
      COMMANDS.communication,
      COMMANDS.client,
    ])
      expect((await post(slashCommand(command, me))).status).toBe(200);
    expect((await post(slashCommand(COMMANDS.client, me, `edit ${CODE}`))).status).toBe(200);
    const shortcut = messageShortcut(SHORTCUTS.registerComplaint, me, {
      text: longest(40_000),
      triggerId: `${lang}-shortcut`,
    });
    expect((await post(shortcut)).status).toBe(200);
    const complaint = ids.complaints[0]!.id;
    for (const action of [
      ACTIONS.addNote,
      ACTIONS.resolve,
      ACTIONS.close,
      ACTIONS.escalate,
      ACTIONS.reopen,
    ])
      await press(action, complaint);
    await press(ACTIONS.refuse, JSON.stringify({ c: complaint, k: 'feature_change' }));
    await press(ACTIONS.d2Decline, ids.d2s[0]!);
    await press(ACTIONS.d2Complete, ids.d2s[1]!);
    await press(ACTIONS.logCareCall, ids.client);
    await press(ACTIONS.careToComplaint, JSON.stringify({ c: ids.client, n: longest(1500) }));
    await press(ACTIONS.careToD2, JSON.stringify({ c: ids.client, n: longest(1500) }));
    await press(ACTIONS.markCommunicationSent, 'a'.repeat(24));
    for (const kind of ['reassign', 'reroute', 'reprioritise', 'correctClient']) {
      const trigger = `${lang}-administer-${kind}`;
      triggers.push(trigger);
      const body = reshaped(buttonPress(me, ACTIONS.administer, '', CARDS, '1.1'), (payload) => {
        payload.trigger_id = trigger;
        payload.actions = [
          {
            type: 'overflow',
            action_id: ACTIONS.administer,
            block_id: 'case_actions',
            selected_option: {
              value: `${kind}:${complaint}`,
              text: { type: 'plain_text', text: kind },
            },
            action_ts: '1700000000.3',
          },
        ];
      });
      expect((await post(body)).status).toBe(200);
    }
    await eventually(() => {
      for (const trigger of [...triggers, `${lang}-shortcut`])
        if (!opened(trigger)) throw new Error(`${trigger} not open`);
      // the four commands and /client edit open theirs too
      expect(
        bot.stub.of('views.open').filter((c) => String(c.args.trigger_id).startsWith('trigger-'))
          .length,
      ).toBeGreaterThanOrEqual(5);
    });
    expect(bot.stub.refusals).toEqual([]);
  });

  it('publishes App Home for every role, in both languages', async () => {
    for (const [, , id] of everyone) await postToBot(bot.baseUrl, appHomeOpened(id));
    await eventually(() => {
      const published = new Set(bot.stub.of('views.publish').map((c) => c.args.user_id));
      expect(everyone.filter(([, , id]) => !published.has(id))).toEqual([]);
    });
    expect(bot.stub.refusals).toEqual([]);
  });

  it('sends every message kind, each accepted by Slack', async () => {
    const queue = (n: Notification) => bot.chat.services.notifier.queue(n);
    const many = everyone.map(([, , id]) => slackUser(id));
    const [first, ...others] = ids.complaints;
    const ref = (c: { id: string; number: string }) => ({
      caseKind: 'complaint' as const,
      caseId: c.id,
      caseNumber: c.number,
    });
    const at = new Date();
    const event = (type: string, data: Record<string, unknown>) => ({
      caseKind: 'complaint' as const,
      caseId: first!.id,
      caseNumber: first!.number,
      type,
      actor: operator,
      at,
      data,
    });
    const EVENTS = [
      event('complaint.status_changed', { from: 'new', to: 'in_progress', note: longest(2000) }),
      event('complaint.note_added', { text: longest(3000) }),
      event('approval.requested', { kind: 'feature_change', reason: longest(500) }),
      event('approval.given', { kind: 'cost' }),
      event('approval.refused', { kind: 'outside_policy', note: longest(2000) }),
      event('service_order.issued', { serviceOrder: 'OS-2026-0001', dueAt: at.toISOString() }),
      event('complaint.reassigned', {}),
      event('complaint.reassigned', { to: slackUser(userOf('it', 'technician')) }),
      event('complaint.rerouted', {
        from: longest(80),
        to: longest(80),
        platform: 'slack',
        channel: 'C0QUALITY',
        note: longest(2000),
      }),
      event('complaint.priority_changed', { from: 'P3', to: 'P1', reason: longest(2000) }),
      event('complaint.client_corrected', { fromName: longest(250), toName: longest(250) }),
    ];
    for (const e of EVENTS) await queue({ type: 'case.changed', case: ref(first!), event: e });
    const [, , , , , , , movedCase] = others;
    await queue({
      type: 'case.moved',
      case: ref(movedCase!),
      from: { platform: 'slack', channel: `${CARDS}8`, messageId: '1700000000.008' },
      destination: { platform: 'slack', channel: 'C0QUALITY' },
      mention: many,
    });
    // The filer following the case, in the thread and by DM, in each language.
    for (const lang of Object.keys(LANGUAGES))
      for (const via of ['thread', 'dm'] as const) {
        const to = slackUser(userOf(lang, 'operator'));
        await queue({ type: 'case.followed', case: ref(first!), to, via, event: EVENTS[0]! });
        await queue({
          type: 'case.followed',
          case: ref(first!),
          to,
          via,
          event: EVENTS[4]!,
          say: {
            key: 'approval.told.refused',
            params: { number: first!.number, by: longest(200), note: longest(2000) },
          },
        });
      }
    await queue({
      type: 'decision.requested',
      case: ref(first!),
      from: many,
      reason: longest(500),
      approvalKind: 'cost',
    });
    for (const [i, kind] of (['warning', 'breach', 'nag'] as const).entries())
      await queue({
        type: 'case.reminder',
        case: ref(others[i]!),
        kind,
        target: 'resolution',
        dueAt: at,
        to: many,
      });
    const d2 = { caseKind: 'd2' as const, caseId: ids.d2s[0]!, caseNumber: 'D2-2026-0001' };
    await queue({
      type: 'decision.requested',
      case: d2,
      from: [slackUser(userOf('it', 'DCOM')), slackUser(userOf('en', 'DCOM'))],
      reason: longest(500),
    });
    await queue({ type: 'd2.unsigned', case: d2, to: many, waitingSince: new Date() });
    await queue({
      type: 'care.call_due',
      clientId: ids.client,
      clientName: longest(200),
      dueAt: new Date(),
      overdue: true,
      to: many.slice(0, 3),
    });
    await queue({
      type: 'communication.to_protocol',
      communicationId: 'a'.repeat(24),
      subject: longest(200),
      to: many.slice(0, 3),
    });
    await queue({
      type: 'direct.message',
      to: slackUser(userOf('en', 'none')),
      text: longest(4000),
    });
    for (const lang of Object.keys(LANGUAGES))
      expect(
        (
          await post(
            slashCommand(
              COMMANDS.sportello,
              userOf(lang, 'DCOM'),
              'digest 2026-01-01 2026-12-31',
              CARDS,
            ),
          )
        ).status,
      ).toBe(200);
    await eventually(async () => {
      const entries = await bot.db.store.outbox.list();
      expect(
        entries
          .filter((e) => e.status !== 'delivered')
          .map((e) => `${e.notification.type}: ${e.status} ${e.lastError ?? ''}`),
      ).toEqual([]);
    }, 30_000);
    expect(bot.stub.of('files.completeUploadExternal').length).toBeGreaterThanOrEqual(2);
    expect(bot.stub.refusals).toEqual([]);
  }, 60_000);

  it('answers every command in a form Slack shows, for every role', async () => {
    const number = ids.complaints[0]!.number;
    const texts: [string, string][] = [
      [COMMANDS.complaint, 'list'],
      [COMMANDS.complaint, 'mine'],
      [COMMANDS.complaint, `show ${number}`],
      [COMMANDS.complaint, 'search &<'],
      [COMMANDS.complaint, 'wrong'],
      [COMMANDS.sportello, 'roles'],
      [COMMANDS.sportello, 'care'],
      [COMMANDS.sportello, 'kpi code 2026-01-01 2026-12-31'],
      [COMMANDS.sportello, 'wrong'],
      [COMMANDS.client, `show ${CODE}`],
      [COMMANDS.client, 'wrong'],
      [COMMANDS.sportello, 'follow dm'],
      [COMMANDS.sportello, 'follow wrong'],
      [COMMANDS.sportello, 'digest here'],
      [COMMANDS.sportello, 'digest #wrong'],
      [COMMANDS.d2, 'list'],
      [COMMANDS.communication, 'list'],
    ];
    for (const [, role, id] of everyone.filter(([, r]) =>
      ['none', 'operator', 'DCOM', 'all'].includes(r),
    ))
      for (const [command, text] of texts) {
        const answer = await post(slashCommand(command, id, text));
        expect(answer.status, `${role} ${command} ${text}`).toBe(200);
      }
    expect(bot.stub.refusals).toEqual([]);
  });
});
