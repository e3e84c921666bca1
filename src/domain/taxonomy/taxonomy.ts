import { z } from 'zod';
import { chatText } from '../shared/text.js';

/** What the taxonomy lists: the departments, categories and problem codes a case is filed under. */
export const TAXONOMY_KINDS = ['department', 'category', 'problemCode'] as const;
export const TaxonomyKindSchema = z.enum(TAXONOMY_KINDS);
export type TaxonomyKind = z.infer<typeof TaxonomyKindSchema>;

/**
 * `active`: offered on the complaint form; `imported`: met in imported history, waiting for a
 * process owner to approve or retire it; `retired`: kept for old cases, no longer offered.
 */
export const TAXONOMY_STATUSES = ['active', 'imported', 'retired'] as const;
export const TaxonomyStatusSchema = z.enum(TAXONOMY_STATUSES);
export type TaxonomyStatus = z.infer<typeof TaxonomyStatusSchema>;

/**
 * Slack shows at most 75 characters of an option's text (option object, `text`), so a label is no
 * longer: docs.slack.dev/reference/block-kit/composition-objects/option-object.
 */
export const LABEL_MAX = 75;
export const CODE_MAX = 40;

/**
 * A department chosen as "not sure": the case goes to triage, whatever rule names a department.
 * No taxonomy entry may have this code.
 */
export const NOT_SURE_DEPARTMENT = 'triage';

/**
 * How a code is kept: problem codes upper case (as the importer and the registers have them),
 * departments and categories lower case (as routing rules compare them).
 */
export const codeKey = (kind: TaxonomyKind, code: string) =>
  kind === 'problemCode' ? code.toUpperCase() : code.toLowerCase();

export const TaxonomyCodeSchema = chatText(CODE_MAX).regex(
  /^[\p{L}\p{N}._-]+$/u,
  'letters, digits, . _ - only',
);
export const TaxonomyLabelSchema = chatText(LABEL_MAX);

export const TaxonomyEntrySchema = z.object({
  kind: TaxonomyKindSchema,
  code: z.string().min(1).max(CODE_MAX),
  /** The label everyone reads; `labelEn` for English readers when it differs. */
  label: z.string().min(1).max(LABEL_MAX),
  labelEn: z.string().min(1).max(LABEL_MAX).optional(),
  status: TaxonomyStatusSchema,
});
export type TaxonomyEntry = z.infer<typeof TaxonomyEntrySchema>;

/** An entry's label in the reader's language ('it' | 'en'). */
export const labelOf = (entry: TaxonomyEntry, language: string) =>
  language === 'en' ? (entry.labelEn ?? entry.label) : entry.label;

/** The taxonomy a form offers, with its reader's language for the labels. */
export interface TaxonomyChoices {
  entries: readonly TaxonomyEntry[];
  language: string;
}
export const NO_CHOICES: TaxonomyChoices = { entries: [], language: 'it' };

/** What the complaint form offers for a kind: its active entries, problem codes by code, others by label. */
export const offered = (entries: readonly TaxonomyEntry[], kind: TaxonomyKind) =>
  entries
    .filter((e) => e.kind === kind && e.status === 'active')
    .sort((a, b) =>
      kind === 'problemCode' ? a.code.localeCompare(b.code) : a.label.localeCompare(b.label, 'it'),
    );

/** Entries in the order the list shows them: kind, then imported first (to review), then code. */
export const inListOrder = (entries: readonly TaxonomyEntry[]) => {
  const rank = { imported: 0, active: 1, retired: 2 } as const;
  return [...entries].sort(
    (a, b) =>
      TAXONOMY_KINDS.indexOf(a.kind) - TAXONOMY_KINDS.indexOf(b.kind) ||
      rank[a.status] - rank[b.status] ||
      a.code.localeCompare(b.code),
  );
};
