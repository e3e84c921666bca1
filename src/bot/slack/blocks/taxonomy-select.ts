import {
  NOT_SURE_DEPARTMENT,
  labelOf,
  offered,
  type TaxonomyChoices,
  type TaxonomyEntry,
  type TaxonomyKind,
} from '../../../domain/taxonomy/taxonomy.js';
import type { Translate } from '../../../i18n/translate.js';
import { OPTIONS } from '../../ids.js';
import { plainText, type Block } from './block-kit.js';

export { NO_CHOICES, type TaxonomyChoices } from '../../../domain/taxonomy/taxonomy.js';

/**
 * A static_select takes at most 100 options (docs.slack.dev/reference/block-kit/block-elements/
 * select-menu-element, "options … Maximum number of options is 100"); a longer list is an
 * external_select whose options the bot serves as the user types (block_suggestion).
 */
export const STATIC_MAX = 100;

type Option = { text: { type: 'plain_text'; text: string }; value: string };

/** An entry as an option: problem codes are known by their code, the rest by their label. */
export const entryOption = (entry: TaxonomyEntry, language: string): Option => {
  const label = labelOf(entry, language);
  const text =
    entry.kind === 'problemCode' && label !== entry.code ? `${entry.code} · ${label}` : label;
  return { text: plainText(text, 75), value: entry.code };
};

/** The first options of a kind's field on the complaint form: "not sure" for a department. */
export const leadingOptions = (kind: TaxonomyKind, t: Translate): Option[] =>
  kind === 'department'
    ? [{ text: plainText(t('complaint.field.department.not_sure')), value: NOT_SURE_DEPARTMENT }]
    : [];

/**
 * The input block of a department, category or problem code: `fallback` (free text) while the
 * taxonomy lists nothing of its kind, else a select of its active entries after `leading`.
 */
export function taxonomyInput(
  kind: TaxonomyKind,
  label: string,
  t: Translate,
  choices: TaxonomyChoices,
  fallback: Block,
  opts: { leading?: Option[]; initial?: Option } = {},
): Block {
  const entries = offered(choices.entries, kind);
  if (!entries.length) return fallback;
  const options = [
    ...(opts.leading ?? []),
    ...entries.map((e) => entryOption(e, choices.language)),
  ];
  const initial = opts.initial && options.find((o) => o.value === opts.initial?.value);
  const element =
    options.length <= STATIC_MAX
      ? {
          type: 'static_select' as const,
          action_id: 'value',
          placeholder: plainText(t('complaint.field.choose')),
          options,
          ...(initial ? { initial_option: initial } : {}),
        }
      : {
          type: 'external_select' as const,
          action_id: OPTIONS.taxonomy,
          min_query_length: 0,
          placeholder: plainText(t('complaint.field.search')),
          ...(opts.initial ? { initial_option: opts.initial } : {}),
        };
  return { type: 'input', block_id: kind, label: plainText(label), element };
}
