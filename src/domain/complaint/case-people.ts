import { eachOnce, type ChatUser } from '../shared/chat-user.js';
import type { Complaint } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { routeOf } from './file-complaint.js';

/**
 * Who must act on a case now: its assignee; for a case nobody holds, its department's on-call
 * person and the people its routing rule names (coordinator, manager) — the coordinators and
 * managers when the rule names nobody — and the directors when there is still nobody.
 */
export async function whoMustAct(
  services: ComplaintServices,
  complaint: Complaint,
): Promise<ChatUser[]> {
  if (complaint.assignee) return [complaint.assignee];
  const route = await routeOf(services, complaint);
  const leads = route.mention.length
    ? route.mention
    : [
        ...(await services.roles.holdersOf('coordinator')),
        ...(await services.roles.holdersOf('manager')),
      ];
  const people = eachOnce([...(route.onCall ? [route.onCall] : []), ...leads]);
  return people.length ? people : services.roles.holdersOf('DCOM');
}

/** Who answers for a case going wrong: whoever must act, the managers and the directors. */
export async function whoAnswersFor(
  services: ComplaintServices,
  complaint: Complaint,
  owner?: ChatUser,
): Promise<ChatUser[]> {
  return eachOnce([
    ...(owner ? [owner] : await whoMustAct(services, complaint)),
    ...(await services.roles.holdersOf('manager')),
    ...(await services.roles.holdersOf('DCOM')),
  ]);
}
