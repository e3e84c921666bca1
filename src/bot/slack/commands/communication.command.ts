import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackRoutes } from '../slack-routes.js';
import { z } from 'zod';
import type { Communication } from '../../../domain/communication/communication.js';
import {
  draftCommunication,
  markCommunicationSent,
  protocolCommunication,
} from '../../../domain/communication/communication-use-cases.js';
import { CONTACT_CHANNELS } from '../../../domain/complaint/complaint.js';
import type { FieldProblem } from '../../../domain/shared/input.js';
import type { Translate } from '../../../i18n/translate.js';
import { ACTIONS, COMMANDS, VIEWS } from '../../ids.js';
import { formatInstant } from '../../shared/format.js';
import { refusalText } from '../../shared/refusal-text.js';
import { plainText, type Modal } from '../blocks/block-kit.js';
import { refusedBeforeForm } from '../refuse-early.js';
import { clientSelect } from '../blocks/modals.js';
import { slackShown } from '../shown.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { metadataOf, tellUser, viewIntakeKey } from '../views/view-reply.js';
import { fieldErrors, readViewState, text } from '../views/view-state.js';
import { openModal } from '../slack-views.js';

const input = (block: string, label: string, multiline = false, max = 3000) => ({
  type: 'input' as const,
  block_id: block,
  label: plainText(label),
  element: { type: 'plain_text_input' as const, action_id: 'value', multiline, max_length: max },
});

function draftModal(t: Translate, channel: string): Modal {
  return {
    type: 'modal',
    callback_id: VIEWS.communication,
    title: plainText(t('communication.modal.title')),
    submit: plainText(t('modal.submit')),
    close: plainText(t('modal.cancel')),
    private_metadata: JSON.stringify({ channel }),
    blocks: [
      clientSelect(t),
      input('subject', t('communication.field.subject'), false, 300),
      input('body', t('communication.field.body'), true, 3000),
    ],
  };
}

function sentModal(t: Translate, communicationId: string): Modal {
  return {
    type: 'modal',
    callback_id: VIEWS.communicationSent,
    title: plainText(t('action.mark_sent')),
    submit: plainText(t('modal.submit')),
    private_metadata: JSON.stringify({ id: communicationId }),
    blocks: [
      {
        type: 'input',
        block_id: 'channel',
        label: plainText(t('complaint.field.channel')),
        element: {
          type: 'static_select',
          action_id: 'value',
          options: CONTACT_CHANNELS.map((c) => ({ text: plainText(t(`channel.${c}`)), value: c })),
        },
      },
    ],
  };
}

/** The letter as plain text, as it was protocolled: what goes in the company's file. */
export function communicationDocument(
  c: Communication,
  clientName: string,
  t: Translate,
  timeZone: string,
) {
  return t('communication.document', {
    number: c.protocol?.number ?? '—',
    date: c.protocol ? formatInstant(c.protocol.at, 'it', timeZone).slice(0, 10) : '—',
    client: clientName,
    subject: c.subject,
    body: c.body,
  });
}

/** `/communication` (DCOM drafts), Protocol (SCOM, with the .txt attached) and Mark as sent. */
export function registerCommunication(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.command(COMMANDS.communication, async ({ command, ack, client }) => {
    // Any word after it gets the command's usage, not the form.
    if (command.text.trim()) {
      const { t } = await localeOf(command.user_id);
      return void (await ack({ response_type: 'ephemeral', text: t('communication.usage') }));
    }
    await ack(); // the form: ack at once, then open it
    const { t } = await localeOf(command.user_id);
    const at = { userId: command.user_id, channel: command.channel_id };
    if (await refusedBeforeForm(deps, client, at, 'communication.draft', t)) return;
    await openModal(client, command.trigger_id, draftModal(t, command.channel_id));
  });
  app.view(VIEWS.communication, async ({ ack, body, view, client }) => {
    const { t } = await localeOf(body.user.id);
    const values = readViewState(view.state);
    const result = await draftCommunication(deps.communications, slackUser(body.user), {
      clientId: text(values, 'client') ?? '',
      subject: text(values, 'subject') ?? '',
      body: text(values, 'body') ?? '',
      intakeKey: viewIntakeKey(view),
    });
    if (!result.ok) {
      const problems = (result.error.details?.problems as FieldProblem[] | undefined) ?? [];
      const errors = fieldErrors(
        problems,
        t,
        (f) => ({ clientId: 'client', subject: 'subject', body: 'body' })[f],
      );
      await ack({
        response_action: 'errors',
        errors: Object.keys(errors).length ? errors : { subject: refusalText(result, t) },
      });
      return;
    }
    await ack();
    if (result.repeat) return;
    const metadata = metadataOf(
      z.object({ channel: z.string().max(30).optional() }),
      view.private_metadata,
    );
    await tellUser(client, body.user.id, metadata.channel, t('communication.drafted'));
  });
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.protocolCommunication,
    async ({ ack, body, action, client }) => {
      await ack();
      const { t, locale } = await localeOf(body.user.id);
      const result = await protocolCommunication(deps.communications, slackUser(body.user), {
        communicationId: String(action.value ?? '').slice(0, 40),
      });
      const channel = body.channel?.id ?? body.user.id;
      if (!result.ok)
        return void (await client.chat.postEphemeral({
          channel,
          user: body.user.id,
          text: refusalText(result, t, slackShown(locale, deps.timeZone)),
        }));
      const letter = result.value;
      const number = letter.protocol!.number;
      const clientName = (await deps.clients.find(letter.clientId))?.name ?? letter.clientId;
      await client.chat.postMessage({
        channel,
        text: t('communication.protocolled', { number }),
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: t('communication.protocolled', { number }) },
          },
          {
            type: 'actions',
            block_id: 'communication_actions',
            elements: [
              {
                type: 'button',
                action_id: ACTIONS.markCommunicationSent,
                text: plainText(t('action.mark_sent')),
                value: letter.id,
              },
            ],
          },
        ],
      });
      await client.filesUploadV2({
        channel_id: channel,
        content: communicationDocument(letter, clientName, t, deps.timeZone),
        filename: `protocollo-${number.replace('/', '-')}.txt`,
        title: number,
      });
    },
  );
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.markCommunicationSent,
    async ({ ack, body, action, client }) => {
      await ack();
      const { t } = await localeOf(body.user.id);
      const at = { userId: body.user.id, channel: body.channel?.id };
      if (await refusedBeforeForm(deps, client, at, 'communication.protocol', t)) return;
      await openModal(
        client,
        body.trigger_id,
        sentModal(t, String(action.value ?? '').slice(0, 40)),
      );
    },
  );
  app.view(VIEWS.communicationSent, async ({ ack, body, view, client }) => {
    const { t } = await localeOf(body.user.id);
    const id = metadataOf(z.object({ id: z.string().max(40) }), view.private_metadata).id ?? '';
    const result = await markCommunicationSent(deps.communications, slackUser(body.user), {
      communicationId: id,
      channel: text(readViewState(view.state), 'channel'),
      intakeKey: viewIntakeKey(view),
    });
    if (!result.ok)
      return void (await ack({
        response_action: 'errors',
        errors: { channel: refusalText(result, t) },
      }));
    await ack();
    if (result.repeat) return;
    await tellUser(
      client,
      body.user.id,
      undefined,
      t('communication.sent', { number: result.value.protocol?.number ?? '' }),
    );
  });
}
