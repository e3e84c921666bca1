import type { NewCaseEvent } from '../audit/case-event.js';
import type { Route } from '../routing/route.js';
import type { CaseRef } from '../shared/notification.js';
import type { SettingsStore } from '../settings/settings.js';
import type { Notifier, RoleDirectory } from '../shared/shared.ports.js';
import type { Approval, Complaint } from './complaint.js';
import { isFollowedMove, tellFiler } from './follow-complaint.js';

type Messaging = { notifier: Notifier; roles: RoleDirectory };

/** Queueing a case's card twice (a filing finished after a crash) still posts it once. */
export const announceKey = (caseId: string) => `case.announce:${caseId}`;

/** The case card in its department channel; P1 also alerts on-call and the directors directly. */
export async function announce(services: Messaging, ref: CaseRef, route: Route): Promise<void> {
  await services.notifier.queue(
    {
      type: 'case.announce',
      case: ref,
      destination: route.destination,
      mention: route.mention,
      direct: route.direct,
      ...(route.via === 'triage' ? { triage: true as const } : {}),
    },
    { once: announceKey(ref.caseId) },
  );
}

/** Each pending approval is asked of the people holding the role it needs. */
export async function askForApprovals(
  services: Messaging,
  ref: CaseRef,
  approvals: Approval[],
): Promise<void> {
  for (const approval of approvals.filter((a) => a.status === 'pending')) {
    await services.notifier.queue(
      {
        type: 'decision.requested',
        case: ref,
        from: await services.roles.holdersOf(approval.role),
        reason: approval.reason,
        ...(approval.say ? { say: approval.say } : {}),
        approvalKind: approval.kind,
      },
      {
        once: `decision.requested:${ref.caseId}:${approval.kind}:${approval.requestedAt.toISOString()}`,
      },
    );
  }
}

/**
 * The card is refreshed and the thread gets one line per recorded event; the person who filed the
 * case hears of its moves (follow-complaint.ts).
 */
export async function tellChanged(
  services: Messaging & { settings: Pick<SettingsStore, 'read'> },
  complaint: Complaint,
  events: NewCaseEvent[],
): Promise<void> {
  const ref: CaseRef = {
    caseKind: 'complaint',
    caseId: complaint.id,
    caseNumber: complaint.number,
  };
  for (const event of events) {
    await services.notifier.queue({ type: 'case.changed', case: ref, event });
    if (isFollowedMove(event)) await tellFiler(services, complaint, event);
  }
}
