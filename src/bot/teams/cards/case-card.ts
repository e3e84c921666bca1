import type { Client } from '../../../domain/client/client.js';
import type { Approval, Complaint, ComplaintStatus } from '../../../domain/complaint/complaint.js';
import { ORIGINS } from '../../../domain/complaint/complaint.js';
import { allowedNext } from '../../../domain/complaint/lifecycle.js';
import type { D2Request } from '../../../domain/d2/d2-request.js';
import { breachAt } from '../../../domain/sla/sla-clocks.js';
import type { Locale, MessageKey, Translate } from '../../../i18n/translate.js';
import { TEAMS_VERBS } from '../../ids.js';
import { formatInstant } from '../../shared/format.js';
import { slaSignalText } from '../../shared/sla-text.js';
import { card, choices, execute, facts, showCard, text, textInput } from './adaptive.js';

export interface TeamsCardContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
  now: Date;
}

const MOVES: [ComplaintStatus, string, MessageKey][] = [
  ['acknowledged', TEAMS_VERBS.acknowledge, 'action.acknowledge'],
  ['in_progress', TEAMS_VERBS.takeInCharge, 'action.take_in_charge'],
  ['waiting_customer', TEAMS_VERBS.waitCustomer, 'action.wait_customer'],
];

/**
 * The case card in its Teams channel. `refresh` makes every viewer's client ask the bot for the
 * current card (Universal Actions), so the channel always shows the truth.
 */
export function teamsCaseCard(
  complaint: Complaint,
  client: Client | undefined,
  ctx: TeamsCardContext,
) {
  const { t } = ctx;
  const when = (at: Date) => formatInstant(at, ctx.locale, ctx.timeZone);
  const id = { caseId: complaint.id };
  const next = allowedNext(complaint.status);
  const reason = (verb: string, title: MessageKey) =>
    showCard(
      t(title),
      [textInput('reason', t('complaint.field.reason'), { isMultiline: true, maxLength: 2000 })],
      execute(t('modal.submit'), verb, id),
    );
  const actions = [
    ...MOVES.filter(
      ([to]) =>
        next.includes(to) && !(to === 'in_progress' && complaint.status === 'waiting_customer'),
    ).map(([, verb, title]) => execute(t(title), verb, id)),
    ...(complaint.status === 'waiting_customer'
      ? [execute(t('action.resume'), TEAMS_VERBS.resume, id)]
      : []),
    ...(next.includes('resolved')
      ? [
          showCard(
            t('action.resolve'),
            [
              textInput('solution', t('complaint.field.solution'), {
                isMultiline: true,
                maxLength: 4000,
              }),
              choices(
                'origin',
                t('complaint.field.origin'),
                ORIGINS.map((o) => [o, t(`origin.${o}`)]),
              ),
              { type: 'Input.Number', id: 'costEur', label: t('complaint.field.cost'), min: 0 },
            ],
            execute(t('modal.submit'), TEAMS_VERBS.resolve, id),
          ),
        ]
      : []),
    ...(next.includes('awaiting_approval')
      ? [
          showCard(
            t('action.escalate'),
            [
              choices(
                'kind',
                t('complaint.field.kind'),
                (['cost', 'feature_change', 'outside_policy', 'other'] as const).map((k) => [
                  k,
                  t(`approval.${k}`),
                ]),
              ),
              textInput('reason', t('complaint.field.reason'), {
                isMultiline: true,
                maxLength: 500,
              }),
            ],
            execute(t('modal.submit'), TEAMS_VERBS.escalate, id),
          ),
        ]
      : []),
    ...(next.includes('closed')
      ? [
          showCard(
            t('action.close'),
            [
              choices(
                'origin',
                t('complaint.field.origin'),
                ORIGINS.map((o) => [o, t(`origin.${o}`)]),
              ),
              { type: 'Input.Number', id: 'costEur', label: t('complaint.field.cost'), min: 0 },
            ],
            execute(t('modal.submit'), TEAMS_VERBS.close, id),
          ),
        ]
      : []),
    ...(next.includes('reopened') ? [reason(TEAMS_VERBS.reopen, 'action.reopen')] : []),
  ];
  const approvals = complaint.approvals.filter((a) => a.status === 'pending');
  return card(
    [
      text(`${complaint.number} · ${complaint.priority}`, { size: 'Large', weight: 'Bolder' }),
      facts([
        [t('card.client'), client ? `${client.name} (${client.code})` : complaint.clientId],
        [t('card.status'), t(`status.${complaint.status}`)],
        [t('card.product'), complaint.product],
        [t('card.problemCode'), complaint.problemCode],
        [t('card.department'), complaint.department],
        [
          t('card.assignee'),
          complaint.assignee?.name ?? complaint.assignee?.id ?? t('card.nobody'),
        ],
      ]),
      text(complaint.description),
      ...complaint.slaClocks.map((clock) =>
        text(
          t(clock.limitAt ? 'sla.window' : 'sla.line', {
            target: t(`sla.${clock.target}`),
            due: when(clock.dueAt),
            limit: when(breachAt(clock)),
            signal: slaSignalText(clock, ctx),
          }),
          { isSubtle: true, spacing: 'None' },
        ),
      ),
      ...approvals.map((a) =>
        text(t('card.approval.pending', { kind: t(`approval.${a.kind}`), role: a.role }), {
          color: 'warning',
        }),
      ),
    ],
    {
      refresh: {
        action: {
          type: 'Action.Execute',
          title: 'refresh',
          verb: TEAMS_VERBS.refresh,
          data: { caseId: complaint.id, kind: 'complaint' },
        },
      },
      actions: withAdmin(actions, complaint, t),
    },
  );
}

/** "Amministra" stays on an open case's card, whatever else its status offers (Teams shows 6). */
function withAdmin(actions: object[], complaint: Complaint, t: Translate) {
  if (['closed', 'rejected', 'withdrawn'].includes(complaint.status)) return actions.slice(0, 6);
  const admin = execute(t('action.administer'), TEAMS_VERBS.administer, { caseId: complaint.id });
  return [...actions.slice(0, 5), admin];
}

/** Approve / reject (with a reason) for one pending approval, posted in the case's thread. */
export function teamsApprovalCard(
  complaint: Complaint,
  kind: string,
  reason: string,
  t: Translate,
  deciders = '',
) {
  const data = { caseId: complaint.id, kind };
  return card([text(t('decision.request', { mentions: deciders, reason }).trim())], {
    // Every viewer's copy asks for the card as it stands: once decided, the decision, no buttons.
    refresh: {
      action: {
        type: 'Action.Execute',
        title: 'refresh',
        verb: TEAMS_VERBS.refresh,
        data: { ...data, card: 'approval' },
      },
    },
    actions: [
      execute(t('action.approve'), TEAMS_VERBS.approve, data, 'positive'),
      showCard(
        t('action.refuse'),
        [textInput('reason', t('complaint.field.reason'), { isMultiline: true, maxLength: 2000 })],
        execute(t('modal.submit'), TEAMS_VERBS.refuse, data, 'destructive'),
      ),
    ],
  });
}

/** The approval card once decided: who decided, when, and their note; no buttons left. */
export function teamsApprovalDecided(approval: Approval, ctx: Omit<TeamsCardContext, 'now'>) {
  const { t } = ctx;
  const line = t(
    approval.status === 'approved' ? 'card.approval.approved' : 'card.approval.refused',
    {
      kind: t(`approval.${approval.kind}`),
      by: approval.decidedBy?.name ?? approval.decidedBy?.id ?? '?',
      at: approval.decidedAt ? formatInstant(approval.decidedAt, ctx.locale, ctx.timeZone) : '?',
    },
  );
  return card([text(approval.note ? `${line} — ${approval.note}` : line)]);
}

/** Mod. 07_D2 for the director: Sign / Decline while it waits. */
export function teamsD2Card(d2: D2Request, client: Client | undefined, ctx: TeamsCardContext) {
  const { t } = ctx;
  const data = { d2Id: d2.id };
  const actions =
    d2.status === 'submitted'
      ? [
          execute(t('action.sign'), TEAMS_VERBS.d2Sign, data, 'positive'),
          showCard(
            t('action.decline'),
            [
              textInput('reason', t('complaint.field.reason'), {
                isMultiline: true,
                maxLength: 2000,
              }),
            ],
            execute(t('modal.submit'), TEAMS_VERBS.d2Decline, data),
          ),
        ]
      : d2.status === 'signed' || d2.status === 'in_progress'
        ? [
            // SCOM starts it when they contact the client (a signed one only), then completes it.
            ...(d2.status === 'signed'
              ? [execute(t('action.start'), TEAMS_VERBS.d2Start, data, 'positive')]
              : []),
            showCard(
              t('action.complete'),
              [textInput('outcome', t('d2.field.outcome'), { isMultiline: true, maxLength: 4000 })],
              execute(t('modal.submit'), TEAMS_VERBS.d2Complete, data),
            ),
          ]
        : [];
  return card(
    [
      text(`${d2.number} · ${t(`d2.status.${d2.status}`)}`, { size: 'Large', weight: 'Bolder' }),
      facts([
        [t('card.client'), client ? `${client.name} (${client.code})` : d2.clientId],
        [t('d2.card.requester'), `${d2.requester.name ?? d2.requester.id} (${d2.requesterOffice})`],
        [t('d2.card.urgency'), t(`urgency.${d2.urgency}`)],
      ]),
      text(d2.reason),
      ...(d2.signature
        ? [
            text(
              t('d2.card.signed', {
                by: d2.signature.by.name ?? d2.signature.by.id,
                at: formatInstant(d2.signature.at, ctx.locale, ctx.timeZone),
              }),
              { isSubtle: true },
            ),
          ]
        : []),
    ],
    {
      refresh: {
        action: {
          type: 'Action.Execute',
          title: 'refresh',
          verb: TEAMS_VERBS.refresh,
          data: { d2Id: d2.id, kind: 'd2' },
        },
      },
      actions,
    },
  );
}
