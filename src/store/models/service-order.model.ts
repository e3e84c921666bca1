import { Schema, type Connection } from 'mongoose';
import { chatUserSchema, numberedFields } from './shared.schema.js';

const serviceOrderSchema = new Schema(
  {
    number: { type: String, required: true },
    ...numberedFields,
    complaintId: { type: Schema.Types.ObjectId, required: true },
    department: String,
    responsibleManager: chatUserSchema,
    dueAt: Date,
    status: String,
  },
  { timestamps: true },
);
serviceOrderSchema.index({ number: 1 }, { unique: true });
serviceOrderSchema.index({ numberYear: 1, numberSeq: -1 });
serviceOrderSchema.index({ complaintId: 1 });

export const defineServiceOrderModel = (connection: Connection) =>
  connection.model('ServiceOrder', serviceOrderSchema, 'service_orders');
