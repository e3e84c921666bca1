import { COMPLAINT_STATUSES, type ComplaintStatus } from '../complaint/complaint.js';

/**
 * How registers usually write a case's state, in Italian and English. Cancelled and deleted
 * reports are `withdrawn`: terminal, and counted apart from complaints by the indicators.
 */
const USUAL: Record<string, ComplaintStatus> = {
  aperta: 'new',
  aperto: 'new',
  nuova: 'new',
  nuovo: 'new',
  open: 'new',
  'presa in carico': 'acknowledged',
  'in carico': 'acknowledged',
  'in lavorazione': 'in_progress',
  'in corso': 'in_progress',
  'in progress': 'in_progress',
  sospesa: 'waiting_customer',
  risolta: 'resolved',
  risolto: 'resolved',
  chiusa: 'closed',
  chiuso: 'closed',
  evasa: 'closed',
  completata: 'closed',
  done: 'closed',
  respinta: 'rejected',
  rifiutata: 'rejected',
  annullata: 'withdrawn',
  annullato: 'withdrawn',
  cancellata: 'withdrawn',
  eliminata: 'withdrawn',
  ritirata: 'withdrawn',
  cancelled: 'withdrawn',
  canceled: 'withdrawn',
  deleted: 'withdrawn',
};

const normal = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/** "annullata=withdrawn": one entry of `--status`; a refusal text when it is not one. */
export function parseStatusValue(pair: string): [string, ComplaintStatus] | string {
  const [value, status] = pair.split('=').map((p) => p.trim());
  const known = COMPLAINT_STATUSES.find((s) => s === status);
  if (!value || !known)
    return `"${pair}" is not VALUE=STATUS with STATUS one of ${COMPLAINT_STATUSES.join(', ')}`;
  return [normal(value), known];
}

/**
 * The status a register's value stands for: the company's own mapping first, then the bot's own
 * names (an export), then the usual words; undefined when none knows it.
 */
export function statusOf(
  value: string,
  own: Record<string, ComplaintStatus> = {},
): ComplaintStatus | undefined {
  const key = normal(value);
  const ownKey = Object.keys(own).find((k) => normal(k) === key);
  return (
    (ownKey ? own[ownKey] : undefined) ??
    COMPLAINT_STATUSES.find((s) => normal(s) === key) ??
    USUAL[key]
  );
}
