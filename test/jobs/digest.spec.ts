import { beforeAll, describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
import type { NewComplaint } from '../../src/domain/complaint/complaint.js';
import { lastWeek, postDigest } from '../../src/domain/kpi/digest.js';
import { digestDefault } from '../../src/jobs/digest.job.js';
import type { Indicators } from '../../src/domain/kpi/kpi.js';
import type { Notification } from '../../src/domain/shared/notification.js';
import type { SlaClock } from '../../src/domain/sla/sla-clock.js';
import { createStore } from '../../src/store/index.js';
import { FixedClock } from '../fakes/in-memory-services.js';
import { rome } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint } from '../support/fixtures.js';

const week = { from: rome('2026-11-16 00:00'), to: rome('2026-11-23 00:00') };
const HOUR = 3_600_000;

/** A deterministic pseudo-random sequence, so the seeded week is the same on every run. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

describe('the weekly KPI digest over a seeded fortnight', () => {
  const db = useTestDatabase('digest');
  const rows: NewComplaint[] = [];
  beforeAll(async () => {
    const client = await db.store.clients.insert(NewClientSchema.parse(aClient({ loyal: true })));
    await db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'C2', loyal: false })));
    const random = sequence(7);
    for (let i = 0; i < 60; i++) {
      const receivedAt = new Date(
        rome('2026-11-09 08:00').getTime() + Math.floor(random() * 14 * 24) * HOUR,
      );
      const priority = (['P1', 'P2', 'P3'] as const)[Math.floor(random() * 3)]!;
      const closed =
        random() < 0.6
          ? new Date(receivedAt.getTime() + Math.floor(random() * 72) * HOUR)
          : undefined;
      const stopped = new Date(receivedAt.getTime() + Math.floor(random() * 48) * HOUR);
      const clock: SlaClock = {
        target:
          priority === 'P1'
            ? 'first_response'
            : priority === 'P2'
              ? 'take_in_charge'
              : 'resolution',
        basis: priority === 'P1' ? 'calendar' : 'business',
        budgetMinutes: 30,
        startedAt: receivedAt,
        runningSince: receivedAt,
        warnAt: receivedAt,
        dueAt: receivedAt,
        state: random() < 0.7 ? 'met' : 'breached',
        consumedMinutes: Math.floor(random() * 600),
        stoppedAt: stopped,
      };
      const row = aComplaint(client.id, {
        priority,
        status: closed ? 'closed' : 'in_progress',
        problemCode: `PC-${Math.floor(random() * 5)}`,
        receivedAt,
        costEur: closed ? Math.round(random() * 50000) / 100 : undefined,
        phaseTimes: { new: receivedAt, ...(closed ? { closed } : {}) },
        slaClocks: [clock],
        ...(random() < 0.15 ? { goodwill: { cause: 'uso improprio' } } : {}),
        ...(random() < 0.2 ? { repeatOf: { id: client.id, number: 'R-2026-0001' } } : {}),
        satisfaction:
          random() < 0.5 ? { rating: 1 + Math.floor(random() * 5), at: stopped } : undefined,
      });
      rows.push(row);
      await db.store.complaints.register(row, 2026);
    }
    // Received in June, closed, timed and rated this week: the week must still count it.
    const june = rome('2026-06-03 09:00');
    const closedThisWeek = rome('2026-11-18 15:00');
    const old = aComplaint(client.id, {
      priority: 'P3',
      status: 'closed',
      receivedAt: june,
      costEur: 1234.5,
      phaseTimes: { new: june, closed: closedThisWeek },
      slaClocks: [
        {
          target: 'resolution',
          basis: 'business',
          budgetMinutes: 2400,
          startedAt: june,
          runningSince: june,
          warnAt: june,
          dueAt: june,
          state: 'breached',
          consumedMinutes: 99_999,
          stoppedAt: closedThisWeek,
        },
      ],
      satisfaction: { rating: 1, at: closedThisWeek },
    });
    rows.push(old);
    await db.store.complaints.register(old, 2026);
  });

  /** The same indicators computed here, straight from the seeded rows. */
  function expected(period: { from: Date; to: Date }) {
    const inside = (at: Date | undefined) =>
      at !== undefined && at >= period.from && at < period.to;
    const opened = rows.filter((r) => inside(r.receivedAt));
    const closed = rows.filter((r) => inside(r.phaseTimes.closed));
    const clocks = rows.flatMap((r) => r.slaClocks).filter((c) => inside(c.stoppedAt));
    const compliance = (target: string) => {
      const mine = clocks.filter((c) => c.target === target);
      return mine.length ? mine.filter((c) => c.state === 'met').length / mine.length : null;
    };
    const nearestRank = (values: number[], p: number) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted.length ? sorted[Math.ceil(p * sorted.length) - 1] : null;
    };
    const firstResponse = clocks
      .filter((c) => c.target !== 'resolution')
      .map((c) => c.consumedMinutes);
    const codes = new Map<string, number>();
    for (const r of opened.filter((r) => !r.goodwill))
      codes.set(r.problemCode, (codes.get(r.problemCode) ?? 0) + 1);
    const rated = rows.filter((r) => inside(r.satisfaction?.at));
    return {
      opened: opened.length,
      P1: opened.filter((r) => r.priority === 'P1').length,
      closed: closed.length,
      goodwill: opened.filter((r) => r.goodwill).length,
      repeatRate: opened.length ? opened.filter((r) => r.repeatOf).length / opened.length : null,
      costEur: Math.round(closed.reduce((sum, r) => sum + (r.costEur ?? 0), 0) * 100) / 100,
      firstResponseCompliance: compliance('first_response'),
      resolutionCompliance: compliance('resolution'),
      firstResponseMedian: nearestRank(firstResponse, 0.5),
      firstResponseP90: nearestRank(firstResponse, 0.9),
      topCode: [...codes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0],
      satisfaction: rated.length
        ? Math.round((rated.reduce((s, r) => s + r.satisfaction!.rating, 0) / rated.length) * 100) /
          100
        : null,
    };
  }

  const summary = (i: Indicators) => ({
    opened: i.opened,
    P1: i.openedByPriority.P1,
    closed: i.closed,
    goodwill: i.goodwill,
    repeatRate: i.repeatRate,
    costEur: i.costEur,
    firstResponseCompliance: i.sla.first_response.compliance,
    resolutionCompliance: i.sla.resolution.compliance,
    firstResponseMedian: i.firstResponse.median,
    firstResponseP90: i.firstResponse.p90,
    topCode: i.topProblemCodes[0]
      ? [i.topProblemCodes[0].code, i.topProblemCodes[0].count]
      : undefined,
    satisfaction: i.satisfaction.average,
  });

  it('matches figures computed independently from the raw rows, for the week and the week before', async () => {
    const queued: Notification[] = [];
    const clock = new FixedClock(rome('2026-11-23 08:30'));
    const services = {
      kpi: db.store.kpi,
      notifier: { queue: async (n: Notification) => void queued.push(n) },
      clock,
      timeZone: 'Europe/Rome',
    };
    expect(lastWeek(clock.now(), 'Europe/Rome')).toEqual(week);
    const { current, previous } = await postDigest(
      services,
      { platform: 'slack', channel: 'C0KPI' },
      week,
    );
    expect(current.opened).toBeGreaterThan(10);
    expect(current.costEur).toBeGreaterThan(1234.5);
    expect(summary(current)).toEqual(expected(week));
    expect(summary(previous)).toEqual(expected({ from: rome('2026-11-09 00:00'), to: week.from }));
    expect(current.loyalClients).toBe(1);
    expect(current.activeClients).toBe(2);
    expect(queued).toEqual([
      expect.objectContaining({
        type: 'digest',
        destination: { platform: 'slack', channel: 'C0KPI' },
      }),
    ]);
  });

  it('breaks the week down by department, problem code and client class, and finds the least satisfied', async () => {
    const inWeek = rows.filter((r) => r.receivedAt >= week.from && r.receivedAt < week.to);
    const byCode = await db.store.kpi.breakdown(week, 'problemCode');
    const expectedCodes = [...new Set(inWeek.map((r) => r.problemCode))].map((code) => {
      const mine = inWeek.filter((r) => r.problemCode === code);
      const rated = mine.filter((r) => r.satisfaction);
      return {
        key: code,
        opened: mine.length,
        closed: mine.filter((r) => r.status === 'closed').length,
        costEur: Math.round(mine.reduce((s, r) => s + (r.costEur ?? 0), 0) * 100) / 100,
        satisfaction: rated.length
          ? Math.round(
              (rated.reduce((s, r) => s + r.satisfaction!.rating, 0) / rated.length) * 100,
            ) / 100
          : null,
      };
    });
    expect(byCode).toEqual(
      expectedCodes.sort((a, b) => b.opened - a.opened || a.key.localeCompare(b.key)),
    );
    const byClass = await db.store.kpi.breakdown(week, 'clientClass');
    expect(byClass.map((r) => [r.key, r.opened])).toEqual([
      ['business: metalworking', inWeek.length],
    ]);
    const least = await db.store.kpi.leastSatisfied(
      { from: new Date(0), to: new Date('2100-01-01') },
      3,
    );
    const ratedAll = rows.filter((r) => r.satisfaction);
    expect(least).toEqual([
      {
        clientId: rows[0]!.clientId,
        clientName: 'Officine Rossi S.r.l.',
        average:
          Math.round(
            (ratedAll.reduce((s, r) => s + r.satisfaction!.rating, 0) / ratedAll.length) * 100,
          ) / 100,
        answers: ratedAll.length,
      },
    ]);
  });

  it("counts loyal clients by the company's rule: marked, or also N years with the company", async () => {
    expect((await db.store.kpi.counts(week)).loyalClients).toBe(1);
    const withYears = await createStore(db.connection, () => undefined, { afterYears: 10 });
    const counts = await withYears.kpi.counts(week);
    expect(counts).toMatchObject({ loyalClients: 2, loyalAfterYears: 10 });
    const strict = await createStore(db.connection, () => undefined, { afterYears: 20 });
    expect((await strict.kpi.counts(week)).loyalClients).toBe(1);
  });

  it('reads DIGEST_CHANNEL as a Slack channel id or a Teams conversation id (.env.example)', () => {
    expect(digestDefault(undefined)).toBeUndefined();
    expect(digestDefault('C0KPI')).toEqual({ platform: 'slack', channel: 'C0KPI' });
    expect(digestDefault('19:kpi@thread.tacv2')).toEqual({
      platform: 'teams',
      channel: '19:kpi@thread.tacv2',
    });
    expect(digestDefault('a:1xyz')).toEqual({ platform: 'teams', channel: 'a:1xyz' });
  });
});
