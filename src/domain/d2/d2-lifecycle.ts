import type { NewCaseEvent } from '../audit/case-event.js';
import type { Actor } from '../complaint/lifecycle.js';
import { may, type Action } from '../roles/permissions.js';
import { ok, refuse, type Result } from '../shared/result.js';
import type { D2Request } from './d2-request.js';

export type D2Refusal =
  'D2.FORBIDDEN' | 'D2.ALREADY_SIGNED' | 'D2.NOT_ALLOWED_NOW' | 'D2.REASON_REQUIRED';
type D2Step = Result<{ d2: D2Request; event: NewCaseEvent }, D2Refusal>;

function step(
  d2: D2Request,
  actor: Actor,
  at: Date,
  action: Action,
  changes: Partial<D2Request>,
  data = {},
): D2Step {
  const updated = { ...d2, ...changes, lastStep: { by: actor.user, at }, updatedAt: at };
  return ok({
    d2: updated,
    event: {
      caseKind: 'd2',
      caseId: d2.id,
      caseNumber: d2.number,
      type: action,
      actor: actor.user,
      at,
      data: { from: d2.status, to: updated.status, ...data },
    },
  });
}

/** The director's "sigla" (seed 000): only DCOM, once, recording who and when. */
export function signD2(d2: D2Request, actor: Actor, at: Date): D2Step {
  if (!may(actor.roles, 'd2.sign')) return refuse('D2.FORBIDDEN', { action: 'd2.sign' });
  if (d2.signature) return refuse('D2.ALREADY_SIGNED', { status: 'signed', ...d2.signature });
  if (d2.status !== 'submitted') return alreadyPast(d2);
  return step(d2, actor, at, 'd2.sign', { status: 'signed', signature: { by: actor.user, at } });
}

export function declineD2(d2: D2Request, actor: Actor, at: Date, reason: string): D2Step {
  if (!may(actor.roles, 'd2.decline')) return refuse('D2.FORBIDDEN', { action: 'd2.decline' });
  if (d2.status !== 'submitted') return alreadyPast(d2);
  if (!reason.trim()) return refuse('D2.REASON_REQUIRED');
  return step(
    d2,
    actor,
    at,
    'd2.decline',
    { status: 'declined', declineReason: reason.trim() },
    { reason },
  );
}

export function startD2(d2: D2Request, actor: Actor, at: Date): D2Step {
  if (!may(actor.roles, 'd2.start')) return refuse('D2.FORBIDDEN', { action: 'd2.start' });
  if (d2.status !== 'signed') return alreadyPast(d2);
  return step(d2, actor, at, 'd2.start', { status: 'in_progress' });
}

export function completeD2(d2: D2Request, actor: Actor, at: Date, outcome: string): D2Step {
  if (!may(actor.roles, 'd2.complete')) return refuse('D2.FORBIDDEN', { action: 'd2.complete' });
  if (d2.status !== 'in_progress' && d2.status !== 'signed') return alreadyPast(d2);
  return step(d2, actor, at, 'd2.complete', { status: 'done', outcome: outcome.trim() });
}

/**
 * A press that finds the request past the step it asks for (a double click, a colleague faster)
 * is told what happened, who did it and when, not just "not now".
 */
function alreadyPast(d2: D2Request) {
  return refuse('D2.NOT_ALLOWED_NOW', { status: d2.status, ...d2.lastStep });
}
