import type { MessageKey, Translate } from '../../i18n/translate.js';

/**
 * The reader's name for an input field the domain refused: a list of invalid fields names them
 * as the forms label them, never by the schema's (English) property name.
 */
const FIELD_LABELS: Record<string, MessageKey> = {
  clientId: 'complaint.field.client',
  client: 'complaint.field.client',
  product: 'complaint.field.product',
  description: 'complaint.field.description',
  problemCode: 'complaint.field.problemCode',
  category: 'complaint.field.category',
  department: 'complaint.field.department',
  priority: 'complaint.field.priority',
  estimatedCostEur: 'complaint.field.estimatedCost',
  changesProductFunctionality: 'complaint.field.changesProductFunctionality',
  outsidePolicy: 'complaint.field.outsidePolicy',
  warranty: 'complaint.field.warranty',
  channel: 'complaint.field.channel',
  remedyRequested: 'complaint.field.remedy',
  reportedBy: 'complaint.field.reportedBy',
  solution: 'complaint.field.solution',
  origin: 'complaint.field.origin',
  rootCause: 'complaint.field.rootCause',
  costEur: 'complaint.field.cost',
  goodwillCause: 'complaint.field.goodwill',
  note: 'complaint.field.note',
  reason: 'complaint.field.reason',
  declineReason: 'complaint.field.reason',
  kind: 'complaint.field.kind',
  outcome: 'care.field.outcome',
  needs: 'care.field.needs',
  nextAction: 'care.field.nextAction',
  at: 'care.field.date',
  subject: 'communication.field.subject',
  body: 'communication.field.body',
  code: 'client.field.code',
  name: 'client.field.name',
  industry: 'client.field.industry',
  location: 'client.field.location',
  owner: 'client.field.owner',
  careCadenceDays: 'client.field.cadence',
  loyal: 'client.field.loyal',
  urgency: 'd2.field.urgency',
  notes: 'd2.field.notes',
  mention: 'routing.field.mention',
  rating: 'field.name.rating',
  comment: 'field.name.comment',
  detectability: 'field.name.detectability',
  receivedAt: 'field.name.receivedAt',
  complaintId: 'field.name.case',
  caseId: 'field.name.case',
  dueAt: 'field.name.dueAt',
  onCall: 'field.name.onCall',
  responsibleManager: 'field.name.manager',
  roles: 'field.name.roles',
  role: 'field.name.roles',
  email: 'field.name.email',
  phone: 'field.name.phone',
};

/** `contacts.0.email` → the label of `email`; a field nobody labelled keeps its path. */
export function fieldName(path: string, t: Translate): string {
  const last =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? path;
  const key = FIELD_LABELS[last];
  return key ? t(key) : path;
}
