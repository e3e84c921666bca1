import type { NewCaseEvent } from '../audit/case-event.js';
import type { ChatUser } from '../shared/chat-user.js';
import type { Notifier, RoleDirectory } from '../shared/shared.ports.js';
import type { D2Request } from './d2-request.js';
import { d2Ref } from './change-d2.js';

type Messaging = { notifier: Notifier; roles: RoleDirectory };
const STEPS = ['sign', 'decline', 'start', 'complete'] as const;
type Step = (typeof STEPS)[number];
const stepOf = (type: string) => STEPS.find((s) => `d2.${s}` === type);

/**
 * After a D2 moved on, whoever acts next is told: once signed, every SCOM holder gets it to carry
 * out (SCOM acts and archives, Mod. 07_D2); the person who raised it hears every step. Each step
 * happens once per request, so each message is queued under a key that tells it once.
 */
export async function tellD2Step(
  services: Messaging,
  d2: D2Request,
  event: NewCaseEvent,
  by: ChatUser,
) {
  const step = stepOf(event.type);
  if (!step) return;
  const ref = d2Ref(d2);
  if (step === 'sign')
    await services.notifier.queue(
      { type: 'd2.to_carry_out', case: ref, to: await services.roles.holdersOf('SCOM') },
      { once: `d2:${d2.id}:to_carry_out` },
    );
  if (sameUser(d2.requester, by)) return;
  await services.notifier.queue(
    {
      type: 'd2.progress',
      case: ref,
      to: d2.requester,
      step,
      by,
      ...noteOf(step, d2),
    },
    { once: `d2:${d2.id}:progress:${step}` },
  );
}

function noteOf(step: Step, d2: D2Request): { note?: string } {
  const note = step === 'decline' ? d2.declineReason : step === 'complete' ? d2.outcome : undefined;
  return note ? { note } : {};
}

const sameUser = (a: { platform: string; id: string }, b: { platform: string; id: string }) =>
  a.platform === b.platform && a.id === b.id;
