import { parse } from 'csv-parse/sync';

/** Rows of a spreadsheet export keyed by header; `;` or `,` is told from the header line. */
export function readCsv(text: string): { headers: string[]; rows: Record<string, string>[] } {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows = parse(text, {
    bom: true,
    columns: true,
    delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  }) as Record<string, string>[];
  const headers = (parse(firstLine, { delimiter, bom: true })[0] as string[] | undefined) ?? [];
  return { headers, rows };
}
