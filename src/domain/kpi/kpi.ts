import type { Priority } from '../complaint/complaint.js';
import type { SlaTarget } from '../sla/sla-clock.js';

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** Raw counts a KPI source (the database) provides for one period. */
export interface KpiCounts {
  openedByPriority: Partial<Record<Priority, number>>;
  repeats: number;
  goodwill: number;
  closed: number;
  costEur: number;
  /** Minutes used by each clock stopped in the period, by target and outcome. */
  clocks: { target: SlaTarget; state: 'met' | 'breached'; minutes: number[] }[];
  problemCodes: { code: string; count: number }[];
  d2Raised: number;
  d2Signed: number;
  careCallsDone: number;
  /** Active clients whose next call was due before the period ended and is still open. */
  careCallsStillDue: number;
  loyalClients: number;
  /** The loyalty rule the count used: marked only (null), or also N years with the company. */
  loyalAfterYears: number | null;
  activeClients: number;
  satisfaction: { sum: number; responses: number };
}

export interface KpiSource {
  counts(period: Period): Promise<KpiCounts>;
}

export interface Indicators {
  period: Period;
  opened: number;
  openedByPriority: Record<Priority, number>;
  closed: number;
  goodwill: number;
  repeatRate: number | null;
  sla: Record<SlaTarget, { met: number; breached: number; compliance: number | null }>;
  firstResponse: { median: number | null; p90: number | null };
  resolution: { median: number | null; p90: number | null };
  /** Problem codes, most frequent first, with their cumulative share (Pareto). */
  topProblemCodes: { code: string; count: number; cumulativeShare: number }[];
  costEur: number;
  d2Raised: number;
  d2Signed: number;
  careCallsDone: number;
  careCallsDue: number;
  loyalClients: number;
  /** The loyalty rule the count used: marked only (null), or also N years with the company. */
  loyalAfterYears: number | null;
  activeClients: number;
  satisfaction: { average: number | null; responses: number };
}

/** The p-th percentile (0–1) of sorted numbers, nearest-rank; null for none. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? null;
}

const ratio = (part: number, whole: number) => (whole ? part / whole : null);

/**
 * The director's indicators (DOMAIN.md) from raw counts. First response is the first-handling
 * clock of P1 and the taken-in-charge clock of P2; times are in each clock's own minutes
 * (wall-clock for P1, business for the rest). Goodwill cases are counted apart from defects.
 */
export function indicatorsFrom(period: Period, counts: KpiCounts, topCodes = 10): Indicators {
  const byPriority = { P1: 0, P2: 0, P3: 0, ...counts.openedByPriority };
  const opened = byPriority.P1 + byPriority.P2 + byPriority.P3;
  const minutesOf = (targets: SlaTarget[]) =>
    counts.clocks
      .filter((c) => targets.includes(c.target))
      .flatMap((c) => c.minutes)
      .sort((a, b) => a - b);
  const spread = (sorted: number[]) => ({
    median: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
  });
  const sla = Object.fromEntries(
    (['first_response', 'take_in_charge', 'resolution'] as const).map((target) => {
      const count = (state: 'met' | 'breached') =>
        counts.clocks
          .filter((c) => c.target === target && c.state === state)
          .reduce((n, c) => n + c.minutes.length, 0);
      const met = count('met');
      const breached = count('breached');
      return [target, { met, breached, compliance: ratio(met, met + breached) }];
    }),
  ) as Indicators['sla'];
  return {
    period,
    opened,
    openedByPriority: byPriority,
    closed: counts.closed,
    goodwill: counts.goodwill,
    repeatRate: ratio(counts.repeats, opened),
    sla,
    firstResponse: spread(minutesOf(['first_response', 'take_in_charge'])),
    resolution: spread(minutesOf(['resolution'])),
    topProblemCodes: pareto(counts.problemCodes).slice(0, topCodes),
    costEur: Math.round(counts.costEur * 100) / 100,
    d2Raised: counts.d2Raised,
    d2Signed: counts.d2Signed,
    careCallsDone: counts.careCallsDone,
    careCallsDue: counts.careCallsDone + counts.careCallsStillDue,
    loyalClients: counts.loyalClients,
    loyalAfterYears: counts.loyalAfterYears,
    activeClients: counts.activeClients,
    satisfaction: {
      average: counts.satisfaction.responses
        ? Math.round((counts.satisfaction.sum / counts.satisfaction.responses) * 100) / 100
        : null,
      responses: counts.satisfaction.responses,
    },
  };
}

export function pareto(rows: { code: string; count: number }[]) {
  const sorted = [...rows].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const total = sorted.reduce((n, r) => n + r.count, 0);
  let running = 0;
  return sorted.map((r) => {
    running += r.count;
    return { ...r, cumulativeShare: total ? running / total : 0 };
  });
}

/** What the indicators can be broken down by. */
export const BREAKDOWNS = ['department', 'product', 'problemCode', 'clientClass'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface BreakdownRow {
  key: string;
  opened: number;
  closed: number;
  costEur: number;
  satisfaction: number | null;
}

export interface LeastSatisfied {
  clientId: string;
  clientName: string;
  average: number;
  answers: number;
}

export interface KpiBreakdownSource {
  /** Complaints received in the period, grouped by a dimension, most frequent first. */
  breakdown(period: Period, by: Breakdown): Promise<BreakdownRow[]>;
  /** Clients with the lowest average rating given in the period. */
  leastSatisfied(period: Period, limit: number): Promise<LeastSatisfied[]>;
}

/**
 * Who counts as a loyal client: marked so in the registry, or (when the company sets it) active
 * with the company for at least `afterYears` years.
 */
export interface LoyaltyRule {
  afterYears?: number;
}
