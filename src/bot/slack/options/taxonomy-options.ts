import type { SlackRoutes } from '../slack-routes.js';
import { may } from '../../../domain/roles/permissions.js';
import { ANY, routingKey } from '../../../domain/routing/routing-rule.js';
import {
  offered,
  TaxonomyKindSchema,
  type TaxonomyEntry,
} from '../../../domain/taxonomy/taxonomy.js';
import type { Locale } from '../../../i18n/translate.js';
import { OPTIONS, VIEWS } from '../../ids.js';
import { plainText } from '../blocks/block-kit.js';
import {
  entryOption,
  leadingOptions,
  STATIC_MAX,
  type TaxonomyChoices,
} from '../blocks/taxonomy-select.js';
import type { LocaleOf, SlackDeps } from '../slack-deps.js';

/** The taxonomy a form about to open offers, labelled in its reader's language. */
export const formChoices = async (deps: SlackDeps, locale: Locale): Promise<TaxonomyChoices> => ({
  entries: await deps.services.taxonomy.entries(),
  language: locale,
});

/** Typed text found in an entry's code or labels, compared as routing compares values. */
const matches = (entry: TaxonomyEntry, typed: string) =>
  [entry.code, entry.label, entry.labelEn ?? ''].some((v) => routingKey(v).includes(typed));

/**
 * Options of a long taxonomy list (external_select; its block is the kind): the entries whose
 * code or label holds the typed text, after "not sure" on the complaint form or "any" on the
 * routing form. Nothing for someone with no role of the procedure.
 */
export function registerTaxonomyOptions(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.options(OPTIONS.taxonomy, async ({ ack, body }) => {
    const suggestion = body as {
      block_id?: string;
      value?: string;
      view?: { callback_id?: string };
    };
    const kind = TaxonomyKindSchema.safeParse(suggestion.block_id);
    const roles = await deps.roles.rolesOf({ platform: 'slack', id: body.user.id });
    if (!kind.success || !may(roles, 'complaints.read')) return ack({ options: [] });
    const { t, locale } = await localeOf(body.user.id);
    const typed = routingKey(String(suggestion.value ?? '').slice(0, 100));
    const leading =
      suggestion.view?.callback_id === VIEWS.routingRule
        ? [{ text: plainText(t('routing.any')), value: ANY }]
        : leadingOptions(kind.data, t);
    const found = offered(await deps.services.taxonomy.entries(), kind.data)
      .filter((e) => matches(e, typed))
      .map((e) => entryOption(e, locale));
    const first = leading.filter((o) => !typed || routingKey(o.text.text).includes(typed));
    await ack({ options: [...first, ...found].slice(0, STATIC_MAX) });
  });
}
