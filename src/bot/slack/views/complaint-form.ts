import { z } from 'zod';
import { FileComplaintInputSchema } from '../../../domain/complaint/file-complaint.js';
import { parseInput, type FieldProblem } from '../../../domain/shared/input.js';
import { checkChoices } from '../../../domain/taxonomy/check-choices.js';
import type { TaxonomyEntry } from '../../../domain/taxonomy/taxonomy.js';
import type { Refusal } from '../../../domain/shared/result.js';
import type { Translate } from '../../../i18n/translate.js';
import { escapeText } from '../blocks/block-kit.js';
import { NEW_CLIENT_PREFIX } from '../options/client-options.js';
import { refusalText } from '../../shared/refusal-text.js';
import { metadataOf, viewIntakeKey } from './view-reply.js';
import { amount, chosen, fieldErrors, readViewState, text } from './view-state.js';

const ComplaintMetadataSchema = z.object({
  channel: z.string().max(30).optional(),
  sourceMessageUrl: z.string().url().max(1000).optional(),
});

/** Domain field → the block that shows its error. */
const FORM_BLOCKS = [
  'product',
  'description',
  'problemCode',
  'category',
  'department',
  'priority',
  'estimatedCostEur',
  'warranty',
  'channel',
  'remedyRequested',
  'reportedBy',
];
const BLOCK_OF: Record<string, string> = {
  ...Object.fromEntries(FORM_BLOCKS.map((block) => [block, block])),
  clientId: 'client',
  changesProductFunctionality: 'flags',
  outsidePolicy: 'flags',
};

/** A complaint form as submitted: the fields for the use case and where to answer. */
export interface SubmittedComplaint {
  form: Record<string, unknown> & { intakeKey: string };
  /** The client picked, or `new:<name>` for one to register. */
  client: string | undefined;
  /** Where the user opened the form (the answer goes there, else to a DM). */
  channel: string | undefined;
}

export function readComplaintView(view: {
  id: string;
  state: unknown;
  private_metadata?: string;
}): SubmittedComplaint {
  const metadata = metadataOf(ComplaintMetadataSchema, view.private_metadata);
  const values = readViewState(view.state);
  const flags = chosen(values, 'flags');
  return {
    form: {
      product: text(values, 'product') ?? '',
      description: text(values, 'description') ?? '',
      problemCode: text(values, 'problemCode') ?? '',
      category: text(values, 'category') ?? '',
      department: text(values, 'department') ?? '',
      priority: text(values, 'priority'),
      channel: text(values, 'channel'),
      warranty: text(values, 'warranty'),
      estimatedCostEur: amount(values, 'estimatedCostEur'),
      changesProductFunctionality: flags.includes('changesProductFunctionality'),
      outsidePolicy: flags.includes('outsidePolicy'),
      remedyRequested: text(values, 'remedyRequested'),
      reportedBy: text(values, 'reportedBy'),
      sourceMessageUrl: metadata.sourceMessageUrl,
      intakeKey: viewIntakeKey(view),
    },
    client: text(values, 'client'),
    channel: metadata.channel,
  };
}

export const newClientName = (client: string | undefined) =>
  client?.startsWith(NEW_CLIENT_PREFIX) ? client.slice(NEW_CLIENT_PREFIX.length) : undefined;

const PLACEHOLDER_ID = '0'.repeat(24);

/**
 * What the form itself gets wrong, checked with the use case's own schema and the taxonomy as
 * last read (no database wait, so it is known within Slack's 3 s); undefined when well filled.
 */
export function checkForm(
  submitted: SubmittedComplaint,
  taxonomy: readonly TaxonomyEntry[] = [],
): Refusal | undefined {
  const clientId = newClientName(submitted.client) ? PLACEHOLDER_ID : (submitted.client ?? '');
  const parsed = parseInput(FileComplaintInputSchema, { ...submitted.form, clientId });
  if (!parsed.ok) return parsed;
  const listed = checkChoices(taxonomy, parsed.value);
  return listed.ok ? undefined : listed;
}

/** A refused form → Slack's `response_action: errors`, each on its block, localised. */
export function formErrors(refused: Refusal, t: Translate): Record<string, string> {
  const problems = (refused.error.details?.problems as FieldProblem[] | undefined) ?? [];
  const errors = fieldErrors(problems, t, (field) => BLOCK_OF[field]);
  return Object.keys(errors).length ? errors : { description: refusalText(refused, t) };
}

const ECHOED: [field: string, label: Parameters<Translate>[0]][] = [
  ['product', 'complaint.field.product'],
  ['description', 'complaint.field.description'],
  ['problemCode', 'complaint.field.problemCode'],
  ['category', 'complaint.field.category'],
  ['department', 'complaint.field.department'],
  ['priority', 'complaint.field.priority'],
  ['estimatedCostEur', 'complaint.field.estimatedCost'],
  ['remedyRequested', 'complaint.field.remedy'],
  ['reportedBy', 'complaint.field.reportedBy'],
];

/** The text the user typed, as plain inert lines, so a complaint not saved is not lost. */
export function typedText(submitted: SubmittedComplaint, t: Translate): string {
  const name = newClientName(submitted.client);
  const lines = name ? [`*${t('complaint.field.client')}*: ${escapeText(name)}`] : [];
  for (const [field, label] of ECHOED) {
    const value = submitted.form[field];
    if (value === undefined || value === '') continue;
    lines.push(`*${t(label)}*: ${escapeText(String(value))}`);
  }
  return lines.join('\n');
}
