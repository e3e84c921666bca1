import { z } from 'zod';
import type { FieldProblem } from '../../../domain/shared/input.js';
import type { Translate } from '../../../i18n/translate.js';
import { describe } from '../../shared/refusal-text.js';

/** What Slack's user picker sends: a user id, never anything a forged request makes up. */
const SlackUserIdSchema = z.string().regex(/^[UW][A-Z0-9]{2,20}$/);

const StateValueSchema = z.looseObject({
  value: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
  selected_date: z.string().nullish(),
  selected_user: SlackUserIdSchema.nullish(),
  selected_users: z.array(SlackUserIdSchema).nullish(),
  selected_conversation: z.string().max(30).nullish(),
});
const StateSchema = z.record(z.string(), z.record(z.string(), StateValueSchema));
export type ViewValues = Record<string, string | string[] | undefined>;

/** A submitted view's state, one value per block (whatever its element), shape-checked. */
export function readViewState(state: unknown): ViewValues {
  const values = StateSchema.safeParse((state as { values?: unknown } | undefined)?.values);
  if (!values.success) return {};
  const out: ViewValues = {};
  for (const [block, actions] of Object.entries(values.data)) {
    const inner = Object.values(actions)[0];
    if (!inner) continue;
    out[block] =
      inner.selected_options?.map((o) => o.value) ??
      inner.selected_users ??
      inner.selected_conversation ??
      inner.selected_option?.value ??
      inner.selected_date ??
      inner.selected_user ??
      inner.value ??
      undefined;
  }
  return out;
}

/**
 * Blocks whose element does not have the shape Slack sends (an object where a string belongs, a
 * user that is not a Slack user id):
 * readViewState refuses the whole state for them, this names them so the form can say where
 * (slack-app.ts answers every form this way before its own handler runs).
 */
export function malformedBlocks(state: unknown): string[] {
  const values = (state as { values?: unknown } | undefined)?.values;
  if (!values || typeof values !== 'object') return [];
  return Object.entries(values as Record<string, unknown>)
    .filter(([, actions]) => !StateSchema.safeParse({ block: actions }).success)
    .map(([block]) => block);
}

export const text = (values: ViewValues, block: string): string | undefined => {
  const value = values[block];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** A number field: a real number, or the raw text so that validation reports it. */
export const amount = (values: ViewValues, block: string): number | string | undefined => {
  const raw = text(values, block);
  if (raw === undefined) return undefined;
  const parsed = Number(raw.replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : raw;
};

export const chosen = (values: ViewValues, block: string): string[] => {
  const value = values[block];
  return Array.isArray(value) ? value : [];
};

/** Domain field problems → Slack's `response_action: errors`, localised, on the right blocks. */
export function fieldErrors(
  problems: FieldProblem[],
  t: Translate,
  blockOf: (field: string) => string | undefined = (field) => field,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const block = blockOf(problem.field.split('.')[0] ?? problem.field);
    if (block && !errors[block]) errors[block] = describe(problem, t);
  }
  return errors;
}
