import { z } from 'zod';
import type { FirstEvent } from '../audit/case-event.js';
import { localYearOf } from '../calendar/business-calendar.js';
import { may } from '../roles/permissions.js';
import { routeCase, type Route } from '../routing/route.js';
import { RecordIdSchema, type ChatUser } from '../shared/chat-user.js';
import { parseInput } from '../shared/input.js';
import type { CaseRef } from '../shared/notification.js';
import { ok, refuse, type Result } from '../shared/result.js';
import { chatText, optionalChatText } from '../shared/text.js';
import { clocksForNewCase } from '../sla/clocks-on-transition.js';
import { checkChoices } from '../taxonomy/check-choices.js';
import {
  ContactChannelSchema,
  PrioritySchema,
  WarrantySchema,
  type Complaint,
  type NewComplaint,
} from './complaint.js';
import type { ComplaintServices } from './complaint.ports.js';
import { initialStatus, requiredApprovals } from './escalation.js';
import { announce, askForApprovals } from './complaint-messages.js';
import { repeatLink, repeatWindowStart } from './repeat.js';

/**
 * A description is as long as the form's text box can take: Slack's plain_text_input accepts a
 * max_length of at most 3000 (docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element,
 * field max_length), so the server, the Slack modal and the Teams card all stop at 3000.
 */
export const DESCRIPTION_MAX = 3000;

/** What the operator fills in (the /complaint form), checked before anything is stored. */
export const FileComplaintInputSchema = z.strictObject({
  clientId: RecordIdSchema,
  product: chatText(200),
  description: chatText(DESCRIPTION_MAX),
  problemCode: chatText(40).regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, . _ - only'),
  category: chatText(80),
  department: chatText(80),
  priority: PrioritySchema,
  channel: ContactChannelSchema,
  remedyRequested: optionalChatText(2000),
  estimatedCostEur: z.number().nonnegative().max(100_000_000).optional(),
  changesProductFunctionality: z.boolean().default(false),
  outsidePolicy: z.boolean().default(false),
  warranty: WarrantySchema.default('unknown'),
  reportedBy: optionalChatText(200),
  sourceMessageUrl: z.string().url().max(1000).optional(),
  intakeKey: z.string().max(200).optional(),
  /** When the customer reported it, if earlier than now (a phone call logged later). */
  receivedAt: z.date().optional(),
});
export type FileComplaintInput = z.input<typeof FileComplaintInputSchema>;

export type FileComplaintRefusal =
  | 'INPUT.INVALID'
  | 'COMPLAINT.FORBIDDEN'
  | 'COMPLAINT.CLIENT_NOT_FOUND'
  | 'COMPLAINT.RECEIVED_IN_FUTURE';

/** A filed case; `again` when this submission had been filed already (by another delivery). */
export interface Filed {
  complaint: Complaint;
  route: Route;
  again?: true;
}

/**
 * Registers a customer problem: classifies it (approvals, initial status, repeat), starts its SLA
 * clocks, stores it under the next number, then records, schedules and announces it.
 */
export async function fileComplaint(
  services: ComplaintServices,
  by: ChatUser,
  input: unknown,
): Promise<Result<Filed, FileComplaintRefusal>> {
  const parsed = parseInput(FileComplaintInputSchema, input);
  if (!parsed.ok) return parsed;
  // Department, category and problem code as the taxonomy lists them (free text while it is empty).
  const listed = checkChoices(await services.taxonomy.entries(), parsed.value);
  if (!listed.ok) return listed;
  const form = { ...parsed.value, ...listed.value };
  const roles = await services.roles.rolesOf(by);
  if (!may(roles, 'complaint.file'))
    return refuse('COMPLAINT.FORBIDDEN', { action: 'complaint.file' });
  if (!(await services.clients.exists(form.clientId)))
    return refuse('COMPLAINT.CLIENT_NOT_FOUND', { clientId: form.clientId });
  const now = services.clock.now();
  if (form.receivedAt && form.receivedAt > now) return refuse('COMPLAINT.RECEIVED_IN_FUTURE');

  const data = await classify(services, by, form, now);
  const { calendar } = services.rules;
  const year = localYearOf(now, calendar.timeZone);
  // A submission filed already (a retry, a copy in flight, another instance) is not looked up
  // first: the intake key's unique index refuses it here, and that case is the answer.
  // Its filing's events go in the case's own write: no case is ever stored without them.
  const { record: complaint, first } = await services.complaints.registerOnce(
    data,
    year,
    filingEvents(data, by, now),
  );
  if (!first) return ok({ complaint, route: await routeOf(services, complaint), again: true });
  const route = await record(services, complaint, by, now, false);
  return ok({ complaint, route });
}

async function classify(
  services: ComplaintServices,
  by: ChatUser,
  form: z.output<typeof FileComplaintInputSchema>,
  now: Date,
): Promise<NewComplaint> {
  const { rules } = services;
  const { receivedAt = now, ...fields } = form;
  const approvals = requiredApprovals(form, rules.escalation, now);
  const status = initialStatus(form.priority, approvals);
  const ctx = { policy: rules.sla, calendar: rules.calendar, priority: form.priority, at: now };
  const earlier = await services.complaints.latestOf(
    form.clientId,
    form.problemCode,
    repeatWindowStart(receivedAt, rules.repeatWindowDays),
  );
  const repeatOf = repeatLink(earlier);
  return {
    ...fields,
    ...(repeatOf ? { repeatOf } : {}),
    status,
    registeredBy: by,
    approvals,
    slaClocks: clocksForNewCase(status, ctx),
    phaseTimes: { new: now, ...(status === 'new' ? {} : { [status]: now }) },
    receivedAt,
  };
}

/**
 * After the case is stored: audit trail, reminders, announcement, requests for approval. The
 * messages carry once-keys, so finishing a filing that a crash interrupted (finish-filing.ts)
 * repeats none of them; `withEvents: false` when its events were already written.
 */
export async function record(
  services: ComplaintServices,
  complaint: Complaint,
  by: ChatUser,
  at: Date,
  withEvents = true,
) {
  const ref = {
    caseKind: 'complaint',
    caseId: complaint.id,
    caseNumber: complaint.number,
  } as const;
  if (withEvents) await appendFilingEvents(services, complaint, ref, by, at);
  await services.scheduler.reschedule(ref, complaint.slaClocks);
  const route = await routeOf(services, complaint);
  await announce(services, ref, route);
  await askForApprovals(services, ref, complaint.approvals);
  return route;
}

/** The audit events of a case's filing: filed, and each approval it asks for. */
function filingEvents(
  complaint: Pick<NewComplaint, 'priority' | 'status' | 'repeatOf' | 'approvals'>,
  by: ChatUser,
  at: Date,
): FirstEvent[] {
  const filed: FirstEvent = {
    type: 'complaint.filed',
    actor: by,
    at,
    data: {
      priority: complaint.priority,
      status: complaint.status,
      ...(complaint.repeatOf ? { repeatOf: complaint.repeatOf.number } : {}),
    },
  };
  const asked = complaint.approvals.map((approval): FirstEvent => ({
    type: 'approval.requested',
    actor: by,
    at,
    data: {
      kind: approval.kind,
      role: approval.role,
      reason: approval.reason,
      ...(approval.say ? { say: approval.say } : {}),
    },
  }));
  return [filed, ...asked];
}

/** A filing's events appended to the trail apart (a filing a crash interrupted, an older case). */
async function appendFilingEvents(
  services: ComplaintServices,
  complaint: Complaint,
  ref: CaseRef,
  by: ChatUser,
  at: Date,
) {
  for (const event of filingEvents(complaint, by, at))
    await services.events.append({ ...ref, ...event });
}

/** Where a case goes by the routing table (the case's department, category and priority). */
export async function routeOf(services: ComplaintServices, complaint: Complaint): Promise<Route> {
  const directors = await services.roles.holdersOf('DCOM');
  const coordinators = await services.roles.holdersOf('coordinator');
  return routeCase(
    await services.routing.rules(),
    {
      department: complaint.department,
      category: complaint.category,
      priority: complaint.priority,
    },
    {
      triage: services.rules.triage,
      directors,
      triagers: coordinators.length ? coordinators : directors,
    },
  );
}
