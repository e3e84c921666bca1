import { Schema, type Connection } from 'mongoose';
import { chatUserSchema } from './shared.schema.js';

const roleAssignmentSchema = new Schema(
  {
    user: { type: chatUserSchema, required: true },
    roles: { type: [String], default: [] },
    departments: { type: [String], default: [] },
    assignedBy: chatUserSchema,
  },
  { timestamps: true },
);
roleAssignmentSchema.index({ 'user.platform': 1, 'user.id': 1 }, { unique: true });

export const defineRoleAssignmentModel = (connection: Connection) =>
  connection.model('RoleAssignment', roleAssignmentSchema, 'role_assignments');
