import { beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_VERBS } from '../../../src/bot/ids.js';
import type { NewCaseEvent } from '../../../src/domain/audit/case-event.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import {
  COMPLAINT_STATUSES,
  type ComplaintStatus,
} from '../../../src/domain/complaint/complaint.js';
import { D2_STATUSES, type D2Request } from '../../../src/domain/d2/d2-request.js';
import { postDigest } from '../../../src/domain/kpi/digest.js';
import type { ChatUser } from '../../../src/domain/shared/chat-user.js';
import type { CaseRef, Notification } from '../../../src/domain/shared/notification.js';
import { SLA_TARGETS } from '../../../src/domain/sla/sla-clock.js';
import { translator } from '../../../src/i18n/translate.js';
import { aClient, aComplaint, longest } from '../../support/fixtures.js';
import {
  actionExecute,
  activity,
  outboxSettled,
  postActivity,
  useTeamsBot,
} from '../../support/teams-bot.js';

const DIRECTOR = { id: 'aad-director', name: longest(200, 'Marco “Direttore” ') };
const director: ChatUser = { platform: 'teams', ...DIRECTOR };
const technician: ChatUser = { platform: 'teams', id: 'aad-tech', name: longest(200, 'Luca ') };
const CHANNEL = { id: '19:assistenza@thread.tacv2', conversationType: 'channel' as const };
const CHAT = { id: 'a:personal-director', conversationType: 'personal' as const };
const CHAT_LOCALE = { it: 'it-IT', en: 'en-US' } as const;
const AT = new Date('2026-11-20T09:15:00.000Z');
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);
const KINDS = ['cost', 'feature_change', 'outside_policy', 'other'] as const;

/** A complaint with every shown field at its longest: pending approvals of each kind, all clocks. */
const longestComplaint = (clientId: string, status: ComplaintStatus) =>
  aComplaint(clientId, {
    status,
    product: longest(200),
    description: longest(4000),
    problemCode: longest(40, 'PMP-'),
    category: longest(80),
    department: longest(80),
    remedyRequested: longest(2000),
    solution: longest(4000),
    registeredBy: director,
    assignee: technician,
    approvals: KINDS.map((kind) => ({
      kind,
      role: 'DCOM' as const,
      reason: longest(500),
      status: 'pending' as const,
      requestedAt: AT,
    })),
    slaClocks: SLA_TARGETS.map((target, i) => ({
      target,
      basis: 'business' as const,
      budgetMinutes: 60 * (i + 1),
      startedAt: AT,
      runningSince: AT,
      warnAt: minutes(45 * (i + 1)),
      dueAt: minutes(60 * (i + 1)),
      state: 'running' as const,
      consumedMinutes: 0,
      ...(i === 2 ? { limitMinutes: 600, limitAt: minutes(600) } : {}),
    })),
    announcement: undefined,
  });

/** The thread line of every kind of event, with the longest note or text each may carry. */
const eventsOf = (ref: CaseRef): NewCaseEvent[] =>
  (
    [
      ['complaint.status_changed', { from: 'new', to: 'acknowledged', note: longest(2000) }],
      ['complaint.note_added', { text: longest(4000) }],
      ['approval.requested', { kind: 'cost', reason: longest(500) }],
      ['approval.given', { kind: 'feature_change' }],
      ['approval.refused', { kind: 'outside_policy', note: longest(2000) }],
      ['service_order.issued', { serviceOrder: 'OS-2026-0001', dueAt: minutes(600) }],
      ['complaint.reopened', {}],
    ] as const
  ).map(([type, data]) => ({
    caseKind: 'complaint',
    caseId: ref.caseId,
    caseNumber: ref.caseNumber,
    type,
    actor: director,
    at: AT,
    data,
  }));

/**
 * Every card the bot sends on its own, in the deployment's language (Italian, then English), at
 * the longest values: the case card in every status (refreshed, posted, updated), its thread
 * lines, approval requests, SLA reminders, the D2 card in every status, D2, care-call and
 * communication reminders, direct messages and the digest. The Connector stub checks each one
 * against the Adaptive Card 1.5 schema and refuses a bad one; the harness fails the test then.
 */
describe.each(['it', 'en'] as const)('Teams cards sent in %s, at their longest', (locale) => {
  const bot = useTeamsBot(`teams_sent_cards_${locale}`, { defaultLocale: locale });
  const t = translator(locale);
  let clientId = '';
  beforeAll(async () => {
    const client = aClient({ code: longest(40, 'CLI-'), name: longest(200, 'Officine “R” ') });
    clientId = (await bot.db.store.clients.insert(NewClientSchema.parse(client))).id;
    await bot.db.store.roles.assign(director, ['DCOM', 'admin', 'manager', 'operator']);
    const install = { type: 'conversationUpdate', membersAdded: [{ id: '28:sportello' }] };
    for (const where of [CHANNEL, CHAT]) await send(install, where);
  });
  const send = (fields: Record<string, unknown>, where: typeof CHANNEL | typeof CHAT = CHANNEL) =>
    postActivity(
      bot.baseUrl,
      activity(bot.stub.url, DIRECTOR, where, { locale: CHAT_LOCALE[locale], ...fields }),
    );
  const refresh = (data: object) => send(actionExecute(TEAMS_VERBS.refresh, data, 'card'));
  const queue = (n: Notification) => bot.chat.services.notifier.queue(n);
  const cards = (calls: { body: Record<string, unknown> }[]) => calls.map((c) => c.body);

  it('shows the case card in every status, refreshed, posted and updated, with its thread', async () => {
    const refs: CaseRef[] = [];
    for (const status of COMPLAINT_STATUSES) {
      const stored = await bot.db.store.complaints.register(
        longestComplaint(clientId, status),
        2026,
      );
      const ref = { caseKind: 'complaint' as const, caseId: stored.id, caseNumber: stored.number };
      refs.push(ref);
      const answer = await refresh({ caseId: stored.id, kind: 'complaint' });
      expect(JSON.stringify(answer.body)).toContain(t(`status.${status}`));
      const destination = { platform: 'teams' as const, channel: CHANNEL.id };
      await queue({
        type: 'case.announce',
        case: ref,
        destination,
        mention: [],
        direct: [director],
      });
    }
    await outboxSettled(bot, 30_000);
    expect(cards(bot.stub.posted(CHANNEL.id)).length).toBeGreaterThanOrEqual(refs.length);
    // Each card is updated once in its status; the first case's thread gets every kind of line.
    const [first, ...others] = refs;
    for (const event of eventsOf(first!))
      await queue({ type: 'case.changed', case: first!, event });
    for (const ref of others)
      await queue({ type: 'case.changed', case: ref, event: eventsOf(ref)[0]! });
    await outboxSettled(bot, 30_000);
    expect(bot.stub.updated().length).toBeGreaterThanOrEqual(others.length + 7);
  }, 60_000);

  it('tells whoever triages, in the thread of a card no rule routed, what to do with it', async () => {
    const stored = await bot.db.store.complaints.register(longestComplaint(clientId, 'new'), 2026);
    const ref = { caseKind: 'complaint' as const, caseId: stored.id, caseNumber: stored.number };
    const destination = { platform: 'teams' as const, channel: CHANNEL.id };
    const thread = `${CHANNEL.id};messageid=`;
    const before = bot.stub.posted(thread).length;
    const mention = [director];
    await queue({
      type: 'case.announce',
      case: ref,
      destination,
      mention,
      direct: [],
      triage: true,
    });
    await outboxSettled(bot);
    const said = JSON.stringify(cards(bot.stub.posted(thread).slice(before)));
    expect(said).toContain(t('triage.what_to_do').split(':')[0]!);
    expect(said).toContain('/sportello routing add');
  });

  it('asks for each kind of approval and reminds of every SLA target in the case thread', async () => {
    const stored = await bot.db.store.complaints.register(longestComplaint(clientId, 'new'), 2026);
    const ref = { caseKind: 'complaint' as const, caseId: stored.id, caseNumber: stored.number };
    const destination = { platform: 'teams' as const, channel: CHANNEL.id };
    await queue({ type: 'case.announce', case: ref, destination, mention: [], direct: [] });
    await outboxSettled(bot);
    const thread = `${CHANNEL.id};messageid=`;
    const before = bot.stub.posted(thread).length;
    for (const approvalKind of KINDS)
      await queue({
        type: 'decision.requested',
        case: ref,
        from: [director],
        reason: longest(500),
        approvalKind,
      });
    for (const kind of ['warning', 'breach', 'nag'] as const)
      for (const target of SLA_TARGETS)
        await queue({
          type: 'case.reminder',
          case: ref,
          kind,
          target,
          dueAt: minutes(60),
          to: [director, technician],
        });
    await outboxSettled(bot);
    expect(bot.stub.posted(thread).length - before).toBe(KINDS.length + 9);
  });

  it('shows the D2 card in every status, refreshed and sent to the director, and its reminder', async () => {
    for (const status of D2_STATUSES) {
      const signed = status !== 'submitted' && status !== 'declined';
      const d2 = (await bot.db.store.d2Requests.register(
        {
          requester: { platform: 'teams', id: 'aad-sdid', name: longest(200, 'Sara ') },
          requesterOffice: 'SDID',
          clientId,
          reason: longest(4000),
          urgency: 'high',
          notes: longest(4000),
          status,
          submittedAt: AT,
          ...(signed ? { signature: { by: director, at: minutes(5) } } : {}),
          ...(status === 'declined' ? { declineReason: longest(2000) } : {}),
          ...(status === 'done' ? { outcome: longest(4000) } : {}),
        },
        2026,
      )) as D2Request;
      const answer = await refresh({ d2Id: d2.id, kind: 'd2' });
      expect(JSON.stringify(answer.body)).toContain(t(`d2.status.${status}`));
      const ref = { caseKind: 'd2' as const, caseId: d2.id, caseNumber: d2.number };
      await queue({
        type: 'decision.requested',
        case: ref,
        from: [director],
        reason: longest(500),
      });
      await queue({ type: 'd2.unsigned', case: ref, to: [director], waitingSince: AT });
    }
    await outboxSettled(bot);
    expect(bot.stub.posted(CHAT.id).length).toBeGreaterThanOrEqual(D2_STATUSES.length * 2);
  });

  it('sends care-call, communication and direct reminders, and the digest with its chart', async () => {
    for (const overdue of [false, true])
      await queue({
        type: 'care.call_due',
        clientId,
        clientName: longest(200, 'Officine “R” '),
        dueAt: minutes(60),
        overdue,
        to: [director],
      });
    await queue({
      type: 'communication.to_protocol',
      communicationId: 'c1',
      subject: longest(300),
      to: [director],
    });
    await queue({ type: 'direct.message', to: director, text: longest(4000) });
    const services = bot.chat.services;
    await postDigest(
      {
        kpi: bot.db.store.kpi,
        notifier: services.notifier,
        clock: services.clock,
        timeZone: 'Europe/Rome',
      },
      { platform: 'teams', channel: CHANNEL.id },
      { from: new Date(Date.now() - 7 * 86_400_000), to: new Date(Date.now() + 60_000) },
    );
    await outboxSettled(bot);
    const digest = bot.stub.posted(CHANNEL.id).at(-1);
    expect(JSON.stringify(digest?.body)).toContain('data:image/png;base64,');
  });
});
