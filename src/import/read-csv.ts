import { shownValue } from '../domain/registers/spreadsheet-values.js';

/** A data row with the file line it starts on (quoted line breaks make a row span lines). */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}
export interface CsvFile {
  headers: string[];
  rows: CsvRow[];
  /** Lines that could not be read as a row: each is left out, the rest is read. */
  rejected: { line: number; reason: string }[];
}

type Parsed = { fields: string[]; next: number; lines: number } | { error: string; next: number };

/**
 * One record from `at` (RFC 4180: fields quoted with `"`, quotes doubled inside). A quote out of
 * place refuses the record; a quote that never closes refuses the line it opened on only, and
 * reading resumes on the next line, so one bad cell cannot swallow the rest of the file.
 */
function record(text: string, at: number, delimiter: string): Parsed {
  const fields: string[] = [];
  let i = at;
  let lines = 0;
  const endOfLine = (from: number) => {
    const n = text.slice(from).search(/\r\n|\n|\r/);
    return n < 0 ? text.length : from + n + (text.startsWith('\r\n', from + n) ? 2 : 1);
  };
  for (;;) {
    let value: string;
    if (text[i] === '"') {
      const opened = i;
      const parts: string[] = [];
      for (i++; ;) {
        const close = text.indexOf('"', i);
        if (close < 0)
          return { error: 'a quote opens a value and never closes', next: endOfLine(opened) };
        parts.push(text.slice(i, close));
        if (text[close + 1] !== '"') {
          i = close + 1;
          break;
        }
        parts.push('"');
        i = close + 2;
      }
      value = parts.join('');
      lines += (value.match(/\r\n|\n|\r/g) ?? []).length;
      if (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n')
        return lines
          ? { error: 'a quote opens a value and never closes', next: endOfLine(opened) }
          : { error: 'text after the closing quote of a value', next: endOfLine(i) };
    } else {
      const start = i;
      while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') i++;
      value = text.slice(start, i);
      if (value.includes('"'))
        return {
          error: `a quote inside a value that is not quoted: ${shownValue(value)}`,
          next: endOfLine(i),
        };
    }
    fields.push(value.trim());
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    return { fields, next: i >= text.length ? i : endOfLine(i), lines: lines + 1 };
  }
}

/** The delimiter of the header line: `;` (Italian Excel) when it has more of them than `,`. */
function delimiterOf(text: string): string {
  const header = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/**
 * Rows of a spreadsheet export keyed by header. A row with more or fewer fields than the header
 * (a stray `;` would shift every column after it) is refused with its line, never guessed.
 */
export function readCsv(input: string): CsvFile {
  const text = input.replace(/^\uFEFF/, '');
  const delimiter = delimiterOf(text);
  const file: CsvFile = { headers: [], rows: [], rejected: [] };
  let at = 0;
  let line = 1;
  while (at < text.length) {
    const parsed = record(text, at, delimiter);
    if ('error' in parsed) file.rejected.push({ line, reason: parsed.error });
    else take(file, parsed.fields, line, delimiter);
    line += 'error' in parsed ? countLines(text, at, parsed.next) : parsed.lines;
    at = parsed.next;
  }
  return file;
}

function take(file: CsvFile, fields: string[], line: number, delimiter: string) {
  // Spreadsheets end files with empty rows (";;;;"): nothing to import, nothing to report.
  if (fields.every((f) => f === '')) return;
  if (!file.headers.length) file.headers = fields;
  else if (fields.length !== file.headers.length)
    file.rejected.push({
      line,
      reason: `${fields.length} fields where the header has ${file.headers.length} (a "${delimiter}" too many or missing inside a value?)`,
    });
  else
    file.rows.push({
      line,
      cells: Object.fromEntries(file.headers.map((h, k) => [h, fields[k] ?? ''])),
    });
}

const countLines = (text: string, from: number, to: number) =>
  Math.max(1, (text.slice(from, to).match(/\r\n|\n|\r/g) ?? []).length);
