import type { Period } from '../kpi/kpi.js';
import type { CsvOptions } from './csv.js';

export const REGISTER_NAMES = ['complaints', 'care', 'communications', 'd2'] as const;
export type RegisterName = (typeof REGISTER_NAMES)[number];

/** The registers an auditor asks for, as CSV. */
export interface RegisterExports {
  export(
    register: RegisterName,
    options: CsvOptions,
    period?: Period,
  ): Promise<{ csv: string; rows: number }>;
}
