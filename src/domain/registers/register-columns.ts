import type { CareContact } from '../care/care-contact.js';
import type { Client } from '../client/client.js';
import type { Communication } from '../communication/communication.js';
import { COMPLAINT_STATUSES, type Complaint } from '../complaint/complaint.js';
import type { D2Request } from '../d2/d2-request.js';
import { SLA_TARGETS } from '../sla/sla-clock.js';
import { breachAt } from '../sla/sla-clocks.js';
import type { Column } from './csv.js';

/** Client code and name next to each row: auditors read registers by client. */
export type WithClient<T> = T & { client?: Pick<Client, 'code' | 'name'> | undefined };

const who = (user: { id: string; name?: string | undefined } | undefined) =>
  user ? (user.name ? `${user.name} (${user.id})` : user.id) : undefined;

/** Every seed-003 field, the time of each phase, SLA results and approvals with signer and time. */
export const COMPLAINT_COLUMNS: Column<WithClient<Complaint>>[] = [
  { header: 'number', value: (c) => c.number },
  { header: 'source_reference', value: (c) => c.sourceReference },
  { header: 'received_at', value: (c) => c.receivedAt },
  { header: 'client_code', value: (c) => c.client?.code },
  { header: 'client_name', value: (c) => c.client?.name },
  { header: 'product', value: (c) => c.product },
  { header: 'description', value: (c) => c.description },
  { header: 'problem_code', value: (c) => c.problemCode },
  { header: 'category', value: (c) => c.category },
  { header: 'department', value: (c) => c.department },
  { header: 'priority', value: (c) => c.priority },
  { header: 'status', value: (c) => c.status },
  { header: 'contact_channel', value: (c) => c.channel },
  { header: 'reported_by', value: (c) => c.reportedBy },
  { header: 'warranty', value: (c) => c.warranty },
  { header: 'remedy_requested', value: (c) => c.remedyRequested },
  { header: 'estimated_cost_eur', value: (c) => c.estimatedCostEur },
  { header: 'cost_eur', value: (c) => c.costEur },
  { header: 'origin', value: (c) => c.origin },
  { header: 'root_cause', value: (c) => c.rootCause },
  { header: 'solution', value: (c) => c.solution },
  { header: 'detectability', value: (c) => c.detectability },
  { header: 'goodwill_cause', value: (c) => c.goodwill?.cause },
  { header: 'repeat_of', value: (c) => c.repeatOf?.number },
  { header: 'registered_by', value: (c) => who(c.registeredBy) },
  { header: 'assignee', value: (c) => who(c.assignee) },
  ...COMPLAINT_STATUSES.map((status) => ({
    header: `at_${status}`,
    value: (c: Complaint) => c.phaseTimes[status],
  })),
  ...SLA_TARGETS.flatMap((target) => {
    const clock = (c: Complaint) => c.slaClocks.find((k) => k.target === target);
    return [
      {
        header: `sla_${target}_due`,
        value: (c: Complaint) => {
          const k = clock(c);
          return k ? breachAt(k) : undefined;
        },
      },
      { header: `sla_${target}_result`, value: (c: Complaint) => clock(c)?.state },
      { header: `sla_${target}_minutes`, value: (c: Complaint) => clock(c)?.consumedMinutes },
      // What an import needs to restore a finished clock, so the export's indicators come back.
      { header: `sla_${target}_basis`, value: (c: Complaint) => clock(c)?.basis },
      { header: `sla_${target}_budget_minutes`, value: (c: Complaint) => clock(c)?.budgetMinutes },
      { header: `sla_${target}_started`, value: (c: Complaint) => clock(c)?.startedAt },
      { header: `sla_${target}_stopped`, value: (c: Complaint) => clock(c)?.stoppedAt },
    ];
  }),
  {
    header: 'approvals',
    value: (c) =>
      c.approvals
        .map((a) =>
          [a.kind, a.status, who(a.decidedBy), a.decidedAt?.toISOString()]
            .filter(Boolean)
            .join(' '),
        )
        .join(' | '),
  },
  { header: 'satisfaction', value: (c) => c.satisfaction?.rating },
  { header: 'satisfaction_comment', value: (c) => c.satisfaction?.comment },
  { header: 'satisfaction_at', value: (c) => c.satisfaction?.at },
];

/** Mod. 07_A9, the Customer Care Register. */
export const CARE_COLUMNS: Column<WithClient<CareContact>>[] = [
  { header: 'at', value: (c) => c.at },
  { header: 'client_code', value: (c) => c.client?.code },
  { header: 'client_name', value: (c) => c.client?.name },
  { header: 'channel', value: (c) => c.channel },
  { header: 'by', value: (c) => who(c.by) },
  { header: 'outcome', value: (c) => c.outcome },
  { header: 'needs', value: (c) => c.needs },
  { header: 'next_action', value: (c) => c.nextAction },
];

/** Mod. 07_A17, communications with their protocol numbers. */
export const COMMUNICATION_COLUMNS: Column<WithClient<Communication>>[] = [
  { header: 'protocol', value: (c) => c.protocol?.number },
  { header: 'protocolled_at', value: (c) => c.protocol?.at },
  { header: 'client_code', value: (c) => c.client?.code },
  { header: 'client_name', value: (c) => c.client?.name },
  { header: 'subject', value: (c) => c.subject },
  { header: 'body', value: (c) => c.body },
  { header: 'status', value: (c) => c.status },
  { header: 'drafted_by', value: (c) => who(c.draftedBy) },
  { header: 'sent_at', value: (c) => c.sent?.at },
  { header: 'sent_channel', value: (c) => c.sent?.channel },
];

/** Mod. 07_D2 requests with the director's signature. */
export const D2_COLUMNS: Column<WithClient<D2Request>>[] = [
  { header: 'number', value: (d) => d.number },
  { header: 'submitted_at', value: (d) => d.submittedAt },
  { header: 'office', value: (d) => d.requesterOffice },
  { header: 'requester', value: (d) => who(d.requester) },
  { header: 'client_code', value: (d) => d.client?.code },
  { header: 'client_name', value: (d) => d.client?.name },
  { header: 'reason', value: (d) => d.reason },
  { header: 'urgency', value: (d) => d.urgency },
  { header: 'status', value: (d) => d.status },
  { header: 'signed_by', value: (d) => who(d.signature?.by) },
  { header: 'signed_at', value: (d) => d.signature?.at },
  { header: 'decline_reason', value: (d) => d.declineReason },
  { header: 'outcome', value: (d) => d.outcome },
];
