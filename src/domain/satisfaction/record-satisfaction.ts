import { z } from 'zod';
import { changeComplaint, refOf, type ChangeRefusal } from '../complaint/change-complaint.js';
import { whoAnswersFor } from '../complaint/case-people.js';
import type { Complaint } from '../complaint/complaint.js';
import { may } from '../roles/permissions.js';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { ok, refuse, type Result } from '../shared/result.js';
import { optionalChatText } from '../shared/text.js';
import type { SatisfactionServices } from './satisfaction.ports.js';

const DAY = 86_400_000;
/** A rating this low is a complaint in itself (seed 003): the case is reopened. */
export const UNHAPPY_AT_MOST = 2;

const RatingSchema = z.object({
  rating: z.coerce.number().int().min(1).max(5),
  comment: optionalChatText(2000),
});
type Rating = z.output<typeof RatingSchema>;
type SatisfactionRefusal =
  'INPUT.INVALID' | 'SATISFACTION.FORBIDDEN' | 'SATISFACTION.NOT_ALLOWED_NOW' | ChangeRefusal;

/** The operator records the customer's rating (1–5) and comment on a resolved or closed case. */
export async function recordSatisfaction(
  services: SatisfactionServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<Complaint, SatisfactionRefusal>> {
  const parsed = parseInput(RatingSchema.extend({ complaintId: z.string() }).strict(), input);
  if (!parsed.ok) return parsed;
  if (!may(await services.roles.rolesOf(by), 'complaint.close'))
    return refuse('SATISFACTION.FORBIDDEN');
  return rate(services, by, parsed.value.complaintId, parsed.value, {
    platform: by.platform,
    id: by.id,
  });
}

/** A survey link for the customer: one answer, valid for `surveyDays`. */
export async function sendSurvey(
  services: SatisfactionServices,
  by: ChatUser,
  complaintId: string,
): Promise<
  Result<
    { token: string; expiresAt: Date },
    'SATISFACTION.FORBIDDEN' | 'SATISFACTION.NOT_ALLOWED_NOW' | 'COMPLAINT.NOT_FOUND'
  >
> {
  if (!may(await services.roles.rolesOf(by), 'complaint.close'))
    return refuse('SATISFACTION.FORBIDDEN');
  const complaint = await services.complaints.get(String(complaintId));
  if (!complaint) return refuse('COMPLAINT.NOT_FOUND');
  if (complaint.status !== 'resolved' && complaint.status !== 'closed')
    return refuse('SATISFACTION.NOT_ALLOWED_NOW');
  const expiresAt = new Date(services.clock.now().getTime() + services.surveyDays * DAY);
  const issued = await services.surveys.issue(complaint.id, expiresAt);
  return ok({ token: issued.token, expiresAt });
}

export type SurveyRefusal =
  'INPUT.INVALID' | 'SURVEY.UNKNOWN' | 'SURVEY.EXPIRED' | 'SURVEY.USED' | SatisfactionRefusal;

/** The customer answers through the link: once, before it expires. */
export async function answerSurvey(
  services: SatisfactionServices,
  token: string,
  input: unknown,
): Promise<Result<Complaint, SurveyRefusal>> {
  const parsed = parseInput(RatingSchema, input);
  if (!parsed.ok) return parsed;
  const found = await services.surveys.find(String(token).slice(0, 100));
  if (!found) return refuse('SURVEY.UNKNOWN');
  const now = services.clock.now();
  if (found.answered) return refuse('SURVEY.USED');
  if (found.expiresAt <= now) return refuse('SURVEY.EXPIRED');
  if (!(await services.surveys.use(found.token, now))) return refuse('SURVEY.USED');
  const complaint = await services.complaints.get(found.complaintId);
  if (!complaint) return refuse('SURVEY.UNKNOWN');
  return rate(services, complaint.registeredBy, complaint.id, parsed.value, {
    platform: 'system',
    id: 'survey',
  });
}

/** Stores the rating; an unhappy customer reopens the case and its owner is told. */
async function rate(
  services: SatisfactionServices,
  by: ChatUser,
  complaintId: string,
  rating: Rating,
  actor: { platform: string; id: string },
) {
  const result = await changeComplaint(services, by, complaintId, (complaint, _actor, at) => {
    if (complaint.status !== 'resolved' && complaint.status !== 'closed')
      return refuse('SATISFACTION.NOT_ALLOWED_NOW', { status: complaint.status });
    const unhappy = rating.rating <= UNHAPPY_AT_MOST;
    const satisfaction = {
      rating: rating.rating,
      ...(rating.comment ? { comment: rating.comment } : {}),
      at,
    };
    const event = (type: string, data: Record<string, unknown>) => ({
      ...refOf(complaint),
      type,
      actor: actor as ChatUser,
      at,
      data,
    });
    return ok({
      complaint: {
        ...complaint,
        satisfaction,
        ...(unhappy
          ? { status: 'reopened' as const, phaseTimes: { ...complaint.phaseTimes, reopened: at } }
          : {}),
        updatedAt: at,
      },
      events: [
        event('complaint.satisfaction_recorded', {
          rating: rating.rating,
          ...(rating.comment ? { comment: rating.comment } : {}),
        }),
        ...(unhappy
          ? [
              event('complaint.status_changed', {
                from: complaint.status,
                to: 'reopened',
                action: 'satisfaction.unhappy',
              }),
            ]
          : []),
      ],
    });
  });
  if (result.ok && result.value.status === 'reopened') await tellUnhappy(services, result.value);
  return result;
}

/**
 * An unhappy customer reopened the case: its owner, the managers and the directors each hear it
 * by direct message, with the customer's words and a link to the case — once each.
 */
async function tellUnhappy(services: SatisfactionServices, complaint: Complaint) {
  const rating = complaint.satisfaction!;
  const owner = complaint.assignee ?? complaint.registeredBy;
  const params = {
    number: complaint.number,
    rating: rating.rating,
    ...(rating.comment ? { comment: rating.comment } : {}),
  };
  const say = {
    key: rating.comment ? 'satisfaction.unhappy' : 'satisfaction.unhappy_silent',
    params,
  };
  const text = `${complaint.number}: ${rating.rating}/5${rating.comment ? ` — ${rating.comment}` : ''}`;
  for (const to of await whoAnswersFor(services, complaint, owner))
    await services.notifier.queue(
      { type: 'direct.message', to, case: refOf(complaint), text, say, linkCase: true },
      { once: `unhappy:${complaint.id}:${rating.at.toISOString()}:${to.platform}:${to.id}` },
    );
}
