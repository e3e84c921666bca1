import { TZDate } from '@date-fns/tz';

/** Which part of "3/12/2015" is the day: Italy writes day first, the US month first. */
export const DATE_ORDERS = ['day-first', 'month-first'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** What `--date-format` accepts for each order. */
const ORDER_NAMES: Record<string, DateOrder> = {
  'day-first': 'day-first',
  dmy: 'day-first',
  'dd/mm/yyyy': 'day-first',
  'gg/mm/aaaa': 'day-first',
  'month-first': 'month-first',
  mdy: 'month-first',
  'mm/dd/yyyy': 'month-first',
};
export const dateOrderNamed = (name: string): DateOrder | undefined =>
  ORDER_NAMES[name.trim().toLowerCase()];

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
/** "3/12/2015", "23.11.2026 10:30", "11/23/2015 9:05:00 PM". */
const NUMERIC =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ ,T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([AaPp][Mm]))?)?$/;

interface Parts {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
  s: number;
}

/** Refuses what a date library would roll over: 31/02 is not 3 March, 24:00 is not tomorrow. */
function real(p: Parts): boolean {
  if (p.m < 1 || p.m > 12 || p.d < 1 || p.h > 23 || p.min > 59 || p.s > 59) return false;
  return p.d <= new Date(Date.UTC(p.y, p.m, 0)).getUTCDate();
}

function numericParts(match: RegExpExecArray, order: DateOrder): Parts | undefined {
  const [first, second] = [+match[1]!, +match[3]!];
  let h = +(match[5] ?? 0);
  const meridiem = match[8]?.toLowerCase();
  if (meridiem) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return {
    y: +match[4]! + (match[4]!.length === 2 ? 2000 : 0),
    m: order === 'day-first' ? second : first,
    d: order === 'day-first' ? first : second,
    h,
    min: +(match[6] ?? 0),
    s: +(match[7] ?? 0),
  };
}

/**
 * A date as registers write it: ISO ("2026-11-23", "2026-11-23 10:30", "2026-11-23T10:30:00Z")
 * or numeric in the given order ("23/11/2026", "11/23/2026 9:05 PM"). Local times are in
 * `timeZone`. Impossible dates (31 February) and cut-off ones ("2025-05-1") are refused.
 */
export function parseSpreadsheetDate(
  text: string,
  timeZone: string,
  order: DateOrder = 'day-first',
): Date | undefined {
  const value = text.trim();
  const instant = ISO_INSTANT.exec(value);
  if (instant) {
    const [y, m, d, h, min, s] = [1, 2, 3, 4, 5, 6].map((i) => +(instant[i] ?? 0)) as number[];
    if (!real({ y: y!, m: m!, d: d!, h: h!, min: min!, s: s! })) return undefined;
    if (!instant[7]) return local({ y: y!, m: m!, d: d!, h: h!, min: min!, s: s! }, timeZone);
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed;
  }
  const iso = ISO_LOCAL.exec(value);
  const numeric = iso ? undefined : NUMERIC.exec(value);
  const parts: Parts | undefined = iso
    ? {
        y: +iso[1]!,
        m: +iso[2]!,
        d: +iso[3]!,
        h: +(iso[4] ?? 0),
        min: +(iso[5] ?? 0),
        s: +(iso[6] ?? 0),
      }
    : numeric
      ? numericParts(numeric, order)
      : undefined;
  return parts && real(parts) ? local(parts, timeZone) : undefined;
}

/**
 * The instant of each local hour, remembered: a zone's offset changes only on the hour, and
 * working it out (TZDate) is what a 30,000-row register would otherwise spend most time on.
 */
const hourStarts = new Map<string, number>();
function local(p: Parts, timeZone: string): Date {
  const key = `${timeZone} ${p.y}-${p.m}-${p.d} ${p.h}`;
  let start = hourStarts.get(key);
  if (start === undefined) {
    if (hourStarts.size > 200_000) hourStarts.clear();
    start = new TZDate(p.y, p.m - 1, p.d, p.h, 0, 0, timeZone).getTime();
    hourStarts.set(key, start);
  }
  return new Date(start + p.min * 60_000 + p.s * 1000);
}

/**
 * The order a column's numeric dates are written in, told from all of them: a first part above
 * 12 can only be a day, a second part above 12 only a day too. `ambiguous` when nothing tells
 * (and some date would read differently), `mixed` when both orders occur; `none` when the column
 * has no numeric dates (ISO only, or empty).
 */
export function dateOrderOf(values: Iterable<string>): {
  order: DateOrder | 'ambiguous' | 'mixed' | 'none';
  dayFirstExample?: string;
  monthFirstExample?: string;
  ambiguousExample?: string;
} {
  let dayFirstExample: string | undefined;
  let monthFirstExample: string | undefined;
  let ambiguousExample: string | undefined;
  let numeric = false;
  for (const raw of values) {
    const match = NUMERIC.exec(raw.trim());
    if (!match) continue;
    numeric = true;
    const [first, second] = [+match[1]!, +match[3]!];
    if (first > 12 && second <= 12) dayFirstExample ??= raw.trim();
    else if (second > 12 && first <= 12) monthFirstExample ??= raw.trim();
    else if (first !== second) ambiguousExample ??= raw.trim();
  }
  const examples = {
    ...(dayFirstExample ? { dayFirstExample } : {}),
    ...(monthFirstExample ? { monthFirstExample } : {}),
    ...(ambiguousExample ? { ambiguousExample } : {}),
  };
  if (dayFirstExample && monthFirstExample) return { order: 'mixed', ...examples };
  if (dayFirstExample) return { order: 'day-first', ...examples };
  if (monthFirstExample) return { order: 'month-first', ...examples };
  if (ambiguousExample) return { order: 'ambiguous', ...examples };
  // Every numeric date reads the same both ways (1/1, 5/5): either order gives the same dates.
  return { order: numeric ? 'day-first' : 'none', ...examples };
}
