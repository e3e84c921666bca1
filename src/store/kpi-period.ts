import type { Period } from '../domain/kpi/kpi.js';

export const within = (period: Period) => ({ $gte: period.from, $lt: period.to });

/*
 * lastActivityAt comes first: the CI server scans and tests conditions in order, and that one
 * comparison drops every complaint older than the period. Real MongoDB uses its index.
 */

/** Complaints anything happened to in the period (a superset; facets narrow it). */
export const touching = (period: Period) => ({
  lastActivityAt: { $gte: period.from },
  receivedAt: { $lt: period.to },
});

/** Complaints received in the period. */
export const receivedIn = (period: Period) => ({
  lastActivityAt: { $gte: period.from },
  receivedAt: within(period),
});
