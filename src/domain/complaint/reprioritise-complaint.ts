import { z } from 'zod';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { ok, type Result } from '../shared/result.js';
import { chatText } from '../shared/text.js';
import { clocksForPriority } from '../sla/clocks-for-priority.js';
import { breachAt } from '../sla/sla-clocks.js';
import { administered, unchanged, type AdminRefusal } from './administer-complaint.js';
import { changeComplaint, refOf, type ChangeRefusal } from './change-complaint.js';
import { PrioritySchema, type Complaint } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { routeOf } from './file-complaint.js';
import { moveCard } from './reroute-complaint.js';

const ReprioritiseInputSchema = z.strictObject({
  complaintId: z.string(),
  priority: PrioritySchema,
  reason: chatText(2000),
  ...intakeField,
});

/**
 * The case's criticality was judged wrong: it gets the new priority, with the reason on the
 * record, and SLA clocks recomputed from its receipt on the business calendar (the reminders
 * follow, as every change reschedules them). Raised to P1, on-call and the directors are alerted;
 * where the routing rules send the new priority to another channel, the card moves there.
 */
export async function reprioritiseComplaint(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<Complaint, 'INPUT.INVALID' | AdminRefusal | ChangeRefusal>> {
  const parsed = parseInput(ReprioritiseInputSchema, input);
  if (!parsed.ok) return parsed;
  const { priority, reason, complaintId, intakeKey } = parsed.value;
  let raisedToP1 = false;
  let from = '';
  const decide = administered(
    'complaint.reprioritise',
    'complaint.priority_changed',
    (complaint, _actor, at) => {
      if (complaint.priority === priority) return unchanged();
      raisedToP1 = priority === 'P1';
      from = complaint.priority;
      const { calendar, sla: policy } = services.rules;
      const slaClocks = clocksForPriority(complaint, { policy, calendar, priority, at });
      const due = slaClocks.map((c) => ({ target: c.target, at: breachAt(c).toISOString() }));
      return ok({
        complaint: { ...complaint, priority, slaClocks },
        data: { from: complaint.priority, to: priority, reason, due },
      });
    },
  );
  const changed = await changeComplaint(services, by, complaintId, decide, intakeKey);
  if (!changed.ok) return changed;
  // Rules may send another priority elsewhere (P1 to an on-call channel): the card follows.
  await moveCard(services, changed.value, intakeKey);
  if (!changed.repeat && raisedToP1) await alertP1(services, changed.value);
  if (!changed.repeat) await tellAssignee(services, changed.value, by, { from, reason });
  return changed;
}

/** The person the case is assigned to learns its new priority (their time to act changed). */
async function tellAssignee(
  services: ComplaintServices,
  complaint: Complaint,
  by: ChatUser,
  { from, reason }: { from: string; reason: string },
) {
  const to = complaint.assignee;
  if (!to || (to.platform === by.platform && to.id === by.id)) return;
  const params = { number: complaint.number, from, to: complaint.priority, reason };
  const say = { key: 'admin.priority.dm', params };
  await services.notifier.queue(
    {
      type: 'direct.message',
      to,
      case: refOf(complaint),
      text: complaint.number,
      say,
      linkCase: true,
    },
    { once: `case.priority:${complaint.id}:${complaint.revision}` },
  );
}

/** A case raised to P1 alerts on-call and the directors directly, as a new P1 does (seed 001). */
async function alertP1(services: ComplaintServices, complaint: Complaint) {
  const route = await routeOf(services, complaint);
  const params = { number: complaint.number, description: complaint.description.slice(0, 200) };
  for (const to of route.direct)
    await services.notifier.queue(
      {
        type: 'direct.message',
        to,
        case: refOf(complaint),
        text: complaint.number,
        say: { key: 'p1.alert', params },
      },
      { once: `case.p1:${complaint.id}:${complaint.revision}:${to.platform}:${to.id}` },
    );
}
