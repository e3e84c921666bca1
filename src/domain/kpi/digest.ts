import { TZDate } from '@date-fns/tz';
import { addDays, startOfWeek } from 'date-fns';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { ChatDestination } from '../shared/chat-user.js';
import type { Clock, Notifier } from '../shared/shared.ports.js';
import {
  indicatorsFrom,
  type Indicators,
  type KpiBreakdownSource,
  type KpiSource,
  type Period,
} from './kpi.js';

/** The last full week (Monday 00:00 to Monday 00:00 where the company is) before `now`. */
export function lastWeek(now: Date, timeZone: string): Period {
  const local = new TZDate(now.getTime(), timeZone);
  const to = startOfWeek(local, { weekStartsOn: 1 });
  return { from: new Date(addDays(to, -7).getTime()), to: new Date(to.getTime()) };
}

/** The period of the same length just before. */
export const previousOf = (period: Period): Period => ({
  from: new Date(2 * period.from.getTime() - period.to.getTime()),
  to: period.from,
});

export interface DigestServices {
  kpi: KpiSource & KpiBreakdownSource;
  notifier: Notifier;
  clock: Clock;
  timeZone: string;
  /** Times cases without SLA clocks (imported ones) in the company's working time. */
  calendar?: BusinessCalendar;
}

/**
 * Computes the indicators of a period and of the one before, and queues the digest for a channel.
 * `once` keeps the weekly digest to one post even if two instances run the cron.
 */
export async function postDigest(
  services: DigestServices,
  destination: ChatDestination,
  period: Period,
  once?: string,
): Promise<{ current: Indicators; previous: Indicators }> {
  const previousPeriod = previousOf(period);
  const options = services.calendar ? { calendar: services.calendar } : {};
  const current = indicatorsFrom(period, await services.kpi.counts(period), options);
  const previous = indicatorsFrom(
    previousPeriod,
    await services.kpi.counts(previousPeriod),
    options,
  );
  await services.notifier.queue(
    { type: 'digest', destination, current, previous },
    once ? { once } : undefined,
  );
  return { current, previous };
}
