import type { Client } from '../../../domain/client/client.js';
import type { MessageKey, Translate } from '../../../i18n/translate.js';
import { mention } from '../../shared/format.js';
import { clip, escapeText } from '../blocks/block-kit.js';

type Shown = Record<string, string>;

/** The fields a person edits in the client form, as they read them. */
function shown(client: Client, t: Translate): Shown {
  const c = client.classification as { kind: string; industry?: string; location?: string };
  return {
    'client.field.code': escapeText(client.code),
    'client.field.name': escapeText(clip(client.name, 80)),
    'client.field.kind': t(`client.kind.${c.kind}` as MessageKey),
    'client.field.industry': escapeText(c.industry ?? '—'),
    'client.field.location': escapeText(c.location ?? '—'),
    'client.field.owner': client.owner ? mention(client.owner.id) : '—',
    'client.field.cadence': String(client.careCadenceDays),
    'client.field.loyal': client.loyal ? '✓' : '—',
  };
}

/** "Name: Rossi → Rossi Meccanica", one entry per field the edit changes. */
export function clientChanges(before: Client, after: Client, t: Translate): string[] {
  const was = shown(before, t);
  const now = shown(after, t);
  return Object.keys(now)
    .filter((field) => was[field] !== now[field])
    .map((field) => `${t(field as MessageKey)}: ${was[field]} → ${now[field]}`);
}

/** "Client ROSSI updated — Name: Rossi → Rossi Meccanica": what the save did, field by field. */
export function clientSavedText(
  saved: { client: Client; created: boolean },
  before: Client | undefined,
  t: Translate,
): string {
  const action = t(saved.created ? 'client.created' : 'client.updated');
  const headline = t('client.saved', { code: escapeText(saved.client.code), action });
  if (saved.created || !before) return headline;
  const changes = clientChanges(before, saved.client, t);
  return changes.length
    ? `${headline} ${t('client.changes', { changes: changes.join('; ') })}`
    : `${headline} ${t('client.unchanged')}`;
}
