import { TZDate } from '@date-fns/tz';

export interface CsvOptions {
  /** ',' (default) or ';' (Italian Excel, which then also wants decimal commas). */
  separator: ',' | ';';
  /** A UTF-8 byte-order mark, so Excel opens accents right. */
  bom: boolean;
  timeZone: string;
}

export type Cell = string | number | boolean | Date | undefined | null;
export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-23 10:00" where the company is: what a spreadsheet reads as a date and time. */
export function localTimestamp(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function cell(value: Cell, options: CsvOptions): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return localTimestamp(value, options.timeZone);
  if (typeof value === 'number')
    return options.separator === ';' ? String(value).replace('.', ',') : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/** RFC 4180 quoting: fields with the separator, quotes or line breaks are quoted, quotes doubled. */
function quote(text: string, separator: string): string {
  // A leading = + - @ would be run as a formula by a spreadsheet: keep it text.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /["\r\n]/.test(safe) || safe.includes(separator)
    ? `"${safe.replaceAll('"', '""')}"`
    : safe;
}

/** Rows as CSV text with a header line; CRLF line ends as spreadsheets expect. */
export function toCsv<T>(rows: Iterable<T>, columns: Column<T>[], options: CsvOptions): string {
  const line = (cells: string[]) =>
    cells.map((c) => quote(c, options.separator)).join(options.separator);
  const lines = [line(columns.map((c) => c.header))];
  for (const row of rows) lines.push(line(columns.map((c) => cell(c.value(row), options))));
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
