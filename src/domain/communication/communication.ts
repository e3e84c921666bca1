import { z } from 'zod';
import { ChatUserSchema, RecordIdSchema } from '../shared/chat-user.js';
import { ContactChannelSchema } from '../complaint/complaint.js';
import { AppliedIntakesSchema } from '../shared/intake.js';

/** Mod. 07_A17: a written communication to a client, protocolled by SCOM before it is sent. */
export const CommunicationSchema = z.object({
  id: RecordIdSchema,
  clientId: RecordIdSchema,
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(20000),
  status: z.enum(['draft', 'protocolled', 'sent']),
  draftedBy: ChatUserSchema,
  protocol: z
    .object({ number: z.string().regex(/^\d{4}\/\d{4,}$/), by: ChatUserSchema, at: z.date() })
    .optional(),
  sent: z.object({ at: z.date(), channel: ContactChannelSchema, by: ChatUserSchema }).optional(),
  d2Id: RecordIdSchema.optional(),
  complaintId: RecordIdSchema.optional(),
  /** The chat submission that drafted it: delivered again, it drafts nothing more. */
  intakeKey: z.string().max(200).optional(),
  appliedIntakes: AppliedIntakesSchema,
  /** Bumped by every save (optimistic concurrency). */
  revision: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Communication = z.infer<typeof CommunicationSchema>;

export const NewCommunicationSchema = CommunicationSchema.omit({
  id: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
});
export type NewCommunication = z.infer<typeof NewCommunicationSchema>;
