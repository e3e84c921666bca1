import type { Complaint } from '../../../domain/complaint/complaint.js';
import type { D2Request } from '../../../domain/d2/d2-request.js';
import { may, mayDecideApproval } from '../../../domain/roles/permissions.js';
import type { Role } from '../../../domain/roles/role.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import { signalOf } from '../../../domain/sla/sla-clocks.js';
import type { Translate } from '../../../i18n/translate.js';
import { ACTIONS } from '../../ids.js';
import { clip, escapeText } from '../blocks/block-kit.js';
import type { SlackDeps } from '../slack-deps.js';

export interface WorkItem {
  line: string;
  button?: { actionId: string; label: string; value: string; primary?: boolean };
}
type WorkList = { title: string; items: WorkItem[] };

const SIGNAL_ICON = {
  on_time: ':large_green_circle:',
  warning: ':large_yellow_circle:',
  breached: ':red_circle:',
};

/** What waits for this person, list by list, in the order they should look at it. */
export async function homeWork(
  deps: SlackDeps,
  me: ChatUser,
  roles: Role[],
  limit: number,
  t: Translate,
): Promise<WorkList[]> {
  const now = deps.services.clock.now();
  const lists: WorkList[] = [
    {
      title: t('home.mine'),
      items: (await deps.complaints.openFor(me, limit)).map((c) => caseItem(c, now, t)),
    },
  ];
  const approvals = (await deps.complaints.awaitingApproval(50)).flatMap((c) =>
    c.approvals
      .filter((a) => a.status === 'pending' && mayDecideApproval(roles, a.role))
      .map((a) => approvalItem(c, a.kind, t)),
  );
  if (approvals.length || roles.includes('manager') || roles.includes('DCOM'))
    lists.push({ title: t('home.approvals'), items: approvals.slice(0, limit) });
  if (may(roles, 'd2.sign'))
    lists.push({
      title: t('home.toSign'),
      items: (await deps.d2Requests.awaitingSignature(limit)).map((d) =>
        d2Item(d, {
          actionId: ACTIONS.d2Sign,
          label: t('action.sign'),
          value: d.id,
          primary: true,
        }),
      ),
    });
  if (roles.includes('SCOM')) {
    const toDo = await deps.d2Requests.toCarryOut(limit);
    lists.push({ title: t('home.toCarryOut'), items: toDo.map((d) => carryOutItem(d, t)) });
    lists.push({
      title: t('home.toArchive'),
      items: (await deps.d2Requests.toArchive(limit)).map((d) => d2Item(d)),
    });
  }
  if (may(roles, 'care.log'))
    lists.push({
      title: t('home.careDue'),
      items: (await deps.care.care.candidates(now, limit)).map((client) => ({
        line: `• *${escapeText(clip(client.name, 80))}* (${escapeText(client.code)})`,
        button: {
          actionId: ACTIONS.logCareCall,
          label: t('action.log_care_call'),
          value: client.id,
        },
      })),
    });
  return lists;
}

function caseItem(c: Complaint, now: Date, t: Translate): WorkItem {
  const signals = c.slaClocks.map((k) => signalOf(k, now));
  const worst =
    signals.find((s) => s === 'breached') ?? signals.find((s) => s === 'warning') ?? 'on_time';
  const line = `${SIGNAL_ICON[worst]} *${c.number}* ${c.priority} · ${t(`status.${c.status}`)} · ${escapeText(clip(c.product, 60))}`;
  return { line };
}

function approvalItem(c: Complaint, kind: string, t: Translate): WorkItem {
  const line = `• *${c.number}* · ${t(`approval.${kind}` as never)} · ${escapeText(clip(c.product, 60))}`;
  const value = JSON.stringify({ c: c.id, k: kind });
  return {
    line,
    button: { actionId: ACTIONS.approve, label: t('action.approve'), value, primary: true },
  };
}

const d2Item = (d: D2Request, button?: WorkItem['button']): WorkItem => ({
  line: `• *${d.number}* ${escapeText(clip(d.reason, 80))}`,
  ...(button ? { button } : {}),
});

const carryOutItem = (d: D2Request, t: Translate) =>
  d2Item(
    d,
    d.status === 'signed'
      ? { actionId: ACTIONS.d2Start, label: t('action.start'), value: d.id, primary: true }
      : { actionId: ACTIONS.d2Complete, label: t('action.complete'), value: d.id },
  );
