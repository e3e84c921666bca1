/** Target field → the spreadsheet's column header. */
export type Mapping = Record<string, string>;

const normal = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_.-]+/g, ' ');

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

export const COMPLAINT_HEADERS: Record<string, string[]> = {
  reference: ['reference', 'riferimento', 'n reclamo', 'numero', 'id'],
  clientCode: ['client code', 'codice cliente', 'cliente'],
  receivedAt: ['received at', 'data ricevimento', 'data', 'data reclamo', 'ricevuto il'],
  closedAt: ['closed at', 'data chiusura', 'chiuso il'],
  product: ['product', 'prodotto', 'prodotto servizio'],
  description: ['description', 'descrizione', 'problema', 'issue'],
  problemCode: ['problem code', 'codice problema', 'codice'],
  category: ['category', 'categoria'],
  department: ['department', 'reparto'],
  priority: ['priority', 'priorità', 'criticità'],
  solution: ['solution', 'soluzione', 'risposta'],
  origin: ['origin', 'origine'],
  costEur: ['cost', 'costo', 'costo eur'],
  channel: ['channel', 'canale'],
};
export const COMPLAINT_REQUIRED = [
  'clientCode',
  'receivedAt',
  'product',
  'description',
  'problemCode',
];

/**
 * The mapping to use for a file: explicit entries first, then each field's usual headers.
 * Returns the fields that stay unmapped among the required ones.
 */
export function resolveMapping(
  headers: string[],
  known: Record<string, string[]>,
  required: string[],
  explicit: Mapping = {},
): { mapping: Mapping; missing: string[] } {
  const byNormal = new Map(headers.map((h) => [normal(h), h]));
  const mapping: Mapping = {};
  for (const [field, aliases] of Object.entries(known)) {
    const chosen = explicit[field] ?? aliases.map((a) => byNormal.get(normal(a))).find(Boolean);
    if (chosen && headers.includes(chosen)) mapping[field] = chosen;
  }
  return { mapping, missing: required.filter((f) => !mapping[f]) };
}
