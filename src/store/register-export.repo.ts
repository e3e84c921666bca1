import type { Client } from '../domain/client/client.js';
import type { Period } from '../domain/kpi/kpi.js';
import {
  CARE_COLUMNS,
  COMMUNICATION_COLUMNS,
  COMPLAINT_COLUMNS,
  D2_COLUMNS,
} from '../domain/registers/register-columns.js';
import { toCsv, type CsvOptions } from '../domain/registers/csv.js';
import type { Models } from './models/index.js';

import { REGISTER_NAMES, type RegisterName } from '../domain/registers/registers.ports.js';

export const REGISTERS = REGISTER_NAMES;
export type { RegisterName };

type Store = {
  models: Models;
  complaints: { list(filter: object, options?: object): Promise<{ clientId: string }[]> };
  care: { list(filter: object, options?: object): Promise<{ clientId: string }[]> };
  communications: { list(filter: object, options?: object): Promise<{ clientId: string }[]> };
  d2Requests: { list(filter: object, options?: object): Promise<{ clientId: string }[]> };
  clients: { list(filter: object): Promise<Client[]> };
};

const within = (field: string, period?: Period) =>
  period ? { [field]: { $gte: period.from, $lt: period.to } } : {};

/** A register for the auditor, as CSV (UTF-8, optional BOM and `;`), optionally for a period. */
export async function exportRegister(
  store: Store,
  register: RegisterName,
  options: CsvOptions,
  period?: Period,
): Promise<{ csv: string; rows: number }> {
  const sources = {
    complaints: () =>
      store.complaints.list(within('receivedAt', period), { sort: { receivedAt: 1 } }),
    care: () => store.care.list(within('at', period), { sort: { at: 1 } }),
    communications: () =>
      store.communications.list(within('createdAt', period), { sort: { createdAt: 1 } }),
    d2: () => store.d2Requests.list(within('submittedAt', period), { sort: { submittedAt: 1 } }),
  };
  const rows = await sources[register]();
  const clients = new Map((await store.clients.list({})).map((c) => [c.id, c]));
  const joined = rows.map((row) => ({ ...row, client: clients.get(row.clientId) }));
  const columns = {
    complaints: COMPLAINT_COLUMNS,
    care: CARE_COLUMNS,
    communications: COMMUNICATION_COLUMNS,
    d2: D2_COLUMNS,
  }[register];
  return { csv: toCsv(joined as never[], columns as never, options), rows: rows.length };
}
