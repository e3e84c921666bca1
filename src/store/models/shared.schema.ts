import { Schema } from 'mongoose';

/**
 * A numbered record's year and position beside its formatted number (number.repo.ts): the highest
 * is found by these, since the text sorts wrongly past 9999.
 */
export const numberedFields = { numberYear: Number, numberSeq: Number };

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
