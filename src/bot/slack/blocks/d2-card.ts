import type { Client } from '../../../domain/client/client.js';
import type { D2Request } from '../../../domain/d2/d2-request.js';
import { ACTIONS } from '../../ids.js';
import { escapeText, md, plainText, type Block } from './block-kit.js';
import type { CardContext } from './case-card.js';
import { formatInstant, mention } from '../../shared/format.js';

/** Mod. 07_D2 as the director sees it, with Sign / Decline while it waits for the signature. */
export function d2Card(d2: D2Request, client: Client | undefined, ctx: CardContext) {
  const { t } = ctx;
  const blocks: Block[] = [
    { type: 'header', text: plainText(`${d2.number} · ${t(`d2.status.${d2.status}`)}`) },
    {
      type: 'section',
      fields: [
        md(
          `*${t('card.client')}*\n${escapeText(client ? `${client.name} (${client.code})` : d2.clientId)}`,
        ),
        md(`*${t('d2.card.requester')}*\n${mention(d2.requester.id)} (${d2.requesterOffice})`),
        md(`*${t('d2.card.urgency')}*\n${t(`urgency.${d2.urgency}`)}`),
        md(`*${t('card.status')}*\n${t(`d2.status.${d2.status}`)}`),
      ],
    },
    { type: 'section', text: md(escapeText(d2.reason)) },
  ];
  const notes = [
    ...(d2.notes ? [escapeText(d2.notes)] : []),
    ...(d2.signature
      ? [
          t('d2.card.signed', {
            by: mention(d2.signature.by.id),
            at: formatInstant(d2.signature.at, ctx.locale, ctx.timeZone),
          }),
        ]
      : []),
    ...(d2.declineReason ? [escapeText(d2.declineReason)] : []),
    ...(d2.outcome ? [escapeText(d2.outcome)] : []),
  ];
  if (notes.length) blocks.push({ type: 'context', elements: notes.map((n) => md(n)) });
  const button = (
    action: keyof typeof ACTIONS,
    label: Parameters<typeof t>[0],
    style?: 'primary' | 'danger',
  ) => ({
    type: 'button' as const,
    action_id: ACTIONS[action],
    text: plainText(t(label)),
    value: d2.id,
    ...(style ? { style } : {}),
  });
  const elements =
    d2.status === 'submitted'
      ? [
          button('d2Sign', 'action.sign', 'primary'),
          button('d2Decline', 'action.decline', 'danger'),
        ]
      : d2.status === 'signed'
        ? [button('d2Start', 'action.start'), button('d2Complete', 'action.complete')]
        : d2.status === 'in_progress'
          ? [button('d2Complete', 'action.complete', 'primary')]
          : [];
  if (elements.length) blocks.push({ type: 'actions', block_id: 'd2_actions', elements });
  return { text: `${d2.number} — ${escapeText(d2.reason.slice(0, 100))}`, blocks };
}
