import type { Client } from '../../../domain/client/client.js';
import type { Approval, Complaint, ComplaintStatus } from '../../../domain/complaint/complaint.js';
import { allowedNext } from '../../../domain/complaint/lifecycle.js';
import { breachAt } from '../../../domain/sla/sla-clocks.js';
import type { Locale, Translate } from '../../../i18n/translate.js';
import { ACTIONS } from '../../ids.js';
import { adminMenu } from './admin-modals.js';
import { escapeText, md, plainText, type Block } from './block-kit.js';
import { formatInstant, mention } from '../../shared/format.js';
import { slaSignalText } from '../../shared/sla-text.js';

export interface CardContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
  now: Date;
}

const PRIORITY_BADGE = {
  P1: ':red_circle: P1',
  P2: ':large_orange_circle: P2',
  P3: ':large_blue_circle: P3',
};

/** The buttons a case shows: what its status allows next (the server checks roles anyway). */
const BUTTONS: [ComplaintStatus, keyof typeof ACTIONS, string][] = [
  ['acknowledged', 'acknowledge', 'action.acknowledge'],
  ['in_progress', 'takeInCharge', 'action.take_in_charge'],
  ['waiting_customer', 'waitCustomer', 'action.wait_customer'],
  ['resolved', 'resolve', 'action.resolve'],
  ['awaiting_approval', 'escalate', 'action.escalate'],
  ['closed', 'close', 'action.close'],
  ['reopened', 'reopen', 'action.reopen'],
];

/** The case card in its department channel: every state change re-renders it in place. */
export function caseCard(complaint: Complaint, client: Client | undefined, ctx: CardContext) {
  const { t } = ctx;
  const when = (at: Date) => formatInstant(at, ctx.locale, ctx.timeZone);
  const headline = `${complaint.number} · ${PRIORITY_BADGE[complaint.priority]}`;
  const blocks: Block[] = [
    { type: 'header', text: plainText(`${complaint.number} · ${complaint.priority}`) },
    {
      type: 'section',
      fields: [
        md(
          `*${t('card.client')}*\n${escapeText(client ? `${client.name} (${client.code})` : complaint.clientId)}`,
        ),
        md(`*${t('card.status')}*\n${t(`status.${complaint.status}`)}`),
        md(`*${t('card.product')}*\n${escapeText(complaint.product)}`),
        md(`*${t('card.problemCode')}*\n${escapeText(complaint.problemCode)}`),
        md(`*${t('card.department')}*\n${escapeText(complaint.department)}`),
        md(
          `*${t('card.assignee')}*\n${complaint.assignee ? mention(complaint.assignee.id) : t('card.nobody')}`,
        ),
      ],
    },
    { type: 'section', text: md(escapeText(complaint.description)) },
  ];
  const context = [
    ...complaint.slaClocks.map((clock) => {
      const params = {
        target: t(`sla.${clock.target}`),
        due: when(clock.dueAt),
        limit: when(breachAt(clock)),
        signal: slaSignalText(clock, ctx),
      };
      return md(clock.limitAt ? t('sla.window', params) : t('sla.line', params));
    }),
    ...(complaint.repeatOf ? [md(t('card.repeat', { number: complaint.repeatOf.number }))] : []),
    ...(complaint.approvals.length ? [md(approvalLine(complaint, ctx))] : []),
  ];
  if (context.length) blocks.push({ type: 'context', elements: context.slice(0, 10) });
  const elements = buttonsFor(complaint, t);
  if (elements.length) blocks.push({ type: 'actions', block_id: 'case_actions', elements });
  // The fallback text is mrkdwn too, and it is what notifications show: escaped like the blocks.
  return { text: `${headline} — ${escapeText(complaint.product)}`, blocks };
}

function buttonsFor(complaint: Complaint, t: Translate) {
  const next = allowedNext(complaint.status);
  const moves = BUTTONS.filter(([to]) => next.includes(to)).map(([, action, label]) => ({
    type: 'button' as const,
    action_id: ACTIONS[action],
    text: plainText(t(label as Parameters<Translate>[0])),
    value: complaint.id,
    ...(action === 'takeInCharge' ? { style: 'primary' as const } : {}),
  }));
  const resume =
    complaint.status === 'waiting_customer'
      ? [
          {
            type: 'button' as const,
            action_id: ACTIONS.resume,
            text: plainText(t('action.resume')),
            value: complaint.id,
          },
        ]
      : [];
  const open = !['closed', 'rejected', 'withdrawn'].includes(complaint.status);
  const note = open
    ? [
        {
          type: 'button' as const,
          action_id: ACTIONS.addNote,
          text: plainText(t('action.add_note')),
          value: complaint.id,
        },
      ]
    : [];
  const settled = ['closed', 'rejected', 'withdrawn'].includes(complaint.status);
  return [
    ...moves.filter(
      (b) => b.action_id !== ACTIONS.takeInCharge || complaint.status !== 'waiting_customer',
    ),
    ...resume,
    ...note,
    ...(settled ? [] : [adminMenu(complaint, t, ACTIONS.administer)]),
  ];
}

function approvalLine(complaint: Complaint, ctx: CardContext): string {
  const { t } = ctx;
  const list = complaint.approvals.map((a) => {
    const kind = t(`approval.${a.kind}`);
    if (a.status === 'pending') return t('card.approval.pending', { kind, role: a.role });
    const params = {
      kind,
      by: a.decidedBy ? mention(a.decidedBy.id) : '?',
      at: a.decidedAt ? formatInstant(a.decidedAt, ctx.locale, ctx.timeZone) : '?',
    };
    return t(a.status === 'approved' ? 'card.approval.approved' : 'card.approval.refused', params);
  });
  return t('card.approvals', { list: list.join('; ') });
}

/** The approval message once decided: who decided, when, and their note; no buttons left. */
export function approvalDecided(approval: Approval, ctx: Omit<CardContext, 'now'>) {
  const { t } = ctx;
  const line = t(
    approval.status === 'approved' ? 'card.approval.approved' : 'card.approval.refused',
    {
      kind: t(`approval.${approval.kind}`),
      by: approval.decidedBy ? mention(approval.decidedBy.id) : '?',
      at: approval.decidedAt ? formatInstant(approval.decidedAt, ctx.locale, ctx.timeZone) : '?',
    },
  );
  const text = approval.note ? `${line} — ${escapeText(approval.note)}` : line;
  return { text, blocks: [{ type: 'section', text: md(text.slice(0, 3000)) }] as Block[] };
}

/** The approve / reject buttons posted in the case thread for one pending approval. */
export function approvalRequest(
  complaint: Complaint,
  kind: string,
  mentions: string,
  reason: string,
  t: Translate,
) {
  const value = JSON.stringify({ c: complaint.id, k: kind });
  const text = t('decision.request', { mentions, reason: escapeText(reason) });
  const blocks: Block[] = [
    { type: 'section', text: md(text) },
    {
      type: 'actions',
      block_id: 'approval_actions',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.approve,
          text: plainText(t('action.approve')),
          value,
          style: 'primary',
        },
        {
          type: 'button',
          action_id: ACTIONS.refuse,
          text: plainText(t('action.refuse')),
          value,
          style: 'danger',
        },
      ],
    },
  ];
  return { text, blocks };
}
