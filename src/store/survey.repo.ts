import { randomBytes } from 'node:crypto';
import type { SurveyTokens } from '../domain/satisfaction/satisfaction.ports.js';
import type { Models } from './models/index.js';

export function surveyRepository(models: Models): SurveyTokens {
  const { surveyToken, surveyAnswer } = models;
  return {
    async issue(complaintId, expiresAt) {
      const token = randomBytes(24).toString('base64url');
      await surveyToken.create({ _id: token, complaintId, expiresAt });
      return { token, complaintId, expiresAt };
    },
    async find(token) {
      const doc = await surveyToken.findById(String(token)).lean();
      if (!doc) return undefined;
      return {
        token: String(doc._id),
        complaintId: String(doc.complaintId),
        expiresAt: doc.expiresAt,
        answered: Boolean(doc.answeredAt),
      };
    },
    async use(token, at) {
      try {
        await surveyAnswer.create({ _id: String(token), at });
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
      await surveyToken.updateOne({ _id: String(token) }, { $set: { answeredAt: at } });
      return true;
    },
  };
}
