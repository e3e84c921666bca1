import { z } from 'zod';
import { ChatUserSchema, RecordIdSchema } from '../shared/chat-user.js';
import { ContactChannelSchema } from '../complaint/complaint.js';

/** One line of the Customer Care Register (Mod. 07_A9). */
export const CareContactSchema = z.object({
  id: RecordIdSchema,
  clientId: RecordIdSchema,
  at: z.date(),
  channel: ContactChannelSchema,
  by: ChatUserSchema,
  outcome: z.string().trim().min(1).max(4000),
  needs: z.string().max(4000).optional(),
  nextAction: z.string().max(2000).optional(),
  complaintId: RecordIdSchema.optional(),
  d2Id: RecordIdSchema.optional(),
  /** The chat submission that logged it: delivered again, it logs nothing more. */
  intakeKey: z.string().max(200).optional(),
  createdAt: z.date(),
});
export type CareContact = z.infer<typeof CareContactSchema>;
