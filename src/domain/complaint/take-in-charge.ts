import { z } from 'zod';
import { localYearOf } from '../calendar/business-calendar.js';
import { ChatUserSchema, type ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { ok, type Refusal, type Result } from '../shared/result.js';
import { optionalChatText } from '../shared/text.js';
import { breachAt } from '../sla/sla-clocks.js';
import { changeComplaint, type ChangeRefusal } from './change-complaint.js';
import type { Complaint } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { transition, type TransitionRefusal } from './lifecycle.js';
import type { ServiceOrder } from './service-order.js';

const TakeInChargeInputSchema = z.strictObject({
  complaintId: z.string(),
  note: optionalChatText(2000),
  /** P1 gets a service order only when someone asks for one. */
  withServiceOrder: z.boolean().optional(),
  responsibleManager: ChatUserSchema.optional(),
});

/**
 * The technician takes the case: it moves to in progress with them as assignee, and P2/P3 get
 * their written service order (seed 001), due when the resolution target falls due.
 */
export async function takeInCharge(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): Promise<
  Result<
    { complaint: Complaint; serviceOrder?: ServiceOrder },
    'INPUT.INVALID' | TransitionRefusal | ChangeRefusal
  >
> {
  const parsed = parseInput(TakeInChargeInputSchema, input);
  if (!parsed.ok) return parsed;
  const form = parsed.value;
  const taken = await changeComplaint(services, by, form.complaintId, (complaint, actor, at) => {
    const moved = transition(complaint, 'in_progress', actor, at, form.note);
    if (!moved.ok) return moved;
    return ok({
      complaint: { ...moved.value.complaint, assignee: by },
      events: [moved.value.event],
    });
  });
  if (!taken.ok) return taken;
  const complaint = taken.value;
  const wanted = complaint.priority !== 'P1' || form.withServiceOrder === true;
  if (!wanted || complaint.serviceOrderId) return ok({ complaint });
  return attachServiceOrder(services, by, complaint, form.responsibleManager);
}

async function attachServiceOrder(
  services: ComplaintServices,
  by: ChatUser,
  complaint: Complaint,
  responsibleManager: ChatUser | undefined,
) {
  const now = services.clock.now();
  const resolution = complaint.slaClocks.find((c) => c.target === 'resolution');
  const order = await services.serviceOrders.issue(
    {
      complaintId: complaint.id,
      department: complaint.department,
      ...(responsibleManager ? { responsibleManager } : {}),
      dueAt: resolution ? breachAt(resolution) : now,
      status: 'open',
    },
    localYearOf(now, services.rules.calendar.timeZone),
  );
  const linked = await changeComplaint(services, by, complaint.id, (current, actor, at) =>
    ok({
      complaint: { ...current, serviceOrderId: order.id, updatedAt: at },
      events: [
        {
          caseKind: 'complaint',
          caseId: current.id,
          caseNumber: current.number,
          type: 'service_order.issued',
          actor: actor.user,
          at,
          data: { serviceOrder: order.number, dueAt: order.dueAt.toISOString() },
        },
      ],
    }),
  );
  if (!linked.ok) return linked as Refusal<ChangeRefusal>;
  return ok({ complaint: linked.value, serviceOrder: order });
}
