import { Schema, type Connection } from 'mongoose';

/** `_id` is "<sequence>:<year>", e.g. "complaint:2026"; `seq` is the last number issued. */
const counterSchema = new Schema({ _id: String, seq: { type: Number, required: true } });

export const defineCounterModel = (connection: Connection) =>
  connection.model('Counter', counterSchema, 'counters');
