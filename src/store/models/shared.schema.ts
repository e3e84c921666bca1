import { Schema } from 'mongoose';

/** Sub-document shapes shared by several models; `_id: false` keeps them plain. */
export const chatUserSchema = new Schema(
  {
    platform: { type: String, required: true },
    id: { type: String, required: true },
    name: String,
  },
  { _id: false },
);

export const chatDestinationSchema = new Schema(
  { platform: { type: String, required: true }, channel: { type: String, required: true } },
  { _id: false },
);
