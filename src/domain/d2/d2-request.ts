import { z } from 'zod';
import { ChatDestinationSchema, ChatUserSchema, RecordIdSchema } from '../shared/chat-user.js';
import { AppliedIntakesSchema } from '../shared/intake.js';

export const D2_STATUSES = ['submitted', 'signed', 'in_progress', 'done', 'declined'] as const;
export const D2StatusSchema = z.enum(D2_STATUSES);

/** Mod. 07_D2: a secretariat asks the commercial director to contact a client. */
export const D2RequestSchema = z.object({
  id: RecordIdSchema,
  number: z.string().regex(/^D2-\d{4}-\d{4,}$/),
  requester: ChatUserSchema,
  requesterOffice: z.enum(['SDID', 'SAMM']),
  clientId: RecordIdSchema,
  reason: z.string().trim().min(1).max(4000),
  urgency: z.enum(['low', 'normal', 'high']),
  notes: z.string().max(4000).optional(),
  status: D2StatusSchema,
  /** When the secretariat sent it (domain time): reminders count from here. */
  submittedAt: z.date(),
  /** The director's "sigla": who acknowledged the request and when. */
  signature: z.object({ by: ChatUserSchema, at: z.date() }).optional(),
  /** Who moved it last and when (declined, started, completed): a late press is told so. */
  lastStep: z.object({ by: ChatUserSchema, at: z.date() }).optional(),
  declineReason: z.string().max(2000).optional(),
  outcome: z.string().max(4000).optional(),
  complaintId: RecordIdSchema.optional(),
  communicationId: RecordIdSchema.optional(),
  /** The card shown to the director, so later changes update it in place. */
  announcement: ChatDestinationSchema.extend({ messageId: z.string().max(100) }).optional(),
  /** The chat submission that raised it: delivered again, it raises nothing more. */
  intakeKey: z.string().max(200).optional(),
  appliedIntakes: AppliedIntakesSchema,
  /** Bumped by every save (optimistic concurrency, as for complaints). */
  revision: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type D2Request = z.infer<typeof D2RequestSchema>;

export const NewD2RequestSchema = D2RequestSchema.omit({
  id: true,
  number: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
});
export type NewD2Request = z.infer<typeof NewD2RequestSchema>;
