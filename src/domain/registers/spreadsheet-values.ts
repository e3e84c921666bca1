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

const SHOWN = 60;
/** A cell as a message quotes it: cut to a readable length (a cell can hold megabytes). */
export function shownValue(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > SHOWN
    ? `"${flat.slice(0, SHOWN)}…" (${text.length} characters)`
    : `"${flat}"`;
}

/** Undoes the export's formula guard (see csv.ts): "'=A1" was written for the text "=A1". */
export const unguarded = (text: string): string =>
  /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
