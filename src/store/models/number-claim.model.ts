import { Schema, type Connection } from 'mongoose';

/**
 * One document per number ever issued; `_id` is "<sequence>:<year>:<seq>". Issuing a number is
 * inserting its claim, so the unique `_id` decides races: a single-document insert is atomic on
 * every MongoDB-wire server, where a read-modify-write `$inc` is not (mongo-java-server).
 */
const numberClaimSchema = new Schema(
  {
    _id: String,
    sequence: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    /** What the number was issued for (e.g. a communication): asking again gives the same one. */
    for: String,
    /** Set on the claims of one bulk issue, to read back which numbers it got. */
    batch: String,
  },
  { versionKey: false },
);
numberClaimSchema.index({ sequence: 1, year: 1, seq: -1 });
numberClaimSchema.index({ for: 1 }, { unique: true, sparse: true });
numberClaimSchema.index({ batch: 1 }, { sparse: true });

export const defineNumberClaimModel = (connection: Connection) =>
  connection.model('NumberClaim', numberClaimSchema, 'number_claims');
