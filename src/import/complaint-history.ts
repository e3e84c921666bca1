import { SLA_TARGETS, SlaClockSchema, type SlaClock } from '../domain/sla/sla-clock.js';
import { parseSpreadsheetNumber } from '../domain/registers/spreadsheet-values.js';
import type { ImportedCase } from './complaint-row.js';

/** The export's columns of one clock, after `sla_<target>_` (register-columns.ts). */
export const CLOCK_PARTS = [
  'due',
  'result',
  'minutes',
  'basis',
  'budget_minutes',
  'started',
  'stopped',
];
export const CLOCK_DATE_PARTS = ['due', 'started', 'stopped'];

/** Each target's clock columns, as mapping fields (`sla:<target>:<part>`), named once. */
const CLOCK_FIELDS = SLA_TARGETS.map((target) => ({
  target,
  field: Object.fromEntries(CLOCK_PARTS.map((p) => [p, `sla:${target}:${p}`])) as Record<
    string,
    string
  >,
}));

type Get = (field: string) => string;
type DateOf = (field: string) => Date | string | undefined;

/**
 * The finished SLA clocks and the rating an export carries, so its indicators (compliance,
 * times, satisfaction) come back on import. Running clocks are not restored: an imported case
 * is history, and nothing should remind anyone about it. A clock missing a part is left out.
 */
export function historyOf(
  get: Get,
  date: DateOf,
): Pick<ImportedCase, 'slaClocks' | 'satisfaction'> {
  const slaClocks: SlaClock[] = [];
  // Per row: no closure or column name is built for a clock the row does not have.
  for (const { target, field } of CLOCK_FIELDS) {
    const state = get(field.result!);
    if (state !== 'met' && state !== 'breached') continue;
    const part = (p: string) => field[p]!;
    const [dueAt, startedAt, stoppedAt] = CLOCK_DATE_PARTS.map((p) => date(part(p)));
    const clock = SlaClockSchema.safeParse({
      target,
      basis: get(part('basis')),
      budgetMinutes: parseSpreadsheetNumber(get(part('budget_minutes'))),
      startedAt,
      runningSince: startedAt,
      warnAt: dueAt,
      dueAt,
      state,
      consumedMinutes: parseSpreadsheetNumber(get(part('minutes'))),
      stoppedAt,
    });
    if (clock.success) slaClocks.push(clock.data);
  }
  const rating = parseSpreadsheetNumber(get('satisfaction'));
  const at = date('satisfactionAt');
  const satisfaction =
    rating !== undefined && at instanceof Date
      ? {
          rating,
          at,
          ...(get('satisfactionComment') ? { comment: get('satisfactionComment') } : {}),
        }
      : undefined;
  return { slaClocks, ...(satisfaction ? { satisfaction } : {}) };
}
