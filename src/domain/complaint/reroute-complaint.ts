import { z } from 'zod';
import { routingKey } from '../routing/routing-rule.js';
import type { ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { ok, type Result } from '../shared/result.js';
import { chatText, optionalChatText } from '../shared/text.js';
import { checkDepartment } from '../taxonomy/check-choices.js';
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

/**
 * Once-key of a case's move: the submission's (so its retry finds the move it queued), or the
 * saved revision's when there is no form.
 */
const moveKey = (complaint: Complaint, intakeKey: string | undefined) =>
  `case.move:${complaint.id}:${intakeKey ?? `r${complaint.revision}`}`;

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
  const { note, complaintId, intakeKey } = parsed.value;
  // One of the departments the complaint form offers (free text while the taxonomy lists none).
  const listed = checkDepartment(await services.taxonomy.entries(), parsed.value.department);
  if (!listed.ok) return listed;
  const department = listed.value;
  const decide = administered('complaint.reroute', 'complaint.rerouted', async (complaint) => {
    if (routingKey(complaint.department) === routingKey(department)) return unchanged();
    const moved = { ...complaint, department };
    const { platform, channel } = (await routeOf(services, moved)).destination;
    const data = { from: complaint.department, to: department, platform, channel };
    return ok({ complaint: moved, data: { ...data, ...(note ? { note } : {}) } });
  });
  const changed = await changeComplaint(services, by, complaintId, decide, intakeKey);
  // A retried submission moves the card too, should the first delivery have stopped before.
  if (changed.ok) await moveCard(services, changed.value, intakeKey);
  return changed;
}

/** The card goes where the routing rules now send the case, unless it is there already. */
export async function moveCard(
  services: ComplaintServices,
  complaint: Complaint,
  intakeKey?: string,
) {
  const route = await routeOf(services, complaint);
  const from = complaint.announcement;
  const { platform, channel } = route.destination;
  if (from?.platform === platform && from.channel === channel) return;
  await services.notifier.queue(
    {
      type: 'case.moved',
      case: refOf(complaint),
      ...(from ? { from } : {}),
      destination: route.destination,
      mention: route.mention,
    },
    { once: moveKey(complaint, intakeKey) },
  );
}
