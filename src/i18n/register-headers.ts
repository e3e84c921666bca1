import { LOCALES, isMessageKey, translator, type Translate } from './translate.js';

const CLOCK_PART = /^sla_(first_response|take_in_charge|resolution)_(.+)$/;

/**
 * A register column's header as its reader names it: `received_at` → "Data ricevimento",
 * `at_in_progress` → "Data stato: In lavorazione", `sla_resolution_due` → "Risoluzione: scadenza".
 * A column without a label keeps its name.
 */
export function registerHeader(t: Translate): (column: string) => string {
  return (column) => {
    const key = `csv.${column}`;
    if (isMessageKey(key)) return t(key);
    const status = column.startsWith('at_') ? `status.${column.slice(3)}` : '';
    if (isMessageKey(status)) return t('csv.at_status', { status: t(status) });
    const [, target, part] = CLOCK_PART.exec(column) ?? [];
    const label = `csv.sla_${part}`;
    const targetKey = `sla.${target}`;
    if (isMessageKey(label) && isMessageKey(targetKey)) return t(label, { target: t(targetKey) });
    return column;
  };
}

const HEADERS = LOCALES.map((locale) => registerHeader(translator(locale)));

/** The column's header in every language an export may have been written in. */
export const headerInEveryLanguage = (column: string): string[] => [
  ...new Set(HEADERS.map((header) => header(column))),
];
