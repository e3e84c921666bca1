import type { ClientQueries } from '../../../domain/shared/queries.ports.js';
import type { Translate } from '../../../i18n/translate.js';
import { mention } from '../../shared/format.js';
import { clip, escapeText } from '../blocks/block-kit.js';

const LIST_LIMIT = 25;

/** `/client list` (the first clients alphabetically) and `/client search <text>` (name or code). */
export async function clientList(clients: ClientQueries, text: string, t: Translate) {
  const found = await clients.search(text.slice(0, 100), LIST_LIMIT);
  if (!found.length) return t('client.list.empty');
  const lines = found.map((c) =>
    t('client.list.row', {
      name: escapeText(clip(c.name, 80)),
      code: escapeText(c.code),
      owner: c.owner?.platform === 'slack' ? mention(c.owner.id) : (c.owner?.name ?? '—'),
      loyal: c.loyal ? t('client.list.loyal') : '',
    }),
  );
  return [t('client.list.header', { count: found.length }), ...lines].join('\n');
}
