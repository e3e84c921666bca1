import type { KpiCounts, KpiSource, LoyaltyRule, Period } from '../domain/kpi/kpi.js';
import type { SlaTarget } from '../domain/sla/sla-clock.js';
import type { Models } from './models/index.js';

type Row = Record<string, unknown>;
const within = (period: Period) => ({ $gte: period.from, $lt: period.to });

/**
 * The indicators' raw counts, computed in the database with the aggregation stages both MongoDB
 * and the CI server run ($match, $unwind, $group, $sort, $limit).
 */
export function kpiRepository(models: Models, loyalty: LoyaltyRule = {}): KpiSource {
  const { complaint, d2Request, careContact, client } = models;
  return {
    async counts(period: Period): Promise<KpiCounts> {
      const received = { receivedAt: within(period) };
      const [byPriority, repeats, goodwill, closed, clocks, codes] = await Promise.all([
        complaint.aggregate<Row>([
          { $match: received },
          { $group: { _id: '$priority', n: { $sum: 1 } } },
        ]),
        complaint.countDocuments({ ...received, 'repeatOf.id': { $exists: true } }),
        complaint.countDocuments({ ...received, 'goodwill.cause': { $exists: true } }),
        complaint.aggregate<Row>([
          { $match: { 'phaseTimes.closed': within(period) } },
          { $group: { _id: null, n: { $sum: 1 }, cost: { $sum: '$costEur' } } },
        ]),
        complaint.aggregate<Row>([
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
        ]),
        complaint.aggregate<Row>([
          { $match: { ...received, 'goodwill.cause': { $exists: false } } },
          { $group: { _id: '$problemCode', n: { $sum: 1 } } },
          { $sort: { n: -1, _id: 1 } },
          { $limit: 50 },
        ]),
      ]);
      const [
        d2Raised,
        d2Signed,
        careCallsDone,
        careCallsStillDue,
        loyalClients,
        activeClients,
        satisfaction,
      ] = await Promise.all([
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
        complaint.aggregate<Row>([
          { $match: { 'satisfaction.at': within(period) } },
          { $group: { _id: null, sum: { $sum: '$satisfaction.rating' }, n: { $sum: 1 } } },
        ]),
      ]);
      const closedRow = closed[0] ?? {};
      return {
        openedByPriority: Object.fromEntries(byPriority.map((r) => [String(r._id), Number(r.n)])),
        repeats,
        goodwill,
        closed: Number(closedRow.n ?? 0),
        costEur: Number(closedRow.cost ?? 0),
        clocks: clocks.map((r) => {
          const id = r._id as { target: SlaTarget; state: 'met' | 'breached' };
          return {
            target: id.target,
            state: id.state,
            minutes: (r.minutes as number[]).map(Number),
          };
        }),
        problemCodes: codes.map((r) => ({ code: String(r._id), count: Number(r.n) })),
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
