import type { KpiCounts, KpiSource, LoyaltyRule, Period } from '../domain/kpi/kpi.js';
import type { Priority } from '../domain/complaint/complaint.js';
import type { PhaseSpan } from '../domain/kpi/phase-times.js';
import type { SlaTarget } from '../domain/sla/sla-clock.js';
import { touching, within } from './kpi-period.js';
import type { Models } from './models/index.js';

type Row = Record<string, unknown>;

/**
 * Every complaint figure of the period from one pass over the collection: one $match picks the
 * complaints the period touches and $facet splits them. Separate queries would each scan the
 * collection where no index serves them (the CI server uses none but unique ones).
 */
async function complaintFacets(complaint: Models['complaint'], period: Period, spanRows: number) {
  // Withdrawn (cancelled, deleted) reports are counted apart: they are not complaints.
  const received = { receivedAt: within(period), status: { $ne: 'withdrawn' } };
  const defects = { ...received, 'goodwill.cause': { $exists: false } };
  const [facets] = await complaint.aggregate<Record<string, Row[]>>([
    { $match: touching(period) },
    {
      $facet: {
        byPriority: [{ $match: received }, { $group: { _id: '$priority', n: { $sum: 1 } } }],
        withdrawn: [
          { $match: { receivedAt: within(period), status: 'withdrawn' } },
          { $group: { _id: null, n: { $sum: 1 } } },
        ],
        repeats: [
          { $match: { ...received, 'repeatOf.id': { $exists: true } } },
          { $group: { _id: null, n: { $sum: 1 } } },
        ],
        goodwill: [
          { $match: { ...received, 'goodwill.cause': { $exists: true } } },
          { $group: { _id: null, n: { $sum: 1 } } },
        ],
        closed: [
          { $match: { 'phaseTimes.closed': within(period) } },
          { $group: { _id: null, n: { $sum: 1 }, cost: { $sum: '$costEur' } } },
        ],
        clocks: [
          { $match: { 'slaClocks.stoppedAt': within(period) } },
          { $unwind: '$slaClocks' },
          {
            $match: {
              'slaClocks.stoppedAt': within(period),
              'slaClocks.state': { $in: ['met', 'breached'] },
            },
          },
          {
            $group: {
              _id: { target: '$slaClocks.target', state: '$slaClocks.state' },
              minutes: { $push: '$slaClocks.consumedMinutes' },
            },
          },
        ],
        defects: [{ $match: defects }, { $group: { _id: null, n: { $sum: 1 } } }],
        codes: [
          { $match: defects },
          { $group: { _id: '$problemCode', n: { $sum: 1 } } },
          { $sort: { n: -1, _id: 1 } },
          { $limit: 50 },
        ],
        satisfaction: [
          { $match: { 'satisfaction.at': within(period) } },
          { $group: { _id: null, sum: { $sum: '$satisfaction.rating' }, n: { $sum: 1 } } },
        ],
        // One row past the bound tells the period is too long for this branch (see spansOf).
        spans: [
          { $match: { status: { $ne: 'withdrawn' } } },
          { $limit: spanRows + 1 },
          { $project: SPAN_FIELDS },
        ],
      },
    },
  ]);
  return facets as Record<
    | 'byPriority'
    | 'withdrawn'
    | 'repeats'
    | 'goodwill'
    | 'closed'
    | 'clocks'
    | 'defects'
    | 'codes'
    | 'satisfaction'
    | 'spans',
    Row[]
  >;
}

const HANDLED_PHASES = ['acknowledged', 'in_progress', 'resolved', 'closed'];
const SPAN_FIELDS = {
  _id: 0,
  priority: 1,
  receivedAt: 1,
  ...Object.fromEntries(HANDLED_PHASES.map((phase) => [`phaseTimes.${phase}`, 1])),
  'slaClocks.target': 1,
};
/** Rows of phase times the facet may carry: about 5 MB, well inside its 16 MB output cap. */
export const SPAN_ROWS = 40_000;

/**
 * The phase times of the cases the period touches, for the first responses and resolutions in
 * it (phaseDurations keeps the phases that fell in the period). They come with the facets, in
 * the same scan, up to `spanRows` cases; a longer period reads them with a query of its own, one
 * row per case, as $facet's single output document is capped at 16 MB. No `$or` on the phases:
 * the CI server ran that `$or` of four ranges at twice the cost of the whole scan
 * (bench/digest.ts, 1,000,000 complaints: 1,951 ms against 937 ms).
 */
async function spansOf(
  complaint: Models['complaint'],
  period: Period,
  facetRows: Row[],
  spanRows: number,
) {
  if (facetRows.length <= spanRows) return facetRows;
  return complaint
    .find({ ...touching(period), status: { $ne: 'withdrawn' } }, SPAN_FIELDS)
    .lean<Row[]>();
}

const toSpan = (r: Row): PhaseSpan => ({
  priority: r.priority as Priority,
  receivedAt: new Date(r.receivedAt as Date),
  phaseTimes: Object.fromEntries(
    Object.entries((r.phaseTimes as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [
      k,
      new Date(v as Date),
    ]),
  ),
  clocked: Array.isArray(r.slaClocks) && r.slaClocks.length > 0,
});

/**
 * The indicators' raw counts, computed in the database with the aggregation stages both MongoDB
 * and the CI server run ($match, $unwind, $group, $sort, $limit).
 */
export function kpiRepository(
  models: Models,
  loyalty: LoyaltyRule = {},
  spanRows = SPAN_ROWS,
): KpiSource {
  const { complaint, d2Request, careContact, client } = models;
  return {
    async counts(period: Period): Promise<KpiCounts> {
      const facets = await complaintFacets(complaint, period, spanRows);
      const spans = await spansOf(complaint, period, facets.spans, spanRows);
      const [d2Raised, d2Signed, careCallsDone, careCallsStillDue, loyalClients, activeClients] =
        await Promise.all([
          d2Request.countDocuments({ submittedAt: within(period) }),
          d2Request.countDocuments({ 'signature.at': within(period) }),
          careContact.countDocuments({ at: within(period) }),
          client.countDocuments({ active: true, nextCareCallDue: { $lt: period.to } }),
          client.countDocuments({
            active: true,
            $or: [
              { loyal: true },
              ...(loyalty.afterYears
                ? [{ 'classification.yearsActive': { $gte: loyalty.afterYears } }]
                : []),
            ],
          }),
          client.countDocuments({ active: true }),
        ]);
      const { byPriority, withdrawn, repeats, goodwill, closed, clocks, codes, satisfaction } =
        facets;
      const countOf = (rows: Row[]) => Number(rows[0]?.n ?? 0);
      return {
        openedByPriority: Object.fromEntries(byPriority.map((r) => [String(r._id), Number(r.n)])),
        withdrawn: countOf(withdrawn),
        repeats: countOf(repeats),
        goodwill: countOf(goodwill),
        closed: countOf(closed),
        costEur: Number(closed[0]?.cost ?? 0),
        clocks: clocks.map((r) => {
          const id = r._id as { target: SlaTarget; state: 'met' | 'breached' };
          return {
            target: id.target,
            state: id.state,
            minutes: (r.minutes as number[]).map(Number),
          };
        }),
        problemCodes: codes.map((r) => ({ code: String(r._id), count: Number(r.n) })),
        defects: countOf(facets.defects),
        phaseSpans: spans.map(toSpan),
        d2Raised,
        d2Signed,
        careCallsDone,
        careCallsStillDue,
        loyalClients,
        loyalAfterYears: loyalty.afterYears ?? null,
        activeClients,
        satisfaction: {
          sum: Number(satisfaction[0]?.sum ?? 0),
          responses: Number(satisfaction[0]?.n ?? 0),
        },
      };
    },
  };
}
