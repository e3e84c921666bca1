import { Schema, type Connection } from 'mongoose';

/**
 * The taxonomy: departments, categories and problem codes. `_id` is `<kind>:<code>`, so one kind
 * has one entry per code, however many people add it at once (a unique insert).
 */
const taxonomySchema = new Schema(
  {
    _id: String,
    kind: { type: String, required: true },
    code: { type: String, required: true },
    label: { type: String, required: true },
    labelEn: String,
    status: { type: String, required: true },
  },
  { timestamps: true },
);

export const defineTaxonomyModel = (connection: Connection) =>
  connection.model('TaxonomyEntry', taxonomySchema, 'taxonomy');
