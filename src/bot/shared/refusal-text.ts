import type { ChatUser } from '../../domain/shared/chat-user.js';
import type { FieldProblem } from '../../domain/shared/input.js';
import type { Refusal } from '../../domain/shared/result.js';
import { NOT_LISTED } from '../../domain/taxonomy/check-choices.js';
import { isMessageKey, type Translate } from '../../i18n/translate.js';
import { fieldName } from './field-names.js';

/** How a platform shows a person and an instant to its reader. */
export interface Shown {
  user: (user: ChatUser) => string;
  instant: (at: Date) => string;
}

/**
 * A refusal from a use case, in the reader's language. With `shown`, a refusal that found the work
 * already done (its details name the status and when, maybe who) says what happened.
 */
export function refusalText(refusal: Refusal, t: Translate, shown?: Shown): string {
  const key = `error.${refusal.error.code}`;
  if (!isMessageKey(key)) return t('error.unknown');
  const details = refusal.error.details ?? {};
  const done = shown ? alreadyDone(key, details, t, shown) : undefined;
  if (done) return done;
  const problems = (details.problems as FieldProblem[] | undefined) ?? [];
  // Plain values the message may name (the code of the client that has it, its name…).
  const named = Object.fromEntries(
    Object.entries(details).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
  ) as Record<string, string | number>;
  return t(key, {
    ...named,
    missing: ((details.missing as string[] | undefined) ?? []).join(', '),
    fields: [...new Set(problems.map((p) => fieldName(p.field, t)))].join(', '),
  });
}

function alreadyDone(
  key: string,
  details: Record<string, unknown>,
  t: Translate,
  shown: Shown,
): string | undefined {
  const status = details.status ?? details.to;
  if (!(details.at instanceof Date) || typeof status !== 'string') return undefined;
  const by = details.by as ChatUser | undefined;
  const specific = `${key}.${status}${by ? '.by' : ''}`;
  if (!isMessageKey(specific)) return undefined;
  return t(specific, {
    at: shown.instant(details.at),
    ...(by ? { by: shown.user(by) } : {}),
    ...(typeof details.number === 'string' ? { number: details.number } : {}),
  });
}

/** One field problem in the reader's language. */
export function describe(problem: FieldProblem, t: Translate): string {
  if (problem.missing) return t('field.required');
  if (problem.message === NOT_LISTED) return t('field.not_listed');
  if (problem.code === 'too_big' && problem.maximum !== undefined)
    return t('field.too_long', { maximum: problem.maximum });
  if (problem.code === 'too_small' && problem.origin === 'number' && problem.minimum !== undefined)
    return t('field.at_least', { minimum: problem.minimum });
  if (problem.code === 'too_small' && problem.minimum !== undefined)
    return problem.minimum <= 1
      ? t('field.required')
      : t('field.too_small', { minimum: problem.minimum });
  if (problem.message.includes('control characters')) return t('field.control');
  if (problem.code === 'invalid_type' && problem.message.includes('number'))
    return t('field.number');
  if (problem.code === 'invalid_type' && problem.message.includes('undefined'))
    return t('field.required');
  return t('field.invalid');
}
