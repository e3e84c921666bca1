import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackRoutes } from '../slack-routes.js';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { giveApproval } from '../../../domain/complaint/decide-approval.js';
import {
  acknowledgeComplaint,
  resumeComplaint,
  waitForCustomer,
} from '../../../domain/complaint/move-complaint.js';
import { takeInCharge } from '../../../domain/complaint/take-in-charge.js';
import { signD2Request, startD2Request } from '../../../domain/d2/decide-d2.js';
import type { Complaint } from '../../../domain/complaint/complaint.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import type { Result } from '../../../domain/shared/result.js';
import type { Locale, MessageKey, Translate } from '../../../i18n/translate.js';
import type { Action } from '../../../domain/roles/permissions.js';
import { ACTIONS } from '../../ids.js';
import { refusedBeforeForm } from '../refuse-early.js';
import { roleRefusal } from '../../shared/needs-role.js';
import { mention } from '../../shared/format.js';
import { tellUser } from '../views/view-reply.js';
import { approvalDecided } from '../blocks/case-card.js';
import { caseFormModal, type CaseFormKind } from '../blocks/modals.js';
import { refusalText } from '../../shared/refusal-text.js';
import { slackShown } from '../shown.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { openModal } from '../slack-views.js';

const ApprovalValueSchema = z.object({ c: z.string().max(40), k: z.string().max(40) });
const approvalValue = (value: string) => {
  try {
    return ApprovalValueSchema.parse(JSON.parse(value));
  } catch {
    return { c: '', k: '' };
  }
};

type Move = (deps: SlackDeps, by: ChatUser, value: string) => Promise<Result<unknown>>;

/** Buttons that act at once. */
const MOVES: Record<string, Move> = {
  [ACTIONS.acknowledge]: (d, by, id) => acknowledgeComplaint(d.services, by, { complaintId: id }),
  [ACTIONS.takeInCharge]: (d, by, id) => takeInCharge(d.services, by, { complaintId: id }),
  [ACTIONS.waitCustomer]: (d, by, id) => waitForCustomer(d.services, by, { complaintId: id }),
  [ACTIONS.resume]: (d, by, id) => resumeComplaint(d.services, by, { complaintId: id }),
  [ACTIONS.approve]: (d, by, value) => {
    const { c, k } = approvalValue(value);
    return giveApproval(d.services, by, { complaintId: c, kind: k });
  },
  [ACTIONS.d2Sign]: (d, by, id) => signD2Request(d.services, by, { d2Id: id }),
  [ACTIONS.d2Start]: (d, by, id) => startD2Request(d.services, by, { d2Id: id }),
};

/** Buttons that first ask for details in a small form, and the permission checked before it opens. */
const FORMS: Record<string, [CaseFormKind, MessageKey, Action?]> = {
  [ACTIONS.addNote]: ['note', 'action.add_note', 'complaint.add_note'],
  [ACTIONS.resolve]: ['resolve', 'action.resolve', 'complaint.resolve'],
  [ACTIONS.close]: ['close', 'action.close', 'complaint.close'],
  [ACTIONS.escalate]: ['escalate', 'action.escalate', 'complaint.escalate'],
  [ACTIONS.reopen]: ['reason', 'action.reopen', 'complaint.reopen'],
  // who may refuse depends on the approval asked: the use case checks it on submit
  [ACTIONS.refuse]: ['refuse', 'action.refuse'],
  [ACTIONS.d2Decline]: ['d2Decline', 'action.decline', 'd2.decline'],
  [ACTIONS.d2Complete]: ['d2Complete', 'action.complete', 'd2.complete'],
};

export function registerCaseButtons(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  for (const [actionId, move] of Object.entries(MOVES)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const result = await move(
        deps,
        slackUser(body.user),
        String(action.value ?? '').slice(0, 200),
      );
      if (result.ok && actionId === ACTIONS.approve)
        return closeApprovalMessage(
          client,
          body,
          result.value as Complaint,
          await localeOf(body.user.id),
          deps.timeZone,
        );
      if (result.ok) return;
      const { t, locale } = await localeOf(body.user.id);
      // Refused for want of a role: which action, which roles, whom to ask.
      const text =
        (await roleRefusal(deps.roles, slackUser(body.user), result, t, (u) => mention(u.id))) ??
        refusalText(result, t, slackShown(locale, deps.timeZone));
      // Pressed in App Home there is no channel: the refusal comes as a direct message.
      await tellUser(client, body.user.id, body.channel?.id, text);
    });
  }
  for (const [actionId, [kind, title, permission]] of Object.entries(FORMS)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const value = String(action.value ?? '').slice(0, 200);
      const { t } = await localeOf(body.user.id);
      const at = { userId: body.user.id, channel: body.channel?.id };
      if (permission && (await refusedBeforeForm(deps, client, at, permission, t))) return;
      const approval = actionId === ACTIONS.refuse ? approvalValue(value) : undefined;
      // The refusal, once saved, updates the approval message this button was on.
      const channel = body.channel?.id;
      const messageTs = body.message?.ts;
      const metadata = approval
        ? {
            id: approval.c,
            approvalKind: approval.k,
            ...(channel && messageTs ? { channel, messageTs } : {}),
          }
        : { id: value };
      await openModal(client, body.trigger_id, caseFormModal(kind, t, metadata, t(title)));
    });
  }
}

/**
 * The approval message the button was on now says who decided and when, and loses its buttons.
 * The Approve button's value names the approval; a repeat (nothing changed) leaves it as it is.
 */
function closeApprovalMessage(
  client: WebClient,
  body: BlockAction<ButtonAction>,
  complaint: Complaint,
  reader: { t: Translate; locale: Locale },
  timeZone: string,
) {
  const kind = approvalValue(body.actions[0]?.value ?? '').k;
  const channel = body.channel?.id ?? body.container.channel_id;
  const message = { channel, ts: body.message?.ts };
  return updateApprovalMessage(client, message, complaint, kind, reader, timeZone);
}

/** Rewrites the approval message at `message` as decided (nothing when it is still pending). */
export async function updateApprovalMessage(
  client: WebClient,
  message: { channel?: string | undefined; ts?: string | undefined },
  complaint: Complaint,
  kind: string,
  { t, locale }: { t: Translate; locale: Locale },
  timeZone: string,
) {
  const approval = complaint.approvals.find((a) => a.kind === kind);
  const { channel, ts } = message;
  if (!approval || approval.status === 'pending' || !channel || !ts) return;
  await client.chat.update({ channel, ts, ...approvalDecided(approval, { t, locale, timeZone }) });
}
