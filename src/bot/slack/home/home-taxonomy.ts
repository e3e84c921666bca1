import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackRoutes } from '../slack-routes.js';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { listTaxonomy } from '../../../domain/taxonomy/manage-taxonomy.js';
import { TaxonomyCodeSchema, TaxonomyKindSchema } from '../../../domain/taxonomy/taxonomy.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import type { Translate } from '../../../i18n/translate.js';
import { ACTIONS } from '../../ids.js';
import { taxonomyAnswer } from '../../shared/taxonomy-command.js';
import { clip, escapeText, md, plainText, type Block } from '../blocks/block-kit.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { metadataOf } from '../views/view-reply.js';

/** Imported codes shown with their buttons; the rest are one command away. */
const IMPORTED_SHOWN = 5;

const EntryRef = z.strictObject({ kind: TaxonomyKindSchema, code: TaxonomyCodeSchema });

/**
 * The taxonomy in App Home for DCOM, managers and admins: how many departments, categories and
 * problem codes the complaint form offers, and the codes met in imported history waiting for
 * review, each with Approve / Retire. Adding and relabelling stay with `/sportello taxonomy`.
 */
export async function taxonomyBlocks(deps: SlackDeps, me: ChatUser, t: Translate) {
  const listed = await listTaxonomy(deps.taxonomy, me);
  if (!listed.ok) return [];
  const active = (kind: string) =>
    listed.value.filter((e) => e.kind === kind && e.status === 'active').length;
  const imported = listed.value.filter((e) => e.status === 'imported');
  const blocks: Block[] = [
    {
      type: 'section',
      text: md(
        t('home.settings.taxonomy', {
          departments: active('department'),
          categories: active('category'),
          codes: active('problemCode'),
        }),
      ),
    },
  ];
  if (imported.length)
    blocks.push({
      type: 'section',
      text: md(t('home.settings.taxonomy_imported', { count: imported.length })),
    });
  imported.slice(0, IMPORTED_SHOWN).forEach((entry, i) => {
    const value = JSON.stringify({ kind: entry.kind, code: entry.code });
    blocks.push(
      {
        type: 'section',
        text: md(`\`${escapeText(entry.code)}\` — ${escapeText(clip(entry.label, 200))}`),
      },
      {
        type: 'actions',
        block_id: `home_taxonomy_${i + 1}`,
        elements: [
          button(ACTIONS.homeTaxonomyApprove, t('action.approve'), value),
          { ...button(ACTIONS.homeTaxonomyRetire, t('action.retire'), value), style: 'danger' },
        ],
      },
    );
  });
  const more = imported.length - IMPORTED_SHOWN;
  const hint =
    more > 0 ? t('home.settings.taxonomy_more', { count: more }) : t('home.settings.taxonomy_hint');
  blocks.push({ type: 'context', elements: [md(hint)] });
  return blocks;
}

const button = (actionId: string, label: string, value: string) => ({
  type: 'button' as const,
  action_id: actionId,
  text: plainText(label),
  value,
});

/** Approve / Retire from App Home: the same use case and answer as the command, then Home again. */
export function registerHomeTaxonomy(
  app: SlackRoutes,
  deps: SlackDeps,
  localeOf: LocaleOf,
  republish: (userId: string, client: WebClient) => Promise<void>,
) {
  for (const [actionId, verb] of [
    [ACTIONS.homeTaxonomyApprove, 'approve'],
    [ACTIONS.homeTaxonomyRetire, 'retire'],
  ] as const)
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const { t } = await localeOf(body.user.id);
      const ref = metadataOf(EntryRef, action.value);
      const text =
        ref.kind && ref.code
          ? await taxonomyAnswer(
              deps.taxonomy,
              slackUser(body.user),
              [verb, ref.kind, ref.code],
              t,
              {
                typed: escapeText,
                usage: 'taxonomy.usage',
              },
            )
          : t('taxonomy.usage');
      await client.chat.postMessage({ channel: body.user.id, text });
      await republish(body.user.id, client);
    });
}
