import type { SlaClock } from '../../domain/sla/sla-clock.js';
import { breachAt, signalOf } from '../../domain/sla/sla-clocks.js';
import type { Locale, Translate } from '../../i18n/translate.js';
import { formatInstant } from './format.js';

const MINUTE = 60_000;

/** A span of wall-clock time as people say it: "45 min", "2 h 15 min", "1 g 3 h". */
export function durationText(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d) return t('duration.days', { d, h });
  return h ? t('duration.hours', { h, m }) : t('duration.minutes', { m });
}

/**
 * A clock's state next to its target: "in tempo", "in scadenza"…; a breach says since when and
 * by how much ("scaduta da 2 h 15 min, dalle 10:30"), or how late the target was reached.
 */
export function slaSignalText(
  clock: SlaClock,
  ctx: { t: Translate; locale: Locale; timeZone: string; now: Date },
): string {
  const { t } = ctx;
  const signal = signalOf(clock, ctx.now);
  if (signal !== 'breached') return t(`sla.${signal}`);
  const limit = breachAt(clock);
  if (clock.stoppedAt)
    return t('sla.breached_late', {
      by: durationText(clock.stoppedAt.getTime() - limit.getTime(), t),
    });
  const by = durationText(ctx.now.getTime() - limit.getTime(), t);
  const at = formatInstant(limit, ctx.locale, ctx.timeZone);
  const sameDay = at.slice(0, 10) === formatInstant(ctx.now, ctx.locale, ctx.timeZone).slice(0, 10);
  return sameDay
    ? t('sla.breached_for', { by, since: at.slice(11) })
    : t('sla.breached_for_days', { by, since: at });
}
