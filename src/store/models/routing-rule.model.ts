import { Schema, type Connection } from 'mongoose';
import { chatDestinationSchema, chatUserSchema } from './shared.schema.js';

const routingRuleSchema = new Schema({
  department: { type: String, required: true },
  category: { type: String, required: true },
  priority: { type: String, required: true },
  destination: { type: chatDestinationSchema, required: true },
  mention: { type: [chatUserSchema], default: [] },
  onCall: chatUserSchema,
  /** The chat form that added the rule, and those that changed it: each saves once. */
  intakeKey: String,
  appliedIntakes: { type: [String], default: undefined },
});
routingRuleSchema.index({ department: 1, category: 1, priority: 1 }, { unique: true });
routingRuleSchema.index({ intakeKey: 1 }, { unique: true, sparse: true });

export const defineRoutingRuleModel = (connection: Connection) =>
  connection.model('RoutingRule', routingRuleSchema, 'routing_rules');
