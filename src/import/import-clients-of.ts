import type { Store } from '../store/index.js';
import type { Candidate } from './complaint-row.js';
import type { ImportReport } from './import-report.js';

/**
 * The registry's id of each client the rows name. With `add`, a client the registry lacks is
 * registered from the code and name the file gives (an export carries both), as a business
 * client with the default care cadence; without a name it stays unknown.
 */
export async function clientsFor(
  store: Store,
  rows: Candidate[],
  add: boolean,
  report: ImportReport,
): Promise<Map<string, unknown>> {
  const codes = [...new Set(rows.map((r) => r.clientCode))];
  const find = async () =>
    new Map(
      (await store.models.client.find({ code: { $in: codes } }, { code: 1 }).lean()).map((c) => [
        String(c.code),
        c._id as unknown,
      ]),
    );
  const known = await find();
  if (!add) return known;
  const names = new Map(rows.flatMap((r) => (r.clientName ? [[r.clientCode, r.clientName]] : [])));
  const missing = codes.filter((code) => !known.has(code) && names.has(code));
  if (!missing.length) return known;
  await store.models.client.insertMany(
    missing.map((code) => ({
      code,
      name: names.get(code),
      classification: { kind: 'business' },
      contacts: [],
      careCadenceDays: 90,
      loyal: false,
      active: true,
    })),
    { ordered: false },
  );
  report.addedClients.push(...missing);
  return find();
}
