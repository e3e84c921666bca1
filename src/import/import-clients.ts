import { NewClientSchema, type NewClient } from '../domain/client/client.js';
import {
  parseSpreadsheetFlag,
  parseSpreadsheetNumber,
  shownValue,
  unguarded,
} from '../domain/registers/spreadsheet-values.js';
import type { Store } from '../store/index.js';
import { emptyReport, type ImportReport, type Progress } from './import-report.js';
import type { Mapping } from './mapping.js';
import type { CsvFile } from './read-csv.js';

const BATCH = 1000;

function toClient(row: Record<string, string>, m: Mapping): NewClient | string {
  const get = (field: string) => (m[field] ? unguarded(row[m[field]!] ?? '') : '');
  const number = (field: string) => (get(field) ? parseSpreadsheetNumber(get(field)) : undefined);
  const kind = /^(privat|person)/i.test(get('kind')) ? 'private' : 'business';
  const loyal = parseSpreadsheetFlag(get('loyal'));
  if (loyal === undefined) return `loyal: ${shownValue(get('loyal'))} is not yes/no`;
  const contact = get('contactName');
  const candidate = {
    code: get('code'),
    name: get('name'),
    classification:
      kind === 'private'
        ? {
            kind,
            ...(get('ageBand') ? { ageBand: get('ageBand') } : {}),
            ...(get('location') ? { location: get('location') } : {}),
          }
        : {
            kind,
            ...(get('industry') ? { industry: get('industry') } : {}),
            ...(number('employees') !== undefined ? { employees: number('employees') } : {}),
            ...(get('revenueBand') ? { revenueBand: get('revenueBand') } : {}),
            ...(number('yearsActive') !== undefined ? { yearsActive: number('yearsActive') } : {}),
            ...(get('location') ? { location: get('location') } : {}),
          },
    contacts: contact
      ? [
          {
            name: contact,
            ...(get('contactEmail') ? { email: get('contactEmail') } : {}),
            ...(get('contactPhone') ? { phone: get('contactPhone') } : {}),
          },
        ]
      : [],
    careCadenceDays: number('careCadenceDays') ?? 90,
    loyal,
    active: true,
  };
  const parsed = NewClientSchema.safeParse(candidate);
  return parsed.success
    ? parsed.data
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

const SAME_CLIENT =
  'the registry has this client already, its code or name spelt differently (case, spaces, dots)';

/**
 * Inserts what it can and gives the positions refused by the unique normalised code or name
 * (client-identity.ts): the same client as one already stored, or earlier in the file.
 */
async function insertClients(store: Store, clients: NewClient[]): Promise<number[]> {
  if (!clients.length) return [];
  try {
    await store.models.client.insertMany(clients, { ordered: false });
    return [];
  } catch (error) {
    const refused = (error as { writeErrors?: { index: number; code: number }[] }).writeErrors;
    if (!refused?.length || refused.some((e) => e.code !== 11000)) throw error;
    return refused.map((e) => e.index);
  }
}

/**
 * Loads the client registry from spreadsheet rows. Clients are matched by their code: one already
 * there (or twice in the file) is left as it is, so running the same file again changes nothing.
 */
export async function importClients(
  store: Store,
  file: CsvFile,
  mapping: Mapping,
  progress: Progress = () => undefined,
): Promise<ImportReport> {
  const started = performance.now();
  const report = emptyReport();
  const { rows } = file;
  report.read = file.rejected.length;
  report.rejected.push(...file.rejected);
  const seen = new Set<string>();
  for (let from = 0; from < rows.length; from += BATCH) {
    const batch = rows.slice(from, from + BATCH);
    const candidates: { line: number; client: NewClient }[] = [];
    batch.forEach((row) => {
      report.read++;
      const result = toClient(row.cells, mapping);
      if (typeof result === 'string')
        return void report.rejected.push({ line: row.line, reason: result });
      if (seen.has(result.code)) return void report.alreadyPresent++;
      seen.add(result.code);
      candidates.push({ line: row.line, client: result });
    });
    const existing = new Set(
      (
        await store.models.client
          .find({ code: { $in: candidates.map((c) => c.client.code) } }, { code: 1 })
          .lean()
      ).map((c) => c.code),
    );
    const fresh = candidates.filter((c) => !existing.has(c.client.code));
    report.alreadyPresent += candidates.length - fresh.length;
    const refused = await insertClients(
      store,
      fresh.map((c) => c.client),
    );
    for (const i of refused) report.rejected.push({ line: fresh[i]!.line, reason: SAME_CLIENT });
    report.imported += fresh.length - refused.length;
    progress(Math.min(from + BATCH, rows.length), rows.length);
  }
  report.rejected.sort((a, b) => a.line - b.line);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
