import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { Priority } from '../complaint/complaint.js';
import type { SlaTarget } from '../sla/sla-clock.js';
import { phaseDurations, type PhaseSpan } from './phase-times.js';

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** Raw counts a KPI source (the database) provides for one period. */
export interface KpiCounts {
  /** Complaints received in the period; withdrawn (cancelled) reports are not among them. */
  openedByPriority: Partial<Record<Priority, number>>;
  /** Reports received in the period and withdrawn or cancelled since: not complaints. */
  withdrawn: number;
  repeats: number;
  goodwill: number;
  closed: number;
  costEur: number;
  /** Minutes used by each clock stopped in the period, by target and outcome. */
  clocks: { target: SlaTarget; state: 'met' | 'breached'; minutes: number[] }[];
  /** The most frequent problem codes of the defects received (not all of them)… */
  problemCodes: { code: string; count: number }[];
  /** …and how many defects were received in all: the whole each Pareto share is of. */
  defects: number;
  /** Cases whose first response or resolution may fall in the period, with their phase times. */
  phaseSpans: PhaseSpan[];
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
  /** Closed during the period, whenever received (the digest's "closed"). */
  closed: number;
  withdrawn: number;
  goodwill: number;
  repeatRate: number | null;
  sla: Record<SlaTarget, { met: number; breached: number; compliance: number | null }>;
  firstResponse: { median: number | null; p90: number | null };
  resolution: { median: number | null; p90: number | null };
  /** The same times in calendar days, from phase times, for every case (clocked or not). */
  firstResponseDays: { median: number | null; p90: number | null };
  resolutionDays: { median: number | null; p90: number | null };
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

const ascending = (values: number[]) => [...values].sort((a, b) => a - b);

/**
 * The director's indicators (DOMAIN.md) from raw counts. First response is the first-handling
 * clock of P1 and the taken-in-charge clock of P2; times are in each clock's own minutes
 * (wall-clock for P1, business for the rest). A case without clocks (imported from a register)
 * is timed by its phase times on the company `calendar`. Goodwill cases are counted apart from
 * defects, withdrawn reports apart from complaints.
 */
export function indicatorsFrom(
  period: Period,
  counts: KpiCounts,
  options: { calendar?: BusinessCalendar; topCodes?: number } = {},
): Indicators {
  const byPriority = { P1: 0, P2: 0, P3: 0, ...counts.openedByPriority };
  const opened = byPriority.P1 + byPriority.P2 + byPriority.P3;
  const phases = phaseDurations(counts.phaseSpans, period, options.calendar);
  const minutesOf = (targets: SlaTarget[], fromPhases: number[]) =>
    ascending([
      ...counts.clocks.filter((c) => targets.includes(c.target)).flatMap((c) => c.minutes),
      ...fromPhases,
    ]);
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
    withdrawn: counts.withdrawn,
    goodwill: counts.goodwill,
    repeatRate: ratio(counts.repeats, opened),
    sla,
    firstResponse: spread(
      minutesOf(['first_response', 'take_in_charge'], phases.firstResponse.minutes),
    ),
    resolution: spread(minutesOf(['resolution'], phases.resolution.minutes)),
    firstResponseDays: spread(ascending(phases.firstResponse.days)),
    resolutionDays: spread(ascending(phases.resolution.days)),
    topProblemCodes: pareto(counts.problemCodes, counts.defects).slice(0, options.topCodes ?? 10),
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

/**
 * Codes most frequent first with their cumulative share of `total`: all the period's defects,
 * not only the codes listed (a top 50 would overstate every share).
 */
export function pareto(rows: { code: string; count: number }[], total?: number) {
  const sorted = [...rows].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const whole = total ?? sorted.reduce((n, r) => n + r.count, 0);
  let running = 0;
  return sorted.map((r) => {
    running += r.count;
    return { ...r, cumulativeShare: whole ? running / whole : 0 };
  });
}

/** What the indicators can be broken down by. */
export const BREAKDOWNS = ['department', 'product', 'problemCode', 'clientClass'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface BreakdownRow {
  key: string;
  opened: number;
  /** Of those received in the period, how many are closed now (not: closed during the period). */
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
