import { z } from 'zod';
import { may } from '../roles/permissions.js';
import { ChatUserSchema, RecordIdSchema, type ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import { intakeField } from '../shared/intake.js';
import { ok, refuse, type Result } from '../shared/result.js';
import { administered, unchanged, type AdminRefusal } from './administer-complaint.js';
import { changeComplaint, refOf, type ChangeRefusal } from './change-complaint.js';
import type { Complaint } from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';

const ReassignInputSchema = z.strictObject({
  complaintId: z.string(),
  assignee: ChatUserSchema,
  ...intakeField,
});

type Refused = 'INPUT.INVALID' | AdminRefusal | ChangeRefusal;

/**
 * Someone who plans the work hands the case to another person, who must hold a role that takes
 * cases in charge; the new assignee is told directly.
 */
export async function reassignComplaint(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<Complaint, Refused | 'COMPLAINT.ASSIGNEE_NOT_ELIGIBLE'>> {
  const parsed = parseInput(ReassignInputSchema, input);
  if (!parsed.ok) return parsed;
  const { assignee, complaintId, intakeKey } = parsed.value;
  const decide = administered('complaint.reassign', 'complaint.reassigned', async (complaint) => {
    const same = (u?: ChatUser) => u?.platform === assignee.platform && u.id === assignee.id;
    if (same(complaint.assignee)) return unchanged();
    if (!may(await services.roles.rolesOf(assignee), 'complaint.take_in_charge'))
      return refuse('COMPLAINT.ASSIGNEE_NOT_ELIGIBLE');
    return ok({
      complaint: { ...complaint, assignee },
      data: { to: assignee, ...(complaint.assignee ? { from: complaint.assignee } : {}) },
    });
  });
  const changed = await changeComplaint(services, by, complaintId, decide, intakeKey);
  if (changed.ok && !changed.repeat) await tellAssignee(services, changed.value, assignee);
  return changed;
}

async function tellAssignee(services: ComplaintServices, complaint: Complaint, to: ChatUser) {
  const say = { key: 'admin.assigned.dm', params: { number: complaint.number } };
  await services.notifier.queue(
    {
      type: 'direct.message',
      to,
      case: refOf(complaint),
      text: complaint.number,
      say,
      linkCase: true,
    },
    { once: `case.assigned:${complaint.id}:${complaint.revision}` },
  );
}

const CorrectClientInputSchema = z.strictObject({
  complaintId: z.string(),
  clientId: RecordIdSchema,
  ...intakeField,
});

const label = (client: { name: string; code: string } | undefined, id: string) =>
  client ? `${client.name} (${client.code})` : id;

/** The case was registered under the wrong client: it moves to the right one, on the record. */
export async function correctClient(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<Complaint, Refused | 'COMPLAINT.CLIENT_NOT_FOUND'>> {
  const parsed = parseInput(CorrectClientInputSchema, input);
  if (!parsed.ok) return parsed;
  const { clientId, complaintId, intakeKey } = parsed.value;
  const decide = administered(
    'complaint.correct_client',
    'complaint.client_corrected',
    async (c) => {
      if (c.clientId === clientId) return unchanged();
      const client = await services.clients.find(clientId);
      if (!client) return refuse('COMPLAINT.CLIENT_NOT_FOUND');
      const before = await services.clients.find(c.clientId);
      return ok({
        complaint: { ...c, clientId },
        data: {
          from: c.clientId,
          to: clientId,
          fromName: label(before, c.clientId),
          toName: label(client, clientId),
        },
      });
    },
  );
  return changeComplaint(services, by, complaintId, decide, intakeKey);
}
