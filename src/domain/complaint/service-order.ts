import { z } from 'zod';
import { ChatUserSchema, RecordIdSchema } from '../shared/chat-user.js';

/** The written service order that P2 and P3 cases need (seed 001, "ordine di servizio"). */
export const ServiceOrderSchema = z.object({
  id: RecordIdSchema,
  number: z.string().regex(/^OdS-\d{4}-\d{4,}$/),
  complaintId: RecordIdSchema,
  department: z.string().min(1).max(80),
  responsibleManager: ChatUserSchema.optional(),
  dueAt: z.date(),
  status: z.enum(['open', 'done', 'cancelled']),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ServiceOrder = z.infer<typeof ServiceOrderSchema>;

export const NewServiceOrderSchema = ServiceOrderSchema.omit({
  id: true,
  number: true,
  createdAt: true,
  updatedAt: true,
});
export type NewServiceOrder = z.infer<typeof NewServiceOrderSchema>;
