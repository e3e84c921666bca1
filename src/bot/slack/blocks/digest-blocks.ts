import type { Indicators } from '../../../domain/kpi/kpi.js';
import type { Locale, Translate } from '../../../i18n/translate.js';
import { digestLines, digestTitle } from '../../shared/digest-text.js';
import { md, plainText, type Block } from './block-kit.js';

export { periodLabel } from '../../shared/digest-text.js';

/** The weekly (or on-demand) digest as Block Kit: one line per indicator of DOMAIN.md. */
export function digestBlocks(
  current: Indicators,
  previous: Indicators,
  t: Translate,
  locale: Locale,
  timeZone: string,
) {
  const title = digestTitle(current, t, timeZone);
  const blocks: Block[] = [
    { type: 'header', text: plainText(title) },
    { type: 'section', text: md(digestLines(current, previous, t, locale).join('\n')) },
  ];
  return { text: title, blocks };
}
