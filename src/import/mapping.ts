import { COMPLAINT_STATUSES } from '../domain/complaint/complaint.js';
import { SLA_TARGETS } from '../domain/sla/sla-clock.js';
import { COMPLAINT_COLUMNS } from '../domain/registers/register-columns.js';
import { headerInEveryLanguage } from '../i18n/register-headers.js';
import { CLOCK_PARTS } from './complaint-history.js';

/** Target field → the spreadsheet's column header. */
export type Mapping = Record<string, string>;

const normal = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_.-]+/g, ' ');

/** Phases whose time has its own export column besides receipt, first response and closing. */
export const PHASES = COMPLAINT_STATUSES.filter(
  (s) => !['new', 'acknowledged', 'closed'].includes(s),
);

/** Headers the field is usually found under in Italian and English spreadsheets. */
export const CLIENT_HEADERS: Record<string, string[]> = {
  code: ['code', 'codice', 'codice cliente', 'cod cliente'],
  name: ['name', 'nome', 'ragione sociale', 'cliente'],
  kind: ['kind', 'tipo', 'tipo cliente'],
  industry: ['industry', 'settore'],
  employees: ['employees', 'dipendenti', 'numero dipendenti'],
  revenueBand: ['revenue band', 'fatturato', 'fascia fatturato'],
  yearsActive: ['years active', 'anni di attività', 'anni attività'],
  creditReliability: ['credit reliability', 'affidabilità', 'affidabilità creditizia'],
  location: ['location', 'località', 'città', 'provincia'],
  ageBand: ['age band', 'fascia età', 'età'],
  careCadenceDays: ['care cadence days', 'cadenza', 'cadenza chiamate'],
  loyal: ['loyal', 'fedele', 'cliente fedele'],
  contactName: ['contact', 'contatto', 'referente'],
  contactEmail: ['email', 'e mail', 'mail'],
  contactPhone: ['phone', 'telefono'],
};
export const CLIENT_REQUIRED = ['code', 'name'];

/**
 * The first alias found wins. The export's own headers (register-columns.ts) are among them, in
 * every language the export writes them, so an exported register imports back with no mapping.
 */
export const COMPLAINT_HEADERS: Record<string, string[]> = withExportLabels({
  reference: ['source reference', 'reference', 'riferimento', 'n reclamo', 'numero', 'id'],
  /** The bot's own case number, in an export: the case keeps it when the run allows. */
  number: ['number'],
  clientCode: ['client code', 'codice cliente', 'cliente'],
  clientName: ['client name', 'ragione sociale', 'nome cliente'],
  receivedAt: ['received at', 'data ricevimento', 'data', 'data reclamo', 'ricevuto il'],
  firstResponseAt: [
    'first response at',
    'at acknowledged',
    'data presa in carico',
    'presa in carico',
  ],
  closedAt: ['closed at', 'at closed', 'data chiusura', 'chiuso il'],
  status: ['status', 'stato'],
  product: ['product', 'prodotto', 'prodotto servizio'],
  description: ['description', 'descrizione', 'problema', 'issue'],
  problemCode: ['problem code', 'codice problema', 'codice'],
  category: ['category', 'categoria'],
  department: ['department', 'reparto'],
  priority: ['priority', 'priorità', 'criticità'],
  solution: ['solution', 'soluzione', 'risposta'],
  rootCause: ['root cause', 'causa'],
  origin: ['origin', 'origine'],
  costEur: ['cost eur', 'cost', 'costo', 'costo eur'],
  channel: ['contact channel', 'channel', 'canale'],
  goodwillCause: ['goodwill cause'],
  repeatOf: ['repeat of'],
  ...Object.fromEntries(PHASES.map((phase) => [`at:${phase}`, [`at ${phase}`]])),
  ...Object.fromEntries(
    SLA_TARGETS.flatMap((t) => CLOCK_PARTS.map((p) => [`sla:${t}:${p}`, [`sla_${t}_${p}`]])),
  ),
  satisfaction: ['satisfaction', 'soddisfazione'],
  satisfactionComment: ['satisfaction comment'],
  satisfactionAt: ['satisfaction at'],
});

/** After each alias that is an export column, that column's header in each language. */
function withExportLabels(known: Record<string, string[]>): Record<string, string[]> {
  const columns = new Map(COMPLAINT_COLUMNS.map((c) => [normal(c.header), c.header]));
  const labelled = (alias: string) => {
    const column = columns.get(normal(alias));
    return column ? [alias, ...headerInEveryLanguage(column)] : [alias];
  };
  return Object.fromEntries(
    Object.entries(known).map(([field, aliases]) => [
      field,
      [...new Set(aliases.flatMap(labelled))],
    ]),
  );
}
export const COMPLAINT_REQUIRED = [
  'clientCode',
  'receivedAt',
  'product',
  'description',
  'problemCode',
];

/**
 * The mapping to use for a file: explicit entries first, then each field's usual headers.
 * Returns the required fields that stay unmapped, and explicit entries naming an unknown field
 * or a column the file does not have.
 */
export function resolveMapping(
  headers: string[],
  known: Record<string, string[]>,
  required: string[],
  explicit: Mapping = {},
): { mapping: Mapping; missing: string[]; unknown: string[] } {
  const unknown = Object.entries(explicit)
    .filter(([field, header]) => !(field in known) || !headers.includes(header))
    .map(([field, header]) => `${field}=${header}`);
  const byNormal = new Map(headers.map((h) => [normal(h), h]));
  const mapping: Mapping = {};
  for (const [field, aliases] of Object.entries(known)) {
    const chosen = explicit[field] ?? aliases.map((a) => byNormal.get(normal(a))).find(Boolean);
    if (chosen && headers.includes(chosen)) mapping[field] = chosen;
  }
  return { mapping, missing: required.filter((f) => !mapping[f]), unknown };
}
