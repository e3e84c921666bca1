import type { BlockAction, OverflowAction } from '@slack/bolt';
import type { SlackRoutes } from '../slack-routes.js';
import { z } from 'zod';
import { ANY } from '../../../domain/routing/routing-rule.js';
import { ACTIONS } from '../../ids.js';
import { ADMIN_KINDS, ADMIN_PERMISSIONS, adminModal } from '../blocks/admin-modals.js';
import { formChoices } from '../options/taxonomy-options.js';
import { refusedBeforeForm } from '../refuse-early.js';
import type { LocaleOf, SlackDeps } from '../slack-deps.js';
import { tellUser } from '../views/view-reply.js';
import { openModal } from '../slack-views.js';

/** The menu option's value: which form, for which case (anything else is not our card's). */
const ChoiceSchema = z
  .string()
  .max(100)
  .transform((value) => value.split(':'))
  .pipe(z.tuple([z.enum(ADMIN_KINDS), z.string().regex(/^[0-9a-f]{24}$/)]));

/**
 * The card's "Amministra" menu: a person without the role is told privately what they need and
 * no form opens; otherwise the chosen form opens filled with what the case has now.
 */
export function registerCaseAdmin(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.action<BlockAction<OverflowAction>>(
    ACTIONS.administer,
    async ({ ack, body, action, client }) => {
      await ack();
      const { t, locale } = await localeOf(body.user.id);
      const channel = body.channel?.id;
      const choice = ChoiceSchema.safeParse(action.selected_option?.value ?? '');
      const complaint = choice.success ? await deps.complaints.get(choice.data[1]) : undefined;
      if (!choice.success || !complaint)
        return tellUser(client, body.user.id, channel, t('error.COMPLAINT.NOT_FOUND'));
      const [kind] = choice.data;
      const at = { userId: body.user.id, channel };
      if (await refusedBeforeForm(deps, client, at, ADMIN_PERMISSIONS[kind], t)) return;
      const departments =
        kind === 'reroute' ? knownDepartments(await deps.services.routing.rules()) : [];
      const choices = kind === 'reroute' ? await formChoices(deps, locale) : undefined;
      const view = adminModal(kind, complaint, t, departments, choices);
      await openModal(client, body.trigger_id, view);
    },
  );
}

/** The departments the routing rules name (not '*'), once each, in order. */
const knownDepartments = (rules: { department: string }[]) =>
  [...new Set(rules.map((r) => r.department).filter((d) => d !== ANY))].sort();
