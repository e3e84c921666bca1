import type { NewCaseEvent } from '../audit/case-event.js';
import type { Actor } from '../complaint/lifecycle.js';
import { RecordIdSchema, type ChatUser } from '../shared/chat-user.js';
import type { CaseRef } from '../shared/notification.js';
import { alreadyApplied, withApplied } from '../shared/intake.js';
import { again, ok, refuse, type Refusal, type Result } from '../shared/result.js';
import type { D2Request } from './d2-request.js';
import type { D2Services } from './d2.ports.js';
import { tellD2Step } from './d2-messages.js';

export const d2Ref = (d2: D2Request): CaseRef => ({
  caseKind: 'd2',
  caseId: d2.id,
  caseNumber: d2.number,
});

type Decide<C extends string> = (
  d2: D2Request,
  actor: Actor,
  at: Date,
) => Result<{ d2: D2Request; event: NewCaseEvent }, C>;

/**
 * The one way a stored D2 changes: load, apply the rule with server-side roles, save, tell. A
 * form's `intakeKey` is remembered with the change, so that submission delivered again changes
 * and tells nothing more (see changeComplaint).
 */
export async function changeD2<C extends string>(
  services: D2Services,
  by: ChatUser,
  d2Id: unknown,
  decide: Decide<C>,
  intakeKey?: string,
): Promise<Result<D2Request, C | 'D2.NOT_FOUND' | 'D2.CHANGED_MEANWHILE'>> {
  const id = RecordIdSchema.safeParse(d2Id);
  const current = id.success ? await services.d2Requests.get(id.data) : undefined;
  if (!current) return refuse('D2.NOT_FOUND');
  if (alreadyApplied(current, intakeKey)) return again(current);
  const actor = { user: by, roles: await services.roles.rolesOf(by) };
  const at = services.clock.now();
  const decided = decide(current, actor, at);
  if (!decided.ok) {
    if (decided.error.code === 'D2.FORBIDDEN')
      await auditRefusal(services, current, actor, at, decided);
    return decided as Refusal<C>;
  }
  const changed = withApplied(decided.value.d2, intakeKey);
  if (!(await services.d2Requests.save(changed, current.revision))) {
    const now = await services.d2Requests.get(current.id);
    if (now && alreadyApplied(now, intakeKey)) return again(now);
    // Two presses at once: the later one is told what the first did ("already signed by…").
    const meanwhile = now && decide(now, actor, at);
    if (meanwhile && !meanwhile.ok) return meanwhile as Refusal<C>;
    return refuse('D2.CHANGED_MEANWHILE');
  }
  await services.events.append(decided.value.event);
  await services.notifier.queue({
    type: 'case.changed',
    case: d2Ref(current),
    event: decided.value.event,
  });
  await tellD2Step(services, changed, decided.value.event, by);
  return ok({ ...changed, revision: current.revision + 1 });
}

/** Attempts to sign without the role stay in the audit log. */
async function auditRefusal(
  services: D2Services,
  d2: D2Request,
  actor: Actor,
  at: Date,
  refusal: Refusal,
) {
  await services.events.append({
    ...d2Ref(d2),
    type: 'd2.attempt_refused',
    actor: actor.user,
    at,
    data: { ...refusal.error.details, roles: [...actor.roles] },
  });
}
