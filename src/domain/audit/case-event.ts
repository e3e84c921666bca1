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
