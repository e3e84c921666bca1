import { Schema, type Connection } from 'mongoose';

/** One-time satisfaction survey links; the random token is the id. */
const surveyTokenSchema = new Schema(
  {
    _id: String,
    complaintId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    answeredAt: Date,
  },
  { timestamps: true },
);

/** One document per answered token: the unique id makes "one answer per token" hold under races. */
const surveyAnswerSchema = new Schema({ _id: String, at: Date }, { versionKey: false });

export const defineSurveyModels = (connection: Connection) => ({
  surveyToken: connection.model('SurveyToken', surveyTokenSchema, 'survey_tokens'),
  surveyAnswer: connection.model('SurveyAnswer', surveyAnswerSchema, 'survey_answers'),
});
