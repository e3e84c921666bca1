import type { SlackRoutes } from '../slack-routes.js';
import { z } from 'zod';
import { refuseApproval } from '../../../domain/complaint/decide-approval.js';
import { escalateComplaint } from '../../../domain/complaint/escalate-complaint.js';
import { addNote, reopenComplaint } from '../../../domain/complaint/move-complaint.js';
import { closeComplaint, resolveComplaint } from '../../../domain/complaint/resolve-complaint.js';
import { completeD2Request, declineD2Request } from '../../../domain/d2/decide-d2.js';
import { correctClient, reassignComplaint } from '../../../domain/complaint/reassign-complaint.js';
import { reprioritiseComplaint } from '../../../domain/complaint/reprioritise-complaint.js';
import { rerouteComplaint } from '../../../domain/complaint/reroute-complaint.js';
import type { FieldProblem } from '../../../domain/shared/input.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import type { Refusal, Result } from '../../../domain/shared/result.js';
import type { Complaint } from '../../../domain/complaint/complaint.js';
import { VIEWS } from '../../ids.js';
import { updateApprovalMessage } from '../actions/case-buttons.js';
import { refusalText } from '../../shared/refusal-text.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { metadataOf, viewIntakeKey } from './view-reply.js';
import { amount, fieldErrors, readViewState, text, type ViewValues } from './view-state.js';

const MetadataSchema = z.object({
  id: z.string().max(40),
  approvalKind: z.string().max(40).optional(),
  channel: z.string().max(40).optional(),
  messageTs: z.string().max(40).optional(),
});
type Metadata = z.output<typeof MetadataSchema>;
/** `m` carries the view's intake key, so a repeated delivery of the form changes the case once. */
type Submit = (
  deps: SlackDeps,
  by: ChatUser,
  m: Metadata & { intakeKey: string },
  v: ViewValues,
) => Promise<Result<unknown>>;

/** Each small case form → its use case input (the use case validates everything). */
const FORMS: Record<string, Submit> = {
  [VIEWS.caseNote]: (d, by, m, v) =>
    addNote(d.services, by, {
      complaintId: m.id,
      text: text(v, 'text') ?? '',
      intakeKey: m.intakeKey,
    }),
  [VIEWS.caseResolve]: (d, by, m, v) =>
    resolveComplaint(d.services, by, {
      complaintId: m.id,
      intakeKey: m.intakeKey,
      solution: text(v, 'solution') ?? '',
      origin: text(v, 'origin'),
      rootCause: text(v, 'rootCause'),
      costEur: amount(v, 'costEur'),
      goodwillCause: text(v, 'goodwillCause'),
    }),
  [VIEWS.caseClose]: (d, by, m, v) =>
    closeComplaint(d.services, by, {
      complaintId: m.id,
      intakeKey: m.intakeKey,
      origin: text(v, 'origin'),
      costEur: amount(v, 'costEur'),
      note: text(v, 'note'),
    }),
  [VIEWS.caseEscalate]: (d, by, m, v) =>
    escalateComplaint(d.services, by, {
      complaintId: m.id,
      intakeKey: m.intakeKey,
      kind: text(v, 'kind'),
      reason: text(v, 'reason') ?? '',
    }),
  [VIEWS.caseReason]: (d, by, m, v) =>
    reopenComplaint(d.services, by, {
      complaintId: m.id,
      reason: text(v, 'reason') ?? '',
      intakeKey: m.intakeKey,
    }),
  [VIEWS.approvalRefuse]: (d, by, m, v) =>
    refuseApproval(d.services, by, {
      complaintId: m.id,
      kind: m.approvalKind,
      reason: text(v, 'reason') ?? '',
      intakeKey: m.intakeKey,
    }),
  [VIEWS.d2Decline]: (d, by, m, v) =>
    declineD2Request(d.services, by, {
      d2Id: m.id,
      reason: text(v, 'reason') ?? '',
      intakeKey: m.intakeKey,
    }),
  // Case administration ("Amministra" on the card): the use cases check the role again.
  [VIEWS.caseReassign]: (d, by, m, v) =>
    reassignComplaint(d.services, by, {
      complaintId: m.id,
      assignee: text(v, 'assignee') && { platform: 'slack', id: text(v, 'assignee') },
      intakeKey: m.intakeKey,
    }),
  [VIEWS.caseReroute]: (d, by, m, v) =>
    rerouteComplaint(d.services, by, {
      complaintId: m.id,
      department: text(v, 'department') ?? '',
      note: text(v, 'note'),
      intakeKey: m.intakeKey,
    }),
  [VIEWS.casePriority]: (d, by, m, v) =>
    reprioritiseComplaint(d.services, by, {
      complaintId: m.id,
      priority: text(v, 'priority'),
      reason: text(v, 'reason') ?? '',
      intakeKey: m.intakeKey,
    }),
  [VIEWS.caseClient]: (d, by, m, v) =>
    correctClient(d.services, by, {
      complaintId: m.id,
      clientId: text(v, 'client') ?? '',
      intakeKey: m.intakeKey,
    }),
  [VIEWS.d2Complete]: (d, by, m, v) =>
    completeD2Request(d.services, by, {
      d2Id: m.id,
      outcome: text(v, 'outcome') ?? '',
      intakeKey: m.intakeKey,
    }),
};

/** Forms opened from case buttons: refusals come back on the form, in the user's language. */
export function registerCaseFormsSubmit(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  for (const [callbackId, submit] of Object.entries(FORMS)) {
    app.view(callbackId, async ({ ack, body, view, client }) => {
      const { t, locale } = await localeOf(body.user.id);
      const metadata = MetadataSchema.safeParse(metadataOf(MetadataSchema, view.private_metadata));
      const values = readViewState(view.state);
      const firstBlock = Object.keys(values)[0] ?? 'reason';
      if (!metadata.success) {
        await ack({ response_action: 'errors', errors: { [firstBlock]: t('error.unknown') } });
        return;
      }
      const form = { ...metadata.data, intakeKey: viewIntakeKey(view) };
      const result = await submit(deps, slackUser(body.user), form, values);
      if (result.ok) await ack();
      if (result.ok && callbackId === VIEWS.approvalRefuse && !result.repeat) {
        const message = { channel: form.channel, ts: form.messageTs };
        const complaint = result.value as Complaint;
        const kind = form.approvalKind ?? '';
        await updateApprovalMessage(client, message, complaint, kind, { t, locale }, deps.timeZone);
      }
      if (result.ok) return;
      await ack({ response_action: 'errors', errors: errorsOf(result, values, firstBlock, t) });
    });
  }
}

function errorsOf(
  result: Refusal,
  values: ViewValues,
  firstBlock: string,
  t: Parameters<typeof refusalText>[1],
) {
  const problems = (result.error.details?.problems as FieldProblem[] | undefined) ?? [];
  const errors = fieldErrors(problems, t, (field) => (field in values ? field : undefined));
  return Object.keys(errors).length ? errors : { [firstBlock]: refusalText(result, t) };
}
