import { Schema, type Connection } from 'mongoose';

/** The company's problem-code taxonomy; codes met in imported history are added as "imported". */
const problemCodeSchema = new Schema(
  { _id: String, label: String, source: { type: String, default: 'defined' } },
  { timestamps: true },
);

export const defineProblemCodeModel = (connection: Connection) =>
  connection.model('ProblemCode', problemCodeSchema, 'problem_codes');
