import type { Breakdown, BreakdownRow, KpiBreakdownSource, Period } from '../domain/kpi/kpi.js';
import { receivedIn, touching, within } from './kpi-period.js';
import type { Models } from './models/index.js';

type Row = Record<string, unknown>;
const FIELD: Record<Exclude<Breakdown, 'clientClass'>, string> = {
  department: '$department',
  product: '$product',
  problemCode: '$problemCode',
};
const round = (n: number) => Math.round(n * 100) / 100;

/** Indicator breakdowns and the least satisfied clients, grouped in the database. */
export function kpiBreakdownRepository(models: Models): KpiBreakdownSource {
  const grouped = (period: Period, key: string) =>
    models.complaint.aggregate<Row>([
      { $match: { ...receivedIn(period), status: { $ne: 'withdrawn' } } },
      {
        $group: {
          _id: key,
          opened: { $sum: 1 },
          closed: { $sum: { $cond: [{ $eq: ['$status', 'closed'] }, 1, 0] } },
          cost: { $sum: '$costEur' },
          satisfaction: { $avg: '$satisfaction.rating' },
        },
      },
    ]);
  const toRow = (key: string, r: Row): BreakdownRow => ({
    key,
    opened: Number(r.opened ?? 0),
    closed: Number(r.closed ?? 0),
    costEur: round(Number(r.cost ?? 0)),
    satisfaction: typeof r.satisfaction === 'number' ? round(r.satisfaction) : null,
  });
  return {
    async breakdown(period, by) {
      if (by !== 'clientClass') {
        const rows = await grouped(period, FIELD[by]);
        return rows
          .map((r) => toRow(String(r._id), r))
          .sort((a, b) => b.opened - a.opened || a.key.localeCompare(b.key));
      }
      // The class lives on the client: group by client here, then by class with the registry.
      const byClient = await grouped(period, '$clientId');
      const clients = await models.client.find({}, { classification: 1 }).lean();
      const classOf = new Map(
        clients.map((c) => {
          const k = c.classification as { kind?: string; industry?: string } | undefined;
          return [
            String(c._id),
            k?.kind === 'business' && k.industry
              ? `business: ${k.industry}`
              : (k?.kind ?? 'unknown'),
          ];
        }),
      );
      const merged = new Map<
        string,
        { opened: number; closed: number; cost: number; ratingSum: number; rated: number }
      >();
      for (const r of byClient) {
        const key = classOf.get(String(r._id)) ?? 'unknown';
        const m = merged.get(key) ?? { opened: 0, closed: 0, cost: 0, ratingSum: 0, rated: 0 };
        m.opened += Number(r.opened);
        m.closed += Number(r.closed);
        m.cost += Number(r.cost ?? 0);
        merged.set(key, m);
      }
      const ratings = await models.complaint.aggregate<Row>([
        { $match: { ...receivedIn(period), 'satisfaction.rating': { $exists: true } } },
        { $group: { _id: '$clientId', sum: { $sum: '$satisfaction.rating' }, n: { $sum: 1 } } },
      ]);
      for (const r of ratings) {
        const m = merged.get(classOf.get(String(r._id)) ?? 'unknown');
        if (!m) continue;
        m.ratingSum += Number(r.sum);
        m.rated += Number(r.n);
      }
      return [...merged.entries()]
        .map(([key, m]) =>
          toRow(key, {
            opened: m.opened,
            closed: m.closed,
            cost: m.cost,
            satisfaction: m.rated ? m.ratingSum / m.rated : null,
          }),
        )
        .sort((a, b) => b.opened - a.opened || a.key.localeCompare(b.key));
    },
    async leastSatisfied(period, limit) {
      const rows = await models.complaint.aggregate<Row>([
        { $match: { ...touching(period), 'satisfaction.at': within(period) } },
        {
          $group: {
            _id: '$clientId',
            average: { $avg: '$satisfaction.rating' },
            answers: { $sum: 1 },
          },
        },
        { $sort: { average: 1, answers: -1 } },
        { $limit: limit },
      ]);
      const names = new Map(
        (
          await models.client.find({ _id: { $in: rows.map((r) => r._id) } }, { name: 1 }).lean()
        ).map((c) => [String(c._id), c.name as string]),
      );
      return rows.map((r) => ({
        clientId: String(r._id),
        clientName: names.get(String(r._id)) ?? String(r._id),
        average: round(Number(r.average)),
        answers: Number(r.answers),
      }));
    },
  };
}
