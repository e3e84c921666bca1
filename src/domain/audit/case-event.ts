import { z } from 'zod';
import { ChatUserSchema } from '../shared/chat-user.js';

export const CASE_KINDS = [
  'complaint',
  'd2',
  'communication',
  'client',
  'care_contact',
  'roles',
  'routing',
  'settings',
  'taxonomy',
] as const;
export const CaseKindSchema = z.enum(CASE_KINDS);

/** One line of the append-only audit trail: who did what to which case, and when. */
export const CaseEventSchema = z.object({
  id: z.string(),
  caseKind: CaseKindSchema,
  caseId: z.string().min(1),
  caseNumber: z.string().optional(),
  /** e.g. complaint.filed, complaint.status_changed, d2.signed, approval.refused_not_allowed */
  type: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/),
  actor: ChatUserSchema.or(z.object({ platform: z.literal('system'), id: z.string() })),
  at: z.date(),
  data: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof CaseEventSchema>;
export type NewCaseEvent = Omit<CaseEvent, 'id'>;

/**
 * An event written inside its case's own document, with the case (a complaint's filing events):
 * the trail reads it as one of the case's events, naming the case from the document.
 */
export const FirstEventSchema = CaseEventSchema.omit({
  id: true,
  caseKind: true,
  caseId: true,
  caseNumber: true,
});
export type FirstEvent = z.infer<typeof FirstEventSchema>;
