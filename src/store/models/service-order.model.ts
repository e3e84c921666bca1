import { Schema, type Connection } from 'mongoose';
import { chatUserSchema } from './shared.schema.js';

const serviceOrderSchema = new Schema(
  {
    number: { type: String, required: true },
    complaintId: { type: Schema.Types.ObjectId, required: true },
    department: String,
    responsibleManager: chatUserSchema,
    dueAt: Date,
    status: String,
  },
  { timestamps: true },
);
serviceOrderSchema.index({ number: 1 }, { unique: true });
serviceOrderSchema.index({ complaintId: 1 });

export const defineServiceOrderModel = (connection: Connection) =>
  connection.model('ServiceOrder', serviceOrderSchema, 'service_orders');
