import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { TaxonomyChoices } from '../../domain/taxonomy/taxonomy.js';
import { pickLocale } from '../../i18n/translate.js';
import { needsRole } from '../shared/needs-role.js';
import { commandWords, taxonomyAnswer } from '../shared/taxonomy-command.js';
import { teamsTranslator, teamsUser } from './teams-app.js';
import type { TeamsDeps } from './teams-deps.js';

/**
 * `taxonomy` lists departments, categories and problem codes; `taxonomy add|edit|retire|approve
 * …` changes them — Slack's use cases and words, for DCOM, managers and admins.
 */
export function registerTeamsTaxonomy(app: Application<TurnState>, deps: TeamsDeps) {
  app.message(/^\s*taxonomy(\s|$)/i, async (context) => {
    const t = teamsTranslator(context, deps);
    const me = teamsUser(context);
    const refusal = await needsRole(deps.roles, me, 'taxonomy.manage', t, (u) => u.name ?? u.id);
    if (refusal) return void (await context.sendActivity(refusal));
    const words = commandWords(context.activity.text ?? '').slice(1);
    const answer = await taxonomyAnswer(deps.taxonomy, me, words, t, {
      typed: (text) => text,
      usage: 'taxonomy.teams.usage',
    });
    // Teams joins single line breaks; a blank line keeps one entry per line.
    await context.sendActivity(answer.replaceAll('\n', '\n\n'));
  });
}

/** The taxonomy a complaint card offers, labelled in the language of the one who opens it. */
export const teamsFormChoices = async (
  context: TurnContext,
  deps: TeamsDeps,
): Promise<TaxonomyChoices> => ({
  entries: await deps.services.taxonomy.entries(),
  language: pickLocale(context.activity.locale, deps.defaultLocale),
});
