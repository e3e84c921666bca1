import { hash } from 'node:crypto';
import {
  ContactChannelSchema,
  NewComplaintSchema,
  OriginSchema,
  PrioritySchema,
  type ComplaintStatus,
  type NewComplaint,
} from '../domain/complaint/complaint.js';
import { IMPORTER } from '../domain/shared/chat-user.js';
import { parseSpreadsheetDate, type DateOrder } from '../domain/registers/spreadsheet-dates.js';
import {
  parseSpreadsheetNumber,
  shownValue,
  unguarded,
} from '../domain/registers/spreadsheet-values.js';
import { statusOf } from '../domain/registers/status-values.js';
import { historyOf } from './complaint-history.js';
import type { CsvRow } from './read-csv.js';
import { PHASES, type Mapping } from './mapping.js';

/** Who registered an imported case: the import itself. */
export { IMPORTER };

export type ImportedCase = Omit<NewComplaint, 'clientId'>;
export interface Candidate {
  line: number;
  /** The source register's id of the row, when it has one. */
  reference?: string;
  /** The row's content that does not change over a case's life: found again without an id. */
  hash: string;
  clientCode: string;
  clientName?: string;
  /** The bot's own number, in an export: kept when the run allows it. */
  number?: string;
  numberSeq?: number;
  /** The reference of the case this one repeats, when the register says so. */
  repeatOfReference?: string;
  data: ImportedCase;
}

export interface RowRules {
  timeZone: string;
  dateOrders: Record<string, DateOrder>;
  statusValues: Record<string, ComplaintStatus>;
}

/** Built once: zod builds a derived schema anew on every call. */
const ImportedCaseSchema = NewComplaintSchema.omit({ clientId: true });

/**
 * The value when it is one of the enum's, else undefined. A set, not safeParse: most registers
 * leave origin and channel empty, and each failing parse builds a ZodError, per row.
 */
const oneOf = <T extends string>(values: readonly T[]) => {
  const known = new Set<string>(values);
  return (text: string): T | undefined => (known.has(text) ? (text as T) : undefined);
};
const priorityOf = oneOf(PrioritySchema.options);
const originOf = oneOf(OriginSchema.options);
const channelOf = oneOf(ContactChannelSchema.options);

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

/** One register row as a case, or why it cannot be one (quoting the value, cut short). */
export function toCandidate(row: CsvRow, m: Mapping, rules: RowRules): Candidate | string {
  const get = (field: string) => (m[field] ? unguarded(row.cells[m[field]!] ?? '') : '');
  const date = (field: string) => {
    const text = get(field);
    if (!text) return undefined;
    const order = rules.dateOrders[field] ?? 'day-first';
    return (
      parseSpreadsheetDate(text, rules.timeZone, order) ??
      `${field}: ${shownValue(text)} is not a date (${order})`
    );
  };
  const receivedAt = date('receivedAt') ?? 'receivedAt: missing';
  if (typeof receivedAt === 'string') return receivedAt;
  const phases: Partial<Record<ComplaintStatus, Date>> = { new: receivedAt };
  for (const [field, phase] of [
    ['firstResponseAt', 'acknowledged'],
    ['closedAt', 'closed'],
    ...PHASES.map((p) => [`at:${p}`, p]),
  ] as [string, ComplaintStatus][]) {
    const at = date(field);
    if (typeof at === 'string') return at;
    if (!at) continue;
    if (at < receivedAt) return `${field}: before receivedAt`;
    phases[phase] = at;
  }
  const statusText = get('status');
  const status = statusText
    ? statusOf(statusText, rules.statusValues)
    : phases.closed
      ? 'closed'
      : 'new';
  if (!status)
    return `status: ${shownValue(statusText)} is not a known status (map it: --status "${statusText.slice(0, 40)}=closed")`;
  if (status === 'withdrawn' && !phases.withdrawn) phases.withdrawn = phases.closed ?? receivedAt;
  if (status === 'withdrawn') delete phases.closed;
  const cost = get('costEur') ? parseSpreadsheetNumber(get('costEur')) : undefined;
  if (get('costEur') && cost === undefined)
    return `costEur: ${shownValue(get('costEur'))} is not a number`;
  const clientCode = get('clientCode');
  if (!clientCode) return 'clientCode: missing';
  const priority = priorityOf(
    get('priority')
      .toUpperCase()
      .replace(/^(\d)$/, 'P$1'),
  );
  const origin = originOf(get('origin'));
  const channel = channelOf(get('channel'));
  const reference = get('reference') || get('number') || undefined;
  const data = {
    product: get('product'),
    description: get('description'),
    problemCode: get('problemCode').toUpperCase(),
    category: get('category') || 'imported',
    department: get('department') || 'imported',
    priority: priority ?? ('P3' as const),
    status,
    channel: channel ?? ('other' as const),
    ...(cost !== undefined ? { costEur: cost } : {}),
    ...(origin ? { origin } : {}),
    ...(get('solution') ? { solution: get('solution') } : {}),
    ...(get('rootCause') ? { rootCause: get('rootCause') } : {}),
    ...(get('goodwillCause') ? { goodwill: { cause: get('goodwillCause') } } : {}),
    ...(reference ? { sourceReference: reference } : {}),
    changesProductFunctionality: false,
    outsidePolicy: false,
    warranty: 'unknown' as const,
    registeredBy: IMPORTER,
    approvals: [],
    ...historyOf(get, date),
    phaseTimes: phases,
    receivedAt,
  };
  const checked = ImportedCaseSchema.safeParse(data);
  if (!checked.success) return issues(checked.error);
  const seq = /^R-\d{4}-(\d{4,})$/.exec(get('number'))?.[1];
  return {
    line: row.line,
    ...(reference ? { reference } : {}),
    hash: contentHash(clientCode, checked.data),
    clientCode,
    ...(get('clientName') ? { clientName: get('clientName') } : {}),
    ...(seq ? { number: get('number'), numberSeq: Number(seq) } : {}),
    ...(get('repeatOf') ? { repeatOfReference: get('repeatOf') } : {}),
    data: checked.data,
  };
}

/** What identifies a case without an id: who, when, what; never what changes as it is handled. */
function contentHash(clientCode: string, c: ImportedCase): string {
  const identity = [
    clientCode,
    c.receivedAt.toISOString(),
    c.product,
    c.problemCode,
    c.description,
  ];
  // One-shot hash(): a Hash object per row costs more than the digest (same hex as createHash).
  return hash('sha1', JSON.stringify(identity.map((v) => v.replace(/\s+/g, ' ').toLowerCase())));
}
