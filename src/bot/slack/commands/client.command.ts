import type { SlackRoutes } from '../slack-routes.js';
import { z } from 'zod';
import type { Client } from '../../../domain/client/client.js';
import {
  previewClientEdit,
  saveClient,
  type SaveClientRefusal,
} from '../../../domain/client/save-client.js';
import type { Refusal } from '../../../domain/shared/result.js';
import type { FieldProblem } from '../../../domain/shared/input.js';
import type { Translate } from '../../../i18n/translate.js';
import { COMMANDS, VIEWS } from '../../ids.js';
import { formatInstant } from '../../shared/format.js';
import { refusalText } from '../../shared/refusal-text.js';
import { escapeText, plainText, type Block, type Modal } from '../blocks/block-kit.js';
import { refusedBeforeForm, slackNeedsRole } from '../refuse-early.js';
import { clientList } from './client-list.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { metadataOf, tellUser, viewIntakeKey } from '../views/view-reply.js';
import { clientChanges, clientSavedText } from './client-saved.js';
import { clientConfirmModal, registerClientConfirm } from '../views/client-confirm.js';
import { chosen, fieldErrors, readViewState, text } from '../views/view-state.js';
import { openModal } from '../slack-views.js';

const EditedSchema = z.object({ clientId: z.string().max(40) });

const textInput = (
  block: string,
  label: string,
  initial?: string,
  optional = false,
  max = 200,
): Block => ({
  type: 'input',
  block_id: block,
  label: plainText(label),
  optional,
  element: {
    type: 'plain_text_input',
    action_id: 'value',
    max_length: max,
    ...(initial ? { initial_value: initial } : {}),
  },
});

/** The client file (seed 004): new when opened empty, an edit when opened on a client. */
function clientModal(t: Translate, client?: Client): Modal {
  const kindOption = (k: 'business' | 'private') => ({
    text: plainText(t(`client.kind.${k}`)),
    value: k,
  });
  const c = client?.classification;
  const loyalOption = { text: plainText(t('client.field.loyal')), value: 'loyal' };
  return {
    type: 'modal',
    callback_id: VIEWS.client,
    title: plainText(t('client.modal.title')),
    submit: plainText(t('modal.submit')),
    close: plainText(t('modal.cancel')),
    // Opened on a client, the form edits that one; empty, it registers a new one.
    ...(client ? { private_metadata: JSON.stringify({ clientId: client.id }) } : {}),
    blocks: [
      textInput('code', t('client.field.code'), client?.code, false, 40),
      textInput('name', t('client.field.name'), client?.name),
      {
        type: 'input',
        block_id: 'kind',
        label: plainText(t('client.field.kind')),
        element: {
          type: 'static_select',
          action_id: 'value',
          options: [kindOption('business'), kindOption('private')],
          initial_option: kindOption(c?.kind ?? 'business'),
        },
      },
      textInput(
        'industry',
        t('client.field.industry'),
        c?.kind === 'business' ? c.industry : undefined,
        true,
        120,
      ),
      textInput('location', t('client.field.location'), c?.location, true, 120),
      {
        type: 'input',
        block_id: 'owner',
        label: plainText(t('client.field.owner')),
        optional: true,
        element: {
          type: 'users_select',
          action_id: 'value',
          ...(client?.owner?.platform === 'slack' ? { initial_user: client.owner.id } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'careCadenceDays',
        label: plainText(t('client.field.cadence')),
        element: {
          type: 'number_input',
          action_id: 'value',
          is_decimal_allowed: false,
          min_value: '1',
          initial_value: String(client?.careCadenceDays ?? 90),
        },
      },
      {
        type: 'input',
        block_id: 'loyal',
        label: plainText(t('client.field.loyal')),
        optional: true,
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [loyalOption],
          ...(client?.loyal ? { initial_options: [loyalOption] } : {}),
        },
      },
    ],
  };
}

/** `/client` (new), `/client show CODE` (file and its 07_A9 calls), `/client edit CODE`. */
export function registerClientCommand(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.command(COMMANDS.client, async ({ command, ack, client }) => {
    const { t, locale } = await localeOf(command.user_id);
    const [verb = '', code = ''] = command.text.trim().split(/\s+/);
    const at = { userId: command.user_id, channel: command.channel_id };
    if (verb === '') {
      await ack();
      if (await refusedBeforeForm(deps, client, at, 'client.register', t)) return;
      return void (await openModal(client, command.trigger_id, clientModal(t)));
    }
    const action = verb === 'edit' ? 'client.register' : 'clients.read';
    const refusal = await slackNeedsRole(deps, command.user_id, action, t);
    if (refusal) return void (await ack({ response_type: 'ephemeral', text: refusal }));
    if (verb === 'list' || verb === 'search') {
      const words = command.text.trim().split(/\s+/).slice(1).join(' ');
      const text = await clientList(deps.clients, verb === 'list' ? '' : words, t);
      return void (await ack({ response_type: 'ephemeral', text }));
    }
    const found = code ? await deps.clientRegistry.findByCode(code) : undefined;
    if ((verb !== 'show' && verb !== 'edit') || !code)
      return void (await ack({ response_type: 'ephemeral', text: t('client.usage') }));
    if (!found) {
      const text = t('client.no_such_code', { code: escapeText(code.slice(0, 40)) });
      return void (await ack({ response_type: 'ephemeral', text }));
    }
    if (verb === 'edit') {
      await ack();
      return void (await openModal(client, command.trigger_id, clientModal(t, found)));
    }
    const calls = await deps.careLog.recent(10, found.id);
    const when = (at: Date | undefined) =>
      at ? formatInstant(at, locale, deps.timeZone) : t('digest.na');
    const details = t('client.details', {
      name: escapeText(found.name),
      code: escapeText(found.code),
      kind: t(`client.kind.${found.classification.kind}`),
      cadence: found.careCadenceDays,
      loyal: found.loyal ? '✓' : '—',
      next: when(found.nextCareCallDue),
    });
    const rows = calls.map((c) =>
      t('care.list.row', {
        at: when(c.at),
        client: escapeText(found.code),
        channel: t(`channel.${c.channel}`),
        outcome: escapeText(c.outcome.slice(0, 120)),
      }),
    );
    await ack({
      response_type: 'ephemeral',
      text: [details, t('care.list.header'), ...(rows.length ? rows : [t('home.none')])].join('\n'),
    });
  });

  app.view(VIEWS.client, async ({ ack, body, view, client }) => {
    const { t } = await localeOf(body.user.id);
    const values = readViewState(view.state);
    const owner = text(values, 'owner');
    const { clientId } = metadataOf(EditedSchema, view.private_metadata);
    const form = {
      code: text(values, 'code') ?? '',
      name: text(values, 'name') ?? '',
      kind: text(values, 'kind'),
      industry: text(values, 'industry'),
      location: text(values, 'location'),
      ...(owner ? { owner: { platform: 'slack', id: owner } } : {}),
      careCadenceDays: text(values, 'careCadenceDays') ?? '90',
      loyal: chosen(values, 'loyal').includes('loyal'),
    };
    const services = { clients: deps.clientRegistry, roles: deps.roles };
    const by = slackUser(body.user);
    const refused = (result: Refusal<SaveClientRefusal>) => {
      const problems = (result.error.details?.problems as FieldProblem[] | undefined) ?? [];
      const errors = fieldErrors(problems, t, (f) => (f in values ? f : undefined));
      const named = result.error.code === 'CLIENT.NAME_TAKEN' ? 'name' : 'code';
      return ack({
        response_action: 'errors',
        errors: Object.keys(errors).length ? errors : { [named]: refusalText(result, t) },
      });
    };
    if (clientId) {
      // An edit is saved only once its changes are confirmed (client-confirm.ts).
      const preview = await previewClientEdit(services, by, { ...form, clientId });
      if (!preview.ok) return void (await refused(preview));
      const { before, after } = preview.value;
      if (clientChanges(before, after, t).length)
        return void (await ack({
          response_action: 'push',
          view: clientConfirmModal(
            { clientId, key: viewIntakeKey(view), form: { ...form, seen: before.updatedAt } },
            preview.value,
            t,
          ),
        }));
      await ack();
      const said = t('client.confirm.nothing', { code: escapeText(before.code) });
      return void (await tellUser(client, body.user.id, undefined, said));
    }
    const result = await saveClient(services, by, { ...form, intakeKey: viewIntakeKey(view) });
    if (!result.ok) return void (await refused(result));
    await ack();
    if (!result.repeat)
      await tellUser(client, body.user.id, undefined, clientSavedText(result.value, undefined, t));
  });
  registerClientConfirm(app, deps, localeOf);
}
