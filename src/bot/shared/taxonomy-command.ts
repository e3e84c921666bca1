import type { ChatUser } from '../../domain/shared/chat-user.js';
import type { FieldProblem } from '../../domain/shared/input.js';
import type { Refusal } from '../../domain/shared/result.js';
import {
  addTaxonomyEntry,
  approveTaxonomyEntry,
  editTaxonomyEntry,
  listTaxonomy,
  retireTaxonomyEntry,
} from '../../domain/taxonomy/manage-taxonomy.js';
import {
  TAXONOMY_KINDS,
  type TaxonomyEntry,
  type TaxonomyKind,
} from '../../domain/taxonomy/taxonomy.js';
import type { TaxonomyServices } from '../../domain/taxonomy/taxonomy.ports.js';
import type { Translate } from '../../i18n/translate.js';
import { describe, refusalText } from './refusal-text.js';

/** The words people may use for a kind, in either language. */
const KIND_WORDS: Record<string, TaxonomyKind> = {
  department: 'department',
  reparto: 'department',
  category: 'category',
  categoria: 'category',
  problemcode: 'problemCode',
  code: 'problemCode',
  codice: 'problemCode',
};
const kindOf = (word: string | undefined) => KIND_WORDS[(word ?? '').toLowerCase()];

/** Lines listed per kind; the rest are counted (a chat message stays readable). */
const PER_KIND = 40;

/** How a platform writes the answer: typed text made safe, and its own usage line. */
export interface TaxonomyWriting {
  typed(text: string): string;
  usage: 'taxonomy.usage' | 'taxonomy.teams.usage';
}

/** Command words; "a quoted label" (straight or curly quotes) is one word. */
export function commandWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|“([^”]*)”|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/**
 * `taxonomy [department|category|problemCode|imported]` lists; `add|edit <kind> <code> "<label>"
 * ["<English label>"]`, `retire|approve <kind> <code>` change it — the same on Slack and Teams.
 */
export async function taxonomyAnswer(
  services: TaxonomyServices,
  me: ChatUser,
  words: string[],
  t: Translate,
  writing: TaxonomyWriting,
): Promise<string> {
  const [verb = '', kindWord, code = '', label, labelEn, ...extra] = words;
  const kind = kindOf(kindWord);
  const usage = t(writing.usage);
  const lower = verb.toLowerCase();
  if (lower === '' || lower === 'imported' || kindOf(verb))
    return kindWord === undefined ? list(services, me, t, writing, lower) : usage;
  if (!kind || !code || extra.length) return usage;
  const ref = { kind, code };
  if ((lower === 'add' || lower === 'edit') && label) {
    const input = { ...ref, label, ...(labelEn ? { labelEn } : {}) };
    const done = await (lower === 'add' ? addTaxonomyEntry : editTaxonomyEntry)(
      services,
      me,
      input,
    );
    return done.ok
      ? changed(`taxonomy.${lower}ed` as const, done.value, t, writing)
      : refusal(done, t);
  }
  if ((lower === 'retire' || lower === 'approve') && label === undefined) {
    const done = await (lower === 'retire' ? retireTaxonomyEntry : approveTaxonomyEntry)(
      services,
      me,
      ref,
    );
    const key = lower === 'retire' ? 'taxonomy.retired' : 'taxonomy.approved';
    return done.ok ? changed(key, done.value, t, writing) : refusal(done, t);
  }
  return usage;
}

function changed(
  key: 'taxonomy.added' | 'taxonomy.edited' | 'taxonomy.retired' | 'taxonomy.approved',
  entry: TaxonomyEntry,
  t: Translate,
  writing: TaxonomyWriting,
) {
  return t(key, {
    kind: t(`taxonomy.kind.${entry.kind}`),
    code: writing.typed(entry.code),
    label: writing.typed(labels(entry)),
  });
}

const labels = (e: TaxonomyEntry) => (e.labelEn ? `${e.label} / ${e.labelEn}` : e.label);

/** A refusal; bad input names the word that is wrong (code, label) and what is wrong with it. */
function refusal(refused: Refusal, t: Translate): string {
  const problems = (refused.error.details?.problems as FieldProblem[] | undefined) ?? [];
  const fields = { code: 'taxonomy.field.code', label: 'taxonomy.field.label' } as const;
  if (!problems.length) return refusalText(refused, t);
  return problems
    .map((p) => {
      const field = p.field === 'code' ? 'code' : p.field.startsWith('label') ? 'label' : undefined;
      return `${field ? t(fields[field]) : p.field}: ${describe(p, t)}`;
    })
    .join('\n');
}

async function list(
  services: TaxonomyServices,
  me: ChatUser,
  t: Translate,
  writing: TaxonomyWriting,
  filter: string,
): Promise<string> {
  const result = await listTaxonomy(services, me);
  if (!result.ok) return refusalText(result, t);
  const only = kindOf(filter);
  const entries = result.value.filter(
    (e) => (!only || e.kind === only) && (filter !== 'imported' || e.status === 'imported'),
  );
  if (!entries.length) return [t('taxonomy.list.empty'), t(writing.usage)].join('\n');
  const lines = [t('taxonomy.list.header')];
  for (const kind of TAXONOMY_KINDS) {
    const mine = entries.filter((e) => e.kind === kind);
    if (!mine.length) continue;
    lines.push(t('taxonomy.list.kind', { kind: t(`taxonomy.kinds.${kind}`), count: mine.length }));
    for (const entry of mine.slice(0, PER_KIND)) lines.push(row(entry, t, writing));
    if (mine.length > PER_KIND)
      lines.push(t('taxonomy.list.more', { count: mine.length - PER_KIND }));
  }
  lines.push(t(writing.usage));
  return lines.join('\n');
}

const row = (entry: TaxonomyEntry, t: Translate, writing: TaxonomyWriting) =>
  t('taxonomy.list.row', {
    code: writing.typed(entry.code),
    label: writing.typed(labels(entry)),
    status: entry.status === 'active' ? '' : t(`taxonomy.list.${entry.status}`),
  });
