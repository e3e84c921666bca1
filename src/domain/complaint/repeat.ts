import type { Complaint } from './complaint.js';

const DAY = 86_400_000;

/** The earliest receipt instant an earlier case may have to make a new one its repeat. */
export const repeatWindowStart = (receivedAt: Date, windowDays: number): Date =>
  new Date(receivedAt.getTime() - windowDays * DAY);

/** The link a new case keeps to the case it repeats (same client, same problem code). */
export const repeatLink = (earlier: Complaint | undefined): Complaint['repeatOf'] =>
  earlier ? { id: earlier.id, number: earlier.number } : undefined;

/** Goodwill cases ("not a real problem") are counted apart from defects in the indicators. */
export const countsAsDefect = (complaint: Pick<Complaint, 'goodwill'>): boolean =>
  !complaint.goodwill;
