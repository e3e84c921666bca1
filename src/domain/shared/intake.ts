import { z } from 'zod';

/**
 * The identity of one chat form submission: a Slack view's id, a Teams card's message or action
 * activity. Delivering the same submission again (Slack's retry after a slow answer, a double
 * click, two deliveries at once) must record nothing more than the first delivery did.
 */
export const IntakeKeySchema = z.string().min(1).max(200);

/** The optional intake key every form's input may carry. */
export const intakeField = { intakeKey: IntakeKeySchema.optional() };

/** How many submissions a changing record remembers: retries come within minutes, not dozens later. */
const KEPT = 20;

/** The submissions that changed a record (newest last), so a repeated delivery changes it once. */
export const AppliedIntakesSchema = z.array(z.string().max(200)).optional();

/** Whether this submission already changed the record. */
export const alreadyApplied = (record: { appliedIntakes?: string[] }, key: string | undefined) =>
  key !== undefined && (record.appliedIntakes ?? []).includes(key);

/** The record's remembered submissions with this one added. */
export const withApplied = <R extends { appliedIntakes?: string[] }>(
  record: R,
  key: string | undefined,
): R =>
  key === undefined
    ? record
    : { ...record, appliedIntakes: [...(record.appliedIntakes ?? []), key].slice(-KEPT) };

/** A record stored for a submission, and whether this call stored it (false: an earlier one did). */
export interface Once<T> {
  record: T;
  first: boolean;
}
