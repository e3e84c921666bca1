import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { correctClient, reassignComplaint } from '../../domain/complaint/reassign-complaint.js';
import { reprioritiseComplaint } from '../../domain/complaint/reprioritise-complaint.js';
import { rerouteComplaint } from '../../domain/complaint/reroute-complaint.js';
import type { Complaint } from '../../domain/complaint/complaint.js';
import { routeOf } from '../../domain/complaint/file-complaint.js';
import type { Action } from '../../domain/roles/permissions.js';
import type { ChatUser } from '../../domain/shared/chat-user.js';
import type { Result } from '../../domain/shared/result.js';
import type { Translate } from '../../i18n/translate.js';
import { TEAMS_VERBS } from '../ids.js';
import { needsRole } from '../shared/needs-role.js';
import { refusalText } from '../shared/refusal-text.js';
import { onCardAction } from './card-action.js';
import { teamsAdminCard } from './cards/admin-card.js';
import type { Card } from './cards/adaptive.js';
import { noticeCard } from './cards/forms.js';
import { teamsUser } from './teams-app.js';
import { teamsFormChoices } from './teams-taxonomy.js';
import { teamsChannelName } from './channel-name.js';
import type { TeamsDeps } from './teams-deps.js';

type Data = Record<string, unknown>;
const FIELDS = ['caseId', 'assignee', 'assigneeId', 'department', 'note', 'priority', 'reason'];
const str = (data: Data, key: string) => {
  const value = data[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

interface Helpers {
  t: (turn: TurnContext) => Translate;
  caseCard: (turn: TurnContext, id: string, notice?: string) => Promise<Card>;
}

type AdminMove = {
  action: Action;
  run: (deps: TeamsDeps, by: ChatUser, data: Data, intakeKey: string) => Promise<Result<unknown>>;
};

/** The people a case may be given to on Teams (they hold a role that takes cases in charge). */
async function candidates(deps: TeamsDeps): Promise<ChatUser[]> {
  const people = new Map<string, ChatUser>();
  for (const role of ['technician', 'coordinator', 'manager'] as const)
    for (const user of await deps.roles.holdersOf(role))
      if (user.platform === 'teams') people.set(user.id, user);
  return [...people.values()].slice(0, 100);
}

const MOVES: Record<string, AdminMove> = {
  [TEAMS_VERBS.reassign]: {
    action: 'complaint.reassign',
    async run(deps, by, data, intakeKey) {
      const id = str(data, 'assigneeId') ?? str(data, 'assignee');
      const known = (await candidates(deps)).find((p) => p.id === id);
      const assignee = id ? (known ?? { platform: 'teams', id }) : undefined;
      return reassignComplaint(deps.services, by, {
        complaintId: str(data, 'caseId') ?? '',
        assignee,
        intakeKey,
      });
    },
  },
  [TEAMS_VERBS.reroute]: {
    action: 'complaint.reroute',
    run: (deps, by, data, intakeKey) =>
      rerouteComplaint(deps.services, by, {
        complaintId: str(data, 'caseId') ?? '',
        department: str(data, 'department') ?? '',
        note: str(data, 'note'),
        intakeKey,
      }),
  },
  [TEAMS_VERBS.reprioritise]: {
    action: 'complaint.reprioritise',
    run: (deps, by, data, intakeKey) =>
      reprioritiseComplaint(deps.services, by, {
        complaintId: str(data, 'caseId') ?? '',
        priority: str(data, 'priority'),
        reason: str(data, 'reason') ?? '',
        intakeKey,
      }),
  },
  [TEAMS_VERBS.correctClient]: {
    action: 'complaint.correct_client',
    run: (deps, by, data, intakeKey) =>
      correctClient(deps.services, by, {
        complaintId: str(data, 'caseId') ?? '',
        clientId: str(data, 'clientId') ?? '',
        intakeKey,
      }),
  },
};

/**
 * "Amministra" on the Teams case card: the card turns into the administration forms; each form's
 * verb is refused with what the person needs when they lack the role, and otherwise runs its use
 * case (which checks the role again). The case card comes back, with the refusal on top if any.
 */
export function registerTeamsAdmin(app: Application<TurnState>, deps: TeamsDeps, h: Helpers) {
  onCardAction(app, TEAMS_VERBS.administer, async (turn, _state, data) => {
    const t = h.t(turn);
    const complaint = await deps.complaints.get(String(data.caseId ?? ''));
    if (!complaint) return noticeCard(t('error.COMPLAINT.NOT_FOUND'), true);
    const clients = await deps.clients.search('', 100);
    const taxonomy = await teamsFormChoices(turn, deps);
    return teamsAdminCard(complaint, await candidates(deps), clients, t, taxonomy);
  });
  for (const [verb, move] of Object.entries(MOVES)) {
    onCardAction(app, verb, async (turn, _state, data) => {
      const t = h.t(turn);
      const id = String(data.caseId ?? '').slice(0, 40);
      const bad = [...FIELDS, 'clientId'].some(
        (f) => data[f] !== undefined && data[f] !== null && typeof data[f] !== 'string',
      );
      if (bad) return h.caseCard(turn, id, t('field.invalid'));
      const by = teamsUser(turn);
      const refusal = await needsRole(deps.roles, by, move.action, t, (u) => u.name ?? u.id);
      if (refusal) return h.caseCard(turn, id, refusal);
      const before = await deps.complaints.get(id);
      const result = await move.run(deps, by, data, actionKey(turn));
      if (!result.ok) return h.caseCard(turn, id, refusalText(result, t));
      // Moved (a new department, or a priority the rules send elsewhere): this card points on.
      const moved = await movedAway(deps, before);
      return moved ? noticeCard(t('admin.moved', moved)) : h.caseCard(turn, id);
    });
  }
}

/** Where a case went when its move took its card out of this conversation, if it did. */
async function movedAway(deps: TeamsDeps, before: Complaint | undefined) {
  const after = before && (await deps.complaints.get(before.id));
  if (!after || !before.announcement) return undefined;
  const route = await routeOf(deps.services, after);
  const { platform, channel } = route.destination;
  const same = before.announcement.platform === platform && before.announcement.channel === channel;
  if (same) return undefined;
  const name = platform === 'teams' ? await teamsChannelName(deps.conversations, channel) : channel;
  return { number: after.number, channel: name };
}

/** The action's identity (its activity): a retried delivery changes the case once. */
const actionKey = (turn: TurnContext) =>
  `teams:activity:${turn.activity.conversation.id}:${turn.activity.id}`;
