import { z } from 'zod';
import { ChatDestinationSchema, ChatUserSchema } from '../shared/chat-user.js';
import { PrioritySchema } from '../complaint/complaint.js';

/** '*' matches any value; the most specific matching rule wins. */
export const ANY = '*';

export const RoutingRuleSchema = z.object({
  id: z.string(),
  department: z.string().min(1).max(80),
  category: z.string().min(1).max(80),
  priority: z.union([PrioritySchema, z.literal(ANY)]),
  destination: ChatDestinationSchema,
  mention: z.array(ChatUserSchema),
  onCall: ChatUserSchema.optional(),
});
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
