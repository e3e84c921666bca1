import { z } from 'zod';
import type { Route } from '../routing/route.js';
import { routingKey } from '../routing/routing-rule.js';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { ok, type Result } from '../shared/result.js';
import { chatText, optionalChatText } from '../shared/text.js';
import { administered, unchanged, type AdminRefusal } from './administer-complaint.js';
import { changeComplaint, refOf, type ChangeRefusal } from './change-complaint.js';
import type { Complaint } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { routeOf } from './file-complaint.js';

const RerouteInputSchema = z.strictObject({
  complaintId: z.string(),
  department: chatText(80),
  note: optionalChatText(2000),
  ...intakeField,
});

/** Once-key of a case's move: one per saved revision, so a retried move posts one card. */
export const moveKey = (complaint: Complaint) => `case.move:${complaint.id}:${complaint.revision}`;

/**
 * The case belongs to another department: its department changes, the routing rules pick the
 * channel, the card is posted there and the old card and thread point to it.
 */
export async function rerouteComplaint(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<Complaint, 'INPUT.INVALID' | AdminRefusal | ChangeRefusal>> {
  const parsed = parseInput(RerouteInputSchema, input);
  if (!parsed.ok) return parsed;
  const { department, note, complaintId, intakeKey } = parsed.value;
  let route: Route | undefined;
  const decide = administered('complaint.reroute', 'complaint.rerouted', async (complaint) => {
    if (routingKey(complaint.department) === routingKey(department)) return unchanged();
    const moved = { ...complaint, department };
    route = await routeOf(services, moved);
    const { platform, channel } = route.destination;
    return ok({
      complaint: moved,
      data: {
        from: complaint.department,
        to: department,
        platform,
        channel,
        ...(note ? { note } : {}),
      },
    });
  });
  const changed = await changeComplaint(services, by, complaintId, decide, intakeKey);
  if (!changed.ok || changed.repeat || !route) return changed;
  const from = changed.value.announcement;
  const there =
    from?.platform === route.destination.platform && from.channel === route.destination.channel;
  if (!there)
    await services.notifier.queue(
      {
        type: 'case.moved',
        case: refOf(changed.value),
        ...(from ? { from } : {}),
        destination: route.destination,
        mention: route.mention,
      },
      { once: moveKey(changed.value) },
    );
  return changed;
}
