import { z } from 'zod';
import { ChatUserSchema } from '../shared/chat-user.js';

/** Roles of procedure 07 (seed 000) and of the complaint flow (seed 001). */
export const ROLES = [
  'DCOM',
  'SCOM',
  'SDID',
  'SAMM',
  'operator',
  'coordinator',
  'technician',
  'manager',
  'admin',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const RoleAssignmentSchema = z.object({
  id: z.string(),
  user: ChatUserSchema,
  roles: z.array(RoleSchema),
  departments: z.array(z.string().min(1).max(80)).default([]),
  assignedBy: ChatUserSchema.optional(),
  updatedAt: z.date(),
});
export type RoleAssignment = z.infer<typeof RoleAssignmentSchema>;
