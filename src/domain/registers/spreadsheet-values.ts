import { TZDate } from '@date-fns/tz';

/**
 * A date as companies write it in their spreadsheets: "23/11/2026", "23-11-2026 10:30",
 * "2026-11-23", "2026-11-23T10:30:00Z". Day-first, as in Italy. Local times are in `timeZone`.
 */
export function parseSpreadsheetDate(text: string, timeZone: string): Date | undefined {
  const value = text.trim();
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(value);
  const italian = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+(\d{1,2})[:.](\d{2}))?$/.exec(
    value,
  );
  const parts = iso
    ? { y: +iso[1]!, m: +iso[2]!, d: +iso[3]!, h: +(iso[4] ?? 0), min: +(iso[5] ?? 0) }
    : italian
      ? {
          y: +italian[3]! + (italian[3]!.length === 2 ? 2000 : 0),
          m: +italian[2]!,
          d: +italian[1]!,
          h: +(italian[4] ?? 0),
          min: +(italian[5] ?? 0),
        }
      : undefined;
  if (
    !parts ||
    parts.m < 1 ||
    parts.m > 12 ||
    parts.d < 1 ||
    parts.d > 31 ||
    parts.h > 23 ||
    parts.min > 59
  )
    return undefined;
  const local = new TZDate(parts.y, parts.m - 1, parts.d, parts.h, parts.min, timeZone);
  // 31/02 rolls over into March in every date library: such a date is wrong, not March.
  if (local.getMonth() !== parts.m - 1 || local.getDate() !== parts.d) return undefined;
  return new Date(local.getTime());
}

/** A number as written in Italy or in ISO: "1.234,56", "1234,56", "1234.56", "€ 1.200". */
export function parseSpreadsheetNumber(text: string): number | undefined {
  let value = text.replace(/[€\s]/g, '');
  if (!value) return undefined;
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(value)) value = value.replace(/\./g, '');
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** "sì", "si", "yes", "true", "1", "x" → true; "no", "false", "0", "" → false. */
export function parseSpreadsheetFlag(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['sì', 'si', 'yes', 'y', 'true', '1', 'x', 'vero'].includes(value)) return true;
  if (['no', 'n', 'false', '0', '', 'falso'].includes(value)) return false;
  return undefined;
}
