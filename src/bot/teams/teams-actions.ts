import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { registerQuickClient } from '../../domain/client/register-client.js';
import { giveApproval, refuseApproval } from '../../domain/complaint/decide-approval.js';
import { escalateComplaint } from '../../domain/complaint/escalate-complaint.js';
import { fileComplaint } from '../../domain/complaint/file-complaint.js';
import {
  acknowledgeComplaint,
  reopenComplaint,
  resumeComplaint,
  waitForCustomer,
} from '../../domain/complaint/move-complaint.js';
import { closeComplaint, resolveComplaint } from '../../domain/complaint/resolve-complaint.js';
import { takeInCharge } from '../../domain/complaint/take-in-charge.js';
import {
  completeD2Request,
  declineD2Request,
  signD2Request,
  startD2Request,
} from '../../domain/d2/decide-d2.js';
import { raiseD2 } from '../../domain/d2/raise-d2.js';
import type { ChatUser } from '../../domain/shared/chat-user.js';
import type { FieldProblem } from '../../domain/shared/input.js';
import type { Refusal, Result } from '../../domain/shared/result.js';
import { pickLocale, translator, type Translate } from '../../i18n/translate.js';
import { TEAMS_COMMANDS, TEAMS_VERBS } from '../ids.js';
import { roleRefusal } from '../shared/needs-role.js';
import { describe, refusalText } from '../shared/refusal-text.js';
import { registrationMessage } from '../shared/registration-message.js';
import { onCardAction } from './card-action.js';
import { attachment, text, type Card } from './cards/adaptive.js';
import {
  teamsApprovalCard,
  teamsApprovalDecided,
  teamsCaseCard,
  teamsD2Card,
} from './cards/case-card.js';
import { approvalReason } from '../shared/approval-reason.js';
import { complaintFormCard, d2FormCard, noticeCard } from './cards/forms.js';
import { teamsFormChoices } from './teams-taxonomy.js';
import { teamsUser } from './teams-app.js';
import { teamsShown } from './shown.js';
import { teamsChannelName } from './channel-name.js';
import { registerTeamsAdmin } from './teams-admin.js';
import type { TeamsDeps } from './teams-deps.js';

type Data = Record<string, unknown>;
const str = (data: Data, key: string) => {
  const value = data[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};
const num = (data: Data, key: string) => {
  const raw = str(data, key);
  if (raw === undefined) return undefined;
  const parsed = Number(raw.replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : raw;
};

/** Card inputs arrive as text: any other value in these fields was not sent by our card. */
const malformed = (data: Data, fields: string[]) =>
  fields.filter((f) => data[f] !== undefined && data[f] !== null && typeof data[f] !== 'string');
const invalidOn = (fields: string[], t: Translate) =>
  Object.fromEntries(fields.map((f) => [f, t('field.invalid')]));
const MOVE_FIELDS = [
  'caseId',
  'd2Id',
  'kind',
  'reason',
  'solution',
  'origin',
  'costEur',
  'outcome',
];

/** `intakeKey`: the action's identity, so a retried or duplicated delivery changes the case once. */
type CaseMove = (
  deps: TeamsDeps,
  by: ChatUser,
  data: Data,
  intakeKey: string,
) => Promise<Result<unknown>>;
const caseId = (data: Data) => String(data.caseId ?? '');

/** Every Action.Execute on a case card: the verb names the use case, the card comes back fresh. */
const CASE_MOVES: Record<string, CaseMove> = {
  [TEAMS_VERBS.acknowledge]: (d, by, data, intakeKey) =>
    acknowledgeComplaint(d.services, by, { complaintId: caseId(data), intakeKey }),
  [TEAMS_VERBS.takeInCharge]: (d, by, data) =>
    takeInCharge(d.services, by, { complaintId: caseId(data) }),
  [TEAMS_VERBS.waitCustomer]: (d, by, data, intakeKey) =>
    waitForCustomer(d.services, by, { complaintId: caseId(data), intakeKey }),
  [TEAMS_VERBS.resume]: (d, by, data, intakeKey) =>
    resumeComplaint(d.services, by, { complaintId: caseId(data), intakeKey }),
  [TEAMS_VERBS.reopen]: (d, by, data, intakeKey) =>
    reopenComplaint(d.services, by, {
      complaintId: caseId(data),
      intakeKey,
      reason: str(data, 'reason') ?? '',
    }),
  [TEAMS_VERBS.escalate]: (d, by, data, intakeKey) =>
    escalateComplaint(d.services, by, {
      complaintId: caseId(data),
      intakeKey,
      kind: str(data, 'kind'),
      reason: str(data, 'reason') ?? '',
    }),
  [TEAMS_VERBS.resolve]: (d, by, data, intakeKey) =>
    resolveComplaint(d.services, by, {
      complaintId: caseId(data),
      intakeKey,
      solution: str(data, 'solution') ?? '',
      origin: str(data, 'origin'),
      costEur: num(data, 'costEur'),
    }),
  [TEAMS_VERBS.close]: (d, by, data, intakeKey) =>
    closeComplaint(d.services, by, {
      complaintId: caseId(data),
      intakeKey,
      origin: str(data, 'origin'),
      costEur: num(data, 'costEur'),
    }),
};

/** Pressed on the approval card in the case thread: answered with that card, decided or not. */
const APPROVAL_MOVES: Record<string, CaseMove> = {
  [TEAMS_VERBS.approve]: (d, by, data) =>
    giveApproval(d.services, by, { complaintId: caseId(data), kind: str(data, 'kind') }),
  [TEAMS_VERBS.refuse]: (d, by, data, intakeKey) =>
    refuseApproval(d.services, by, {
      complaintId: caseId(data),
      intakeKey,
      kind: str(data, 'kind'),
      reason: str(data, 'reason') ?? '',
    }),
};

const D2_MOVES: Record<string, CaseMove> = {
  [TEAMS_VERBS.d2Sign]: (d, by, data) =>
    signD2Request(d.services, by, { d2Id: String(data.d2Id ?? '') }),
  [TEAMS_VERBS.d2Decline]: (d, by, data, intakeKey) =>
    declineD2Request(d.services, by, {
      d2Id: String(data.d2Id ?? ''),
      intakeKey,
      reason: str(data, 'reason') ?? '',
    }),
  [TEAMS_VERBS.d2Start]: (d, by, data) =>
    startD2Request(d.services, by, { d2Id: String(data.d2Id ?? '') }),
  [TEAMS_VERBS.d2Complete]: (d, by, data, intakeKey) =>
    completeD2Request(d.services, by, {
      d2Id: String(data.d2Id ?? ''),
      intakeKey,
      outcome: str(data, 'outcome') ?? '',
    }),
};

export function registerTeamsActions(app: Application<TurnState>, deps: TeamsDeps) {
  const context = (turn: TurnContext) => {
    const locale = pickLocale(turn.activity.locale, deps.defaultLocale);
    return {
      t: translator(locale),
      locale,
      timeZone: deps.timeZone,
      now: deps.services.clock.now(),
    };
  };
  const caseCardFor = async (turn: TurnContext, id: string, notice?: string): Promise<Card> => {
    const ctx = context(turn);
    const complaint = await deps.complaints.get(id);
    if (!complaint) return noticeCard(ctx.t('error.COMPLAINT.NOT_FOUND'), true);
    const fresh = teamsCaseCard(complaint, await deps.clients.find(complaint.clientId), ctx);
    return notice
      ? { ...fresh, body: [text(notice, { color: 'attention' }), ...fresh.body] }
      : fresh;
  };
  const d2CardFor = async (turn: TurnContext, id: string, notice?: string): Promise<Card> => {
    const ctx = context(turn);
    const d2 = await deps.d2Requests.get(id);
    if (!d2) return noticeCard(ctx.t('error.D2.NOT_FOUND'), true);
    const fresh = teamsD2Card(d2, await deps.clients.find(d2.clientId), ctx);
    return notice
      ? { ...fresh, body: [text(notice, { color: 'attention' }), ...fresh.body] }
      : fresh;
  };

  /** The approval card as it stands: its decision (who, when, note, no buttons), else its buttons. */
  const approvalCardFor = async (turn: TurnContext, data: Data, notice?: string): Promise<Card> => {
    const ctx = context(turn);
    const complaint = await deps.complaints.get(caseId(data));
    const approval = complaint?.approvals.find((a) => a.kind === str(data, 'kind'));
    if (!complaint || !approval) return caseCardFor(turn, caseId(data), notice);
    const reason = approvalReason(approval.reason, approval.say, ctx.t, ctx.locale);
    const fresh =
      approval.status === 'pending'
        ? teamsApprovalCard(complaint, approval.kind, reason, ctx.t)
        : teamsApprovalDecided(approval, ctx);
    return notice
      ? { ...fresh, body: [text(notice, { color: 'attention' }), ...fresh.body] }
      : fresh;
  };

  app.adaptiveCards.actionExecute<Data>(TEAMS_VERBS.refresh, async (turn, _state, data) =>
    data.card === 'approval'
      ? approvalCardFor(turn, data)
      : data.kind === 'd2'
        ? d2CardFor(turn, String(data.d2Id ?? ''))
        : caseCardFor(turn, caseId(data)),
  );
  /** A move's refusal on its card; one for want of a role names the roles and whom to ask. */
  const refusedWith = async (
    turn: TurnContext,
    result: { ok: boolean },
    t: Translate,
    shown?: Parameters<typeof refusalText>[2],
  ) => {
    if (result.ok) return undefined;
    const refusal = result as Refusal;
    const who = (u: ChatUser) => u.name ?? u.id;
    return (
      (await roleRefusal(deps.roles, teamsUser(turn), refusal, t, who)) ??
      refusalText(refusal, t, shown)
    );
  };
  for (const [verb, move] of Object.entries(CASE_MOVES)) {
    onCardAction(app, verb, async (turn, _state, data) => {
      const { t, locale } = context(turn);
      if (malformed(data, MOVE_FIELDS).length)
        return caseCardFor(turn, caseId(data), t('field.invalid'));
      const result = await move(deps, teamsUser(turn), data, actionIntakeKey(turn));
      // A press that finds the work done says what happened, by whom and when.
      const shown = teamsShown(locale, deps.timeZone);
      return caseCardFor(turn, caseId(data), await refusedWith(turn, result, t, shown));
    });
  }
  for (const [verb, move] of Object.entries(APPROVAL_MOVES)) {
    onCardAction(app, verb, async (turn, _state, data) => {
      const { t, locale } = context(turn);
      if (malformed(data, MOVE_FIELDS).length)
        return approvalCardFor(turn, data, t('field.invalid'));
      const result = await move(deps, teamsUser(turn), data, actionIntakeKey(turn));
      const shown = teamsShown(locale, deps.timeZone);
      return approvalCardFor(turn, data, await refusedWith(turn, result, t, shown));
    });
  }
  for (const [verb, move] of Object.entries(D2_MOVES)) {
    onCardAction(app, verb, async (turn, _state, data) => {
      const { t, locale } = context(turn);
      if (malformed(data, MOVE_FIELDS).length)
        return d2CardFor(turn, String(data.d2Id ?? ''), t('field.invalid'));
      const result = await move(deps, teamsUser(turn), data, actionIntakeKey(turn));
      const shown = teamsShown(locale, deps.timeZone);
      return d2CardFor(turn, String(data.d2Id ?? ''), await refusedWith(turn, result, t, shown));
    });
  }
  registerTeamsAdmin(app, deps, { t: (turn) => context(turn).t, caseCard: caseCardFor });
  onCardAction(
    app,
    TEAMS_VERBS.complaintSubmit,
    async (turn, _state, data) => (await submitComplaint(turn, deps, data, context(turn).t)).card,
  );
  registerComplaintExtension(app, deps, (turn) => context(turn).t);
  onCardAction(app, TEAMS_VERBS.d2Submit, (turn, _state, data) =>
    submitD2(turn, deps, data, context(turn).t),
  );
}

const FORM_FIELDS = [
  'clientId',
  'newClientName',
  'product',
  'description',
  'problemCode',
  'category',
  'department',
  'priority',
  'estimatedCostEur',
  'changesProductFunctionality',
  'outsidePolicy',
  'warranty',
  'channel',
  'remedyRequested',
];

/**
 * The message extension "Register as complaint": the form opens in a task module with the
 * message's text; refusals keep the task module open with the errors, success closes it.
 */
function registerComplaintExtension(
  app: Application<TurnState>,
  deps: TeamsDeps,
  tOf: (turn: TurnContext) => Translate,
) {
  const task = (t: Translate, form: Card) => ({
    title: t('complaint.modal.title'),
    card: attachment(form),
    height: 'large' as const,
    width: 'medium' as const,
  });
  app.messageExtensions.fetchTask(TEAMS_COMMANDS.registerComplaint, async (turn) => {
    const value = turn.activity.value as
      { messagePayload?: { body?: { content?: string } } } | undefined;
    const description = plainTextOf(value?.messagePayload?.body?.content ?? '').slice(0, 4000);
    const t = tOf(turn);
    const clients = await deps.clients.search('', 100);
    const taxonomy = await teamsFormChoices(turn, deps);
    return task(
      t,
      complaintFormCard(t, clients, { values: { description }, inTaskModule: true, taxonomy }),
    );
  });
  app.messageExtensions.submitAction<Data>(
    TEAMS_COMMANDS.registerComplaint,
    async (turn, _state, data) => {
      const t = tOf(turn);
      const answer = await submitComplaint(turn, deps, data, t, true);
      return answer.refused ? task(t, answer.card) : undefined;
    },
  );
}

/** Teams message bodies are HTML: keep their text. */
const plainTextOf = (html: string) =>
  html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

/** The complaint form: refusals come back on the same card, field by field, in the user's language. */
async function submitComplaint(
  turn: TurnContext,
  deps: TeamsDeps,
  data: Data,
  t: Translate,
  inTaskModule = false,
): Promise<{ card: Card; refused: boolean }> {
  const by = teamsUser(turn);
  const values = Object.fromEntries(FORM_FIELDS.map((f) => [f, str(data, f) ?? ''])) as Record<
    string,
    string
  >;
  const again = async (errors: Record<string, string>) => ({
    card: complaintFormCard(t, await deps.clients.search('', 100), {
      values,
      errors,
      inTaskModule,
      taxonomy: await teamsFormChoices(turn, deps),
    }),
    refused: true,
  });
  const bad = malformed(data, FORM_FIELDS);
  if (bad.length) return again(invalidOn(bad, t));
  let clientId = values.clientId ?? '';
  if (!clientId && values.newClientName) {
    const created = await registerQuickClient(deps.services, by, { name: values.newClientName });
    if (!created.ok) return again({ clientId: refusalText(created, t) });
    clientId = created.value.client.id;
  }
  const result = await fileComplaint(deps.services, by, {
    clientId,
    product: values.product,
    description: values.description,
    problemCode: values.problemCode,
    category: values.category,
    department: values.department,
    priority: str(data, 'priority'),
    channel: str(data, 'channel'),
    warranty: str(data, 'warranty'),
    estimatedCostEur: num(data, 'estimatedCostEur'),
    changesProductFunctionality: data.changesProductFunctionality === 'true',
    outsidePolicy: data.outsidePolicy === 'true',
    remedyRequested: str(data, 'remedyRequested'),
    intakeKey: cardIntakeKey(turn),
  });
  if (!result.ok) return again(errorsOf(result, t));
  const { complaint, route } = result.value;
  const locale = pickLocale(turn.activity.locale, deps.defaultLocale);
  // Where it went, by the channel's name; never a raw conversation id.
  const to = route.destination;
  const name =
    to.platform === 'teams' ? await teamsChannelName(deps.conversations, to.channel) : '';
  const where = name && name !== to.channel ? name : t('teams.channel.unnamed');
  const message = registrationMessage(complaint, route, t, locale, () => where);
  const notice = noticeCard(message);
  return { card: notice, refused: false };
}

async function submitD2(
  turn: TurnContext,
  deps: TeamsDeps,
  data: Data,
  t: Translate,
): Promise<Card> {
  const fields = ['clientId', 'reason', 'urgency', 'notes'];
  const values = Object.fromEntries(fields.map((f) => [f, str(data, f) ?? ''])) as Record<
    string,
    string
  >;
  const again = async (errors: Record<string, string>) =>
    d2FormCard(t, await deps.clients.search('', 100), { values, errors });
  const bad = malformed(data, fields);
  if (bad.length) return again(invalidOn(bad, t));
  const result = await raiseD2(deps.services, teamsUser(turn), {
    clientId: values.clientId,
    reason: values.reason,
    urgency: str(data, 'urgency'),
    notes: str(data, 'notes'),
    intakeKey: cardIntakeKey(turn),
  });
  if (!result.ok) return again(errorsOf(result, t));
  return noticeCard(t('d2.raised', { number: result.value.number }));
}

/**
 * A card action's identity: its activity. Teams sends the same activity again when the bot took
 * too long (learn.microsoft.com/microsoftteams/platform/bots/bot-basics, note on the 15-second
 * retry); a new press of a button is a new activity.
 */
const actionIntakeKey = (turn: TurnContext) =>
  `teams:activity:${turn.activity.conversation.id}:${turn.activity.id}`;

/**
 * A form card's identity: the message that carries it (`replyToId` of its Action.Execute), the
 * same on a retried or double-clicked submit and on a resubmission after errors, which stored
 * nothing the first time.
 */
const cardIntakeKey = (turn: TurnContext) =>
  `teams:${turn.activity.conversation.id}:${turn.activity.replyToId ?? turn.activity.id}`;

function errorsOf(refusal: Refusal, t: Translate): Record<string, string> {
  const problems = (refusal.error.details?.problems as FieldProblem[] | undefined) ?? [];
  if (!problems.length) return { form: refusalText(refusal, t) };
  return Object.fromEntries(problems.map((p) => [p.field, describe(p, t)]));
}
