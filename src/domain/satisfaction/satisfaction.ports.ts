import type { ComplaintServices } from '../complaint/complaint.ports.js';

export interface SurveyToken {
  token: string;
  complaintId: string;
  expiresAt: Date;
}

/** One-time survey links: issued for a case, answered once, until they expire. */
export interface SurveyTokens {
  issue(complaintId: string, expiresAt: Date): Promise<SurveyToken>;
  find(token: string): Promise<(SurveyToken & { answered: boolean }) | undefined>;
  /** Records that the token was used; false when it already was (one answer per token). */
  use(token: string, at: Date): Promise<boolean>;
}

export type SatisfactionServices = ComplaintServices & {
  surveys: SurveyTokens;
  surveyDays: number;
};
