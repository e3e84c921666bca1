import { TZDate } from '@date-fns/tz';

export interface CsvOptions {
  /** ',' (default) or ';' (Italian Excel, which then also wants decimal commas). */
  separator: ',' | ';';
  /** A UTF-8 byte-order mark, so Excel opens accents right. */
  bom: boolean;
  timeZone: string;
  /** The header line in the reader's words (a column's name otherwise). */
  header?: (column: string) => string;
}

export type Cell = string | number | boolean | Date | undefined | null;
export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-11-23 10:00:05" where the company is: what a spreadsheet reads as a date and time, to the
 * second so that an export imported back gives the same durations.
 */
export function localTimestamp(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function cell(value: Cell, options: CsvOptions): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return localTimestamp(value, options.timeZone);
  if (typeof value === 'number')
    return options.separator === ';' ? String(value).replace('.', ',') : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/** A number as the export writes one ("-12", "3.5", "-1,25"): safe to leave as it is. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * RFC 4180 quoting: fields with the separator, quotes or line breaks are quoted, quotes doubled.
 * OWASP's CSV-injection rule first: a cell starting with = + - @, a tab or a carriage return
 * would be run as a formula by a spreadsheet ("-2+3+cmd|..."), so it gets a leading ' and stays
 * text, unless it is a plain number. The importer takes that ' off again (unguarded()).
 */
function quote(text: string, separator: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return /["\r\n]/.test(safe) || safe.includes(separator)
    ? `"${safe.replaceAll('"', '""')}"`
    : safe;
}

/** Rows as CSV text with a header line; CRLF line ends as spreadsheets expect. */
export function toCsv<T>(rows: Iterable<T>, columns: Column<T>[], options: CsvOptions): string {
  const line = (cells: string[]) =>
    cells.map((c) => quote(c, options.separator)).join(options.separator);
  const header = options.header ?? ((column: string) => column);
  const lines = [line(columns.map((c) => header(c.header)))];
  for (const row of rows) lines.push(line(columns.map((c) => cell(c.value(row), options))));
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
