import type { CatalogueText } from '../../domain/shared/notification.js';
import { isMessageKey, type Locale, type Translate } from '../../i18n/translate.js';
import { formatAmount } from './format.js';

/**
 * Why an approval is asked, in the reader's language: a company rule's reason from the
 * catalogue (its numbers are amounts in euro), else the text someone wrote. Not escaped.
 */
export function approvalReason(
  reason: string,
  say: CatalogueText | undefined,
  t: Translate,
  locale: Locale,
): string {
  if (!say || !isMessageKey(say.key)) return reason;
  const params = Object.fromEntries(
    Object.entries(say.params).map(([name, value]) => [
      name,
      typeof value === 'number' ? formatAmount(value, locale) : value,
    ]),
  );
  return t(say.key, params);
}
