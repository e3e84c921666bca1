import type { Indicators } from '../../domain/kpi/kpi.js';
import type { Locale, Translate } from '../../i18n/translate.js';
import { formatAmount, formatNumber } from './format.js';

const day = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(at);

/** "+3", "−2", "=" against the previous period (`write` says a difference as the reader does). */
const delta = (now: number, before: number, write: (n: number) => string = String) =>
  now === before ? '=' : now > before ? `+${write(now - before)}` : `−${write(before - now)}`;
const percent = (value: number | null, t: Translate) =>
  value === null ? t('digest.na') : `${Math.round(value * 100)}%`;
/** Minutes as "3h 20m" (business or wall-clock minutes, as the clocks count them). */
const duration = (minutes: number | null, t: Translate) =>
  minutes === null
    ? t('digest.na')
    : minutes < 60
      ? `${minutes}m`
      : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;

const days = (value: number | null, t: Translate, locale: Locale) =>
  value === null ? t('digest.na') : formatNumber(value, locale, 1);

export function periodLabel(current: Indicators, timeZone: string) {
  const last = new Date(current.period.to.getTime() - 1);
  return { from: day(current.period.from, timeZone), to: day(last, timeZone) };
}

/** One line per indicator of DOMAIN.md, with *bold* labels (Slack mrkdwn; Teams turns it into **). */
export function digestLines(
  current: Indicators,
  previous: Indicators,
  t: Translate,
  locale: Locale,
): string[] {
  const codes = current.topProblemCodes
    .slice(0, 5)
    .map((c) => `${escape(c.code)} ${c.count} (${Math.round(c.cumulativeShare * 100)}%)`)
    .join(' · ');
  const lines = [
    t('digest.complaints', {
      opened: current.opened,
      openedDelta: delta(current.opened, previous.opened),
      closed: current.closed,
      closedDelta: delta(current.closed, previous.closed),
      p1: current.openedByPriority.P1,
      p2: current.openedByPriority.P2,
      p3: current.openedByPriority.P3,
      goodwill: current.goodwill,
      withdrawn: current.withdrawn,
    }),
    t('digest.sla', {
      first_response: percent(current.sla.first_response.compliance, t),
      take_in_charge: percent(current.sla.take_in_charge.compliance, t),
      resolution: percent(current.sla.resolution.compliance, t),
    }),
    t('digest.times', {
      frMedian: duration(current.firstResponse.median, t),
      frP90: duration(current.firstResponse.p90, t),
      resMedian: duration(current.resolution.median, t),
      resP90: duration(current.resolution.p90, t),
    }),
    t('digest.days', {
      frMedian: days(current.firstResponseDays.median, t, locale),
      frP90: days(current.firstResponseDays.p90, t, locale),
      resMedian: days(current.resolutionDays.median, t, locale),
      resP90: days(current.resolutionDays.p90, t, locale),
    }),
    t('digest.repeat', { repeatRate: percent(current.repeatRate, t) }),
    t('digest.codes', { codes: codes || t('digest.none') }),
    t('digest.costs', {
      cost: formatAmount(current.costEur, locale),
      costDelta: delta(current.costEur, previous.costEur, (n) => formatAmount(n, locale)),
    }),
    t('digest.d2', { raised: current.d2Raised, signed: current.d2Signed }),
    t('digest.care', { done: current.careCallsDone, due: current.careCallsDue }),
    t(current.loyalAfterYears ? 'digest.loyalYears' : 'digest.loyal', {
      loyal: current.loyalClients,
      active: current.activeClients,
      years: current.loyalAfterYears ?? 0,
    }),
    t('digest.satisfaction', {
      average:
        current.satisfaction.average === null
          ? t('digest.na')
          : formatNumber(current.satisfaction.average, locale, 2),
      responses: current.satisfaction.responses,
    }),
  ];
  return lines;
}

export function digestTitle(current: Indicators, t: Translate, timeZone: string): string {
  return t('digest.title', periodLabel(current, timeZone));
}

/** Problem codes are people's text: no markup from them. */
const escape = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('*', '∗');
