import type { SlackRoutes } from '../slack-routes.js';
import { z } from 'zod';
import type { Client } from '../../../domain/client/client.js';
import { previewClientEdit, saveClient } from '../../../domain/client/save-client.js';
import type { Translate } from '../../../i18n/translate.js';
import { VIEWS } from '../../ids.js';
import { refusalText } from '../../shared/refusal-text.js';
import { escapeText, md, plainText, type Modal } from '../blocks/block-kit.js';
import { clientChanges, clientSavedText } from '../commands/client-saved.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { metadataOf, tellUser } from './view-reply.js';

/** What the confirmation carries: the edited client, the form as submitted, its intake key. */
const ConfirmSchema = z.object({
  clientId: z.string().max(40),
  key: z.string().max(120),
  form: z.record(z.string(), z.unknown()),
});
export type ClientEdit = z.output<typeof ConfirmSchema>;

/**
 * Pushed over the client form on an edit: the changes the save would make, field by field.
 * Saving happens only from here; Back returns to the form as it was filled in.
 */
export function clientConfirmModal(
  edit: ClientEdit,
  change: { before: Client; after: Client },
  t: Translate,
): Modal {
  const lines = clientChanges(change.before, change.after, t).map((line) => `• ${line}`);
  return {
    type: 'modal',
    callback_id: VIEWS.clientConfirm,
    title: plainText(t('client.confirm.title')),
    submit: plainText(t('client.confirm.save')),
    close: plainText(t('client.confirm.back')),
    private_metadata: JSON.stringify(edit),
    blocks: [
      {
        type: 'section',
        text: md(t('client.confirm.intro', { code: escapeText(change.before.code) })),
      },
      { type: 'section', text: md(lines.join('\n')) },
    ],
  };
}

/** A confirmation that can no longer be saved: why, with Back to the form. */
const refusedModal = (text: string, t: Translate): Modal => ({
  type: 'modal',
  callback_id: VIEWS.clientConfirm,
  title: plainText(t('client.confirm.title')),
  close: plainText(t('client.confirm.back')),
  blocks: [{ type: 'section', text: md(text) }],
});

export function registerClientConfirm(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.view(VIEWS.clientConfirm, async ({ ack, body, view, client }) => {
    const { t } = await localeOf(body.user.id);
    const edit = metadataOf(ConfirmSchema, view.private_metadata);
    if (!edit.clientId || !edit.form || !edit.key)
      return void (await ack({
        response_action: 'update',
        view: refusedModal(t('client.confirm.stale'), t),
      }));
    const by = slackUser(body.user);
    const services = { clients: deps.clientRegistry, roles: deps.roles };
    const input = { ...edit.form, clientId: edit.clientId, intakeKey: edit.key };
    const before = await deps.clients.find(edit.clientId);
    const result = await saveClient(services, by, input);
    // Saved since this confirmation was shown: by its own first click (then nothing is left to
    // change, and that click tells the user), or by someone else (then it says so).
    if (!result.ok && result.error.code === 'CLIENT.CHANGED') {
      const now = await previewClientEdit(services, by, { ...input, seen: undefined });
      if (now.ok && !clientChanges(now.value.before, now.value.after, t).length)
        return void (await ack({ response_action: 'clear' }));
    }
    if (!result.ok)
      return void (await ack({
        response_action: 'update',
        view: refusedModal(refusalText(result, t), t),
      }));
    await ack({ response_action: 'clear' });
    await tellUser(client, body.user.id, undefined, clientSavedText(result.value, before, t));
  });
}
