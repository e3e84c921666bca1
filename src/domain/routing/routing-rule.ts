import { z } from 'zod';
import { ChatDestinationSchema, ChatUserSchema } from '../shared/chat-user.js';
import { PrioritySchema } from '../complaint/complaint.js';
import { chatText } from '../shared/text.js';

/** '*' matches any value; the most specific matching rule wins. */
export const ANY = '*';

/**
 * How a department or category is compared, in a rule and in a complaint alike: without case
 * or accents, with spaces, hyphens and underscores as one space — "Assistenza-Tecnica" and
 * "assistenza  tecnica" are one department. People type these in free text on both sides.
 */
export const routingKey = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** A department or category as a rule stores it: its routing key, or '*'. */
export const RoutingValueSchema = chatText(80)
  .transform(routingKey)
  .pipe(z.string().min(1).max(80));

export const RulePrioritySchema = z.union([PrioritySchema, z.literal(ANY)]);

export const RoutingRuleSchema = z.object({
  id: z.string(),
  department: z.string().min(1).max(80),
  category: z.string().min(1).max(80),
  priority: RulePrioritySchema,
  destination: ChatDestinationSchema,
  mention: z.array(ChatUserSchema),
  onCall: ChatUserSchema.optional(),
});
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
export type RuleSettings = Omit<RoutingRule, 'id'>;

/** Rules in the order people see and number them: department, category, priority. */
export const inListOrder = (rules: readonly RoutingRule[]) =>
  [...rules].sort(
    (a, b) =>
      a.department.localeCompare(b.department) ||
      a.category.localeCompare(b.category) ||
      a.priority.localeCompare(b.priority),
  );
