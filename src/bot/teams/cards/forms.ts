import type { Client } from '../../../domain/client/client.js';
import { CONTACT_CHANNELS, PRIORITIES } from '../../../domain/complaint/complaint.js';
import { DESCRIPTION_MAX } from '../../../domain/complaint/file-complaint.js';
import {
  labelOf,
  NO_CHOICES,
  NOT_SURE_DEPARTMENT,
  offered,
  type TaxonomyChoices,
  type TaxonomyKind,
} from '../../../domain/taxonomy/taxonomy.js';
import type { MessageKey, Translate } from '../../../i18n/translate.js';
import { teamsMarkup } from './teams-markup.js';
import { TEAMS_VERBS } from '../../ids.js';
import { card, choices, execute, text, textInput, type Element } from './adaptive.js';

const label = (t: Translate, key: MessageKey, required = false) =>
  `${t(key)}${required ? ' *' : ''}`;

/** Error lines shown on top of a form that came back refused: field by field, localised. */
const errorBlock = (errors: Record<string, string>): Element[] =>
  Object.entries(errors).map(([field, message]) =>
    text(`⚠️ ${field}: ${message}`, { color: 'attention' }),
  );

/**
 * The client picker; left out while there are no clients, as an Input.ChoiceSet needs at least
 * one choice (the Adaptive Cards SDK refuses an empty one).
 */
const clientChoice = (t: Translate, clients: Client[], value = '', required: boolean) =>
  clients.length
    ? [
        choices(
          'clientId',
          label(t, 'complaint.field.client', required),
          clients.map((c) => [c.id, `${c.name} (${c.code})`]),
          { value, style: 'compact' },
        ),
      ]
    : [];

export interface FormState {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  /** In a task module (message extension) cards submit with Action.Submit, not Action.Execute. */
  inTaskModule?: boolean;
  /** Departments, categories and problem codes to choose from (typed while none are listed). */
  taxonomy?: TaxonomyChoices;
}

/** Choices a compact ChoiceSet shows before a list is better typed (the server checks it). */
const CHOICES_MAX = 100;

/**
 * A department, category or problem code: a compact ChoiceSet of the taxonomy's active entries
 * ("not sure → triage" first for a department), or free text while it lists none of the kind.
 */
export function taxonomyField(
  t: Translate,
  taxonomy: TaxonomyChoices,
  kind: TaxonomyKind,
  value = '',
  maxLength: number,
  title = label(t, `complaint.field.${kind}`, true),
): Element {
  const entries = offered(taxonomy.entries, kind);
  if (!entries.length || entries.length > CHOICES_MAX)
    return textInput(kind, title, { value, maxLength });
  const lead: [string, string][] =
    kind === 'department' ? [[NOT_SURE_DEPARTMENT, t('complaint.field.department.not_sure')]] : [];
  const listed = entries.map((e): [string, string] => {
    const name = labelOf(e, taxonomy.language);
    return [e.code, kind === 'problemCode' && name !== e.code ? `${e.code} · ${name}` : name];
  });
  return choices(kind, title, [...lead, ...listed], {
    value,
    style: 'compact',
    placeholder: t('complaint.field.choose'),
  });
}

/** The complaint form as an Adaptive Card (same fields and rules as the Slack modal). */
export function complaintFormCard(t: Translate, clients: Client[], state: FormState = {}) {
  const v = state.values ?? {};
  const keyed = (prefix: string, values: readonly string[]) =>
    values.map((value): [string, string] => [value, t(`${prefix}.${value}` as MessageKey)]);
  return card(
    [
      text(t('complaint.modal.title'), { size: 'Large', weight: 'Bolder' }),
      ...errorBlock(state.errors ?? {}),
      ...clientChoice(t, clients, v.clientId, false),
      textInput('newClientName', t('complaint.field.client.new', { name: '…' }), {
        value: v.newClientName ?? '',
        maxLength: 200,
      }),
      textInput('product', label(t, 'complaint.field.product', true), {
        value: v.product ?? '',
        maxLength: 200,
      }),
      textInput('description', label(t, 'complaint.field.description', true), {
        value: v.description ?? '',
        isMultiline: true,
        maxLength: DESCRIPTION_MAX,
      }),
      taxonomyField(t, state.taxonomy ?? NO_CHOICES, 'problemCode', v.problemCode, 40),
      taxonomyField(t, state.taxonomy ?? NO_CHOICES, 'category', v.category, 80),
      taxonomyField(t, state.taxonomy ?? NO_CHOICES, 'department', v.department, 80),
      choices(
        'priority',
        label(t, 'complaint.field.priority', true),
        PRIORITIES.map((p) => [p, `${t(`priority.${p}`)} — ${t(`priority.${p}.hint`)}`]),
        {
          style: 'expanded',
          value: v.priority ?? '',
        },
      ),
      {
        type: 'Input.Number',
        id: 'estimatedCostEur',
        label: t('complaint.field.estimatedCost'),
        min: 0,
        value: numberOrUndefined(v.estimatedCostEur),
      },
      {
        type: 'Input.Toggle',
        id: 'changesProductFunctionality',
        title: t('complaint.field.changesProductFunctionality'),
        value: v.changesProductFunctionality || 'false',
      },
      {
        type: 'Input.Toggle',
        id: 'outsidePolicy',
        title: t('complaint.field.outsidePolicy'),
        value: v.outsidePolicy || 'false',
      },
      choices(
        'warranty',
        t('complaint.field.warranty'),
        keyed('warranty', ['in_warranty', 'out_of_warranty', 'unknown']),
        { value: v.warranty ?? 'unknown' },
      ),
      choices('channel', t('complaint.field.channel'), keyed('channel', CONTACT_CHANNELS), {
        value: v.channel ?? 'phone',
      }),
      textInput('remedyRequested', t('complaint.field.remedy'), {
        value: v.remedyRequested ?? '',
        isMultiline: true,
        maxLength: 2000,
      }),
    ].map(dropUndefined),
    {
      actions: [
        state.inTaskModule
          ? {
              type: 'Action.Submit',
              title: t('modal.submit'),
              data: { verb: TEAMS_VERBS.complaintSubmit },
            }
          : execute(t('modal.submit'), TEAMS_VERBS.complaintSubmit, {}, 'positive'),
      ],
    },
  );
}

/** Mod. 07_D2 as an Adaptive Card. */
export function d2FormCard(t: Translate, clients: Client[], state: FormState = {}) {
  const v = state.values ?? {};
  return card(
    [
      text(t('d2.modal.title'), { size: 'Large', weight: 'Bolder' }),
      ...errorBlock(state.errors ?? {}),
      ...clientChoice(t, clients, v.clientId, true),
      textInput('reason', label(t, 'd2.field.reason', true), {
        value: v.reason ?? '',
        isMultiline: true,
        maxLength: 4000,
      }),
      choices(
        'urgency',
        t('d2.field.urgency'),
        (['low', 'normal', 'high'] as const).map((u) => [u, t(`urgency.${u}`)]),
        { value: v.urgency ?? 'normal' },
      ),
      textInput('notes', t('d2.field.notes'), {
        value: v.notes ?? '',
        isMultiline: true,
        maxLength: 4000,
      }),
    ],
    { actions: [execute(t('modal.submit'), TEAMS_VERBS.d2Submit, {}, 'positive')] },
  );
}

/** A one-line answer card (confirmation or refusal). */
export const noticeCard = (message: string, attention = false) =>
  card([text(teamsMarkup(message), attention ? { color: 'attention' } : {})]);

/**
 * The value an Input.Number is shown with again: the 1.5 schema types it `number`, so text that
 * is no number (which only a forged submit carries) is left out rather than sent as `null` —
 * the Bot Connector refuses such a card (microsoft/AdaptiveCards#1986: Input.Number with NaN).
 */
function numberOrUndefined(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const parsed = Number(raw.replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : undefined;
}

function dropUndefined(element: Element): Element {
  return Object.fromEntries(
    Object.entries(element).filter(([, value]) => value !== undefined),
  ) as Element;
}
