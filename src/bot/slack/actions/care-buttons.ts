import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackRoutes } from '../slack-routes.js';
import { z } from 'zod';
import { ACTIONS } from '../../ids.js';
import { careCallModal, complaintModal, d2Modal } from '../blocks/modals.js';
import { formChoices } from '../options/taxonomy-options.js';
import { refusedBeforeForm } from '../refuse-early.js';
import type { LocaleOf, SlackDeps } from '../slack-deps.js';
import { openModal } from '../slack-views.js';

const FollowUpSchema = z.object({ c: z.string().max(40), n: z.string().max(1500).optional() });
const followUp = (value: string) => {
  try {
    return FollowUpSchema.parse(JSON.parse(value));
  } catch {
    return undefined;
  }
};

/** "Log care call" opens the register form; after a call, a need becomes a complaint or a D2. */
export function registerCareButtons(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.logCareCall,
    async ({ ack, body, action, client }) => {
      await ack();
      const { t } = await localeOf(body.user.id);
      const at = { userId: body.user.id, channel: body.channel?.id };
      if (await refusedBeforeForm(deps, client, at, 'care.log', t)) return;
      const found = await deps.clients.find(String(action.value ?? '').slice(0, 40));
      if (!found) return;
      const today = new Date(deps.services.clock.now()).toISOString().slice(0, 10);
      await openModal(client, body.trigger_id, careCallModal(t, found, today));
    },
  );
  for (const [actionId, toD2] of [
    [ACTIONS.careToComplaint, false],
    [ACTIONS.careToD2, true],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const { t, locale } = await localeOf(body.user.id);
      const at = { userId: body.user.id, channel: body.channel?.id };
      if (await refusedBeforeForm(deps, client, at, toD2 ? 'd2.raise' : 'complaint.file', t))
        return;
      const value = followUp(String(action.value ?? ''));
      const found = value && (await deps.clients.find(value.c));
      if (!found) return;
      const prefill = {
        client: { id: found.id, label: `${found.name} (${found.code})` },
        ...(value.n ? { description: value.n } : {}),
      };
      const metadata = body.channel ? { channel: body.channel.id } : {};
      const view = toD2
        ? d2Modal(t, metadata, prefill)
        : complaintModal(t, metadata, prefill, await formChoices(deps, locale));
      await openModal(client, body.trigger_id, view);
    });
  }
}
