import { z } from 'zod';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { ok, type Result } from '../shared/result.js';
import { chatText } from '../shared/text.js';
import { clocksForPriority } from '../sla/clocks-for-priority.js';
import { breachAt } from '../sla/sla-clocks.js';
import { administered, unchanged, type AdminRefusal } from './administer-complaint.js';
import { changeComplaint, type ChangeRefusal } from './change-complaint.js';
import { PrioritySchema, type Complaint } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';

const ReprioritiseInputSchema = z.strictObject({
  complaintId: z.string(),
  priority: PrioritySchema,
  reason: chatText(2000),
  ...intakeField,
});

/**
 * The case's criticality was judged wrong: it gets the new priority, with the reason on the
 * record, and SLA clocks recomputed from its receipt on the business calendar (the reminders
 * follow, as every change reschedules them).
 */
export async function reprioritiseComplaint(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<Complaint, 'INPUT.INVALID' | AdminRefusal | ChangeRefusal>> {
  const parsed = parseInput(ReprioritiseInputSchema, input);
  if (!parsed.ok) return parsed;
  const { priority, reason, complaintId, intakeKey } = parsed.value;
  const decide = administered(
    'complaint.reprioritise',
    'complaint.priority_changed',
    (complaint, _actor, at) => {
      if (complaint.priority === priority) return unchanged();
      const { calendar, sla: policy } = services.rules;
      const slaClocks = clocksForPriority(complaint, { policy, calendar, priority, at });
      const due = slaClocks.map((c) => ({ target: c.target, at: breachAt(c).toISOString() }));
      return ok({
        complaint: { ...complaint, priority, slaClocks },
        data: { from: complaint.priority, to: priority, reason, due },
      });
    },
  );
  return changeComplaint(services, by, complaintId, decide, intakeKey);
}
