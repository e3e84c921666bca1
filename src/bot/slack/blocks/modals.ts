import { CONTACT_CHANNELS, ORIGINS, PRIORITIES } from '../../../domain/complaint/complaint.js';
import { DESCRIPTION_MAX } from '../../../domain/complaint/file-complaint.js';
import type { MessageKey, Translate } from '../../../i18n/translate.js';
import { OPTIONS, VIEWS } from '../../ids.js';
import { escapeText, md, plainText, type Block, type Modal } from './block-kit.js';
import {
  leadingOptions,
  NO_CHOICES,
  taxonomyInput,
  type TaxonomyChoices,
} from './taxonomy-select.js';

const option = (value: string, text: string) => ({ text: plainText(text), value });
export const textInput = (
  block: string,
  label: string,
  opts: {
    multiline?: boolean;
    max?: number;
    optional?: boolean;
    initial?: string;
    hint?: string;
  } = {},
): Block => ({
  type: 'input',
  block_id: block,
  label: plainText(label),
  optional: opts.optional ?? false,
  ...(opts.hint ? { hint: plainText(opts.hint) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: 'value',
    multiline: opts.multiline ?? false,
    max_length: opts.max ?? 3000,
    ...(opts.initial ? { initial_value: opts.initial.slice(0, opts.max ?? 3000) } : {}),
  },
});
export const select = (
  block: string,
  label: string,
  options: [string, string][],
  optional = false,
  initial?: string,
): Block => {
  const all = options.map(([value, text]) => option(value, text));
  const initialOption = all.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: block,
    label: plainText(label),
    optional,
    element: {
      type: 'static_select',
      action_id: 'value',
      options: all,
      ...(initialOption ? { initial_option: initialOption } : {}),
    },
  };
};
const numberInput = (block: string, label: string, optional = true): Block => ({
  type: 'input',
  block_id: block,
  label: plainText(label),
  optional,
  element: { type: 'number_input', action_id: 'value', is_decimal_allowed: true, min_value: '0' },
});

export function modal(
  callbackId: string,
  title: string,
  t: Translate,
  blocks: Block[],
  metadata: object,
): Modal {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plainText(title),
    submit: plainText(t('modal.submit')),
    close: plainText(t('modal.cancel')),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** What a form can start with (from a message, a care call); never stored in the metadata. */
export interface Prefill {
  description?: string;
  client?: { id: string; label: string };
}

/** The searchable client select (options served by the bot), optionally with a client chosen. */
export const clientSelect = (t: Translate, client?: Prefill['client']): Block => ({
  type: 'input',
  block_id: 'client',
  label: plainText(t('complaint.field.client')),
  element: {
    type: 'external_select',
    action_id: OPTIONS.client,
    min_query_length: 0,
    placeholder: plainText(t('complaint.field.client.placeholder')),
    ...(client ? { initial_option: { text: plainText(client.label, 75), value: client.id } } : {}),
  },
});

/**
 * Problem code, category and department: chosen from the taxonomy, typed while it lists nothing
 * of their kind (a fresh installation); "not sure" sends a case to triage.
 */
const taxonomyFields = (t: Translate, choices: TaxonomyChoices): Block[] => [
  taxonomyInput(
    'problemCode',
    t('complaint.field.problemCode'),
    t,
    choices,
    textInput('problemCode', t('complaint.field.problemCode'), {
      max: 40,
      hint: t('complaint.field.problemCode.hint'),
    }),
  ),
  taxonomyInput(
    'category',
    t('complaint.field.category'),
    t,
    choices,
    textInput('category', t('complaint.field.category'), { max: 80 }),
  ),
  taxonomyInput(
    'department',
    t('complaint.field.department'),
    t,
    choices,
    textInput('department', t('complaint.field.department'), { max: 80 }),
    { leading: leadingOptions('department', t) },
  ),
];

/** The /complaint form: every field of seed 003's minimum data the operator knows at intake. */
export function complaintModal(
  t: Translate,
  metadata: { channel?: string; sourceMessageUrl?: string },
  prefill: Prefill = {},
  choices: TaxonomyChoices = NO_CHOICES,
): Modal {
  const keys = (prefix: string, values: readonly string[]) =>
    values.map((v): [string, string] => [v, t(`${prefix}.${v}` as MessageKey)]);
  const blocks: Block[] = [
    clientSelect(t, prefill.client),
    textInput('product', t('complaint.field.product'), { max: 200 }),
    textInput('description', t('complaint.field.description'), {
      multiline: true,
      max: DESCRIPTION_MAX,
      initial: prefill.description,
    }),
    ...taxonomyFields(t, choices),
    {
      type: 'input',
      block_id: 'priority',
      label: plainText(t('complaint.field.priority')),
      element: {
        type: 'radio_buttons',
        action_id: 'value',
        options: PRIORITIES.map((p) => ({
          text: plainText(t(`priority.${p}`)),
          value: p,
          description: plainText(t(`priority.${p}.hint`)),
        })),
      },
    },
    numberInput('estimatedCostEur', t('complaint.field.estimatedCost')),
    {
      type: 'input',
      block_id: 'flags',
      label: plainText(t('complaint.field.flags')),
      optional: true,
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: [
          {
            text: plainText(t('complaint.field.changesProductFunctionality')),
            value: 'changesProductFunctionality',
          },
          { text: plainText(t('complaint.field.outsidePolicy')), value: 'outsidePolicy' },
        ],
      },
    },
    select(
      'warranty',
      t('complaint.field.warranty'),
      keys('warranty', ['in_warranty', 'out_of_warranty', 'unknown']),
      false,
      'unknown',
    ),
    select(
      'channel',
      t('complaint.field.channel'),
      keys('channel', CONTACT_CHANNELS),
      false,
      'phone',
    ),
    textInput('remedyRequested', t('complaint.field.remedy'), {
      multiline: true,
      max: 2000,
      optional: true,
    }),
    textInput('reportedBy', t('complaint.field.reportedBy'), { max: 200, optional: true }),
  ];
  return modal(VIEWS.complaint, t('complaint.modal.title'), t, blocks, metadata);
}

/** Mod. 07_D2 for the secretariats. */
export function d2Modal(
  t: Translate,
  metadata: { channel?: string },
  prefill: Prefill = {},
): Modal {
  const urgencies = (['low', 'normal', 'high'] as const).map((u): [string, string] => [
    u,
    t(`urgency.${u}`),
  ]);
  const blocks: Block[] = [
    clientSelect(t, prefill.client),
    textInput('reason', t('d2.field.reason'), {
      multiline: true,
      max: DESCRIPTION_MAX,
      initial: prefill.description,
    }),
    select('urgency', t('d2.field.urgency'), urgencies, false, 'normal'),
    textInput('notes', t('d2.field.notes'), { multiline: true, max: 3000, optional: true }),
  ];
  return modal(VIEWS.d2, t('d2.modal.title'), t, blocks, metadata);
}

export type CaseFormKind =
  'note' | 'resolve' | 'close' | 'escalate' | 'reason' | 'refuse' | 'd2Decline' | 'd2Complete';

/** Small forms opened from a case's buttons; `metadata` says which case and what for. */
export function caseFormModal(
  kind: CaseFormKind,
  t: Translate,
  metadata: {
    id: string;
    channel?: string;
    action?: string;
    approvalKind?: string;
    messageTs?: string;
  },
  title: string,
): Modal {
  const origins = ORIGINS.map((o): [string, string] => [o, t(`origin.${o}`)]);
  const reason = () =>
    textInput('reason', t('complaint.field.reason'), { multiline: true, max: 2000 });
  const blocks: Record<CaseFormKind, () => Block[]> = {
    note: () => [textInput('text', t('complaint.field.note'), { multiline: true, max: 3000 })],
    resolve: () => [
      textInput('solution', t('complaint.field.solution'), { multiline: true, max: 3000 }),
      select('origin', t('complaint.field.origin'), origins, true),
      textInput('rootCause', t('complaint.field.rootCause'), {
        multiline: true,
        max: 3000,
        optional: true,
      }),
      numberInput('costEur', t('complaint.field.cost')),
      textInput('goodwillCause', t('complaint.field.goodwill'), { max: 500, optional: true }),
    ],
    close: () => [
      select('origin', t('complaint.field.origin'), origins, true),
      numberInput('costEur', t('complaint.field.cost')),
      textInput('note', t('complaint.field.note'), { multiline: true, max: 2000, optional: true }),
    ],
    escalate: () => [
      select(
        'kind',
        t('complaint.field.kind'),
        (['cost', 'feature_change', 'outside_policy', 'other'] as const).map(
          (k): [string, string] => [k, t(`approval.${k}`)],
        ),
      ),
      reason(),
    ],
    reason: () => [reason()],
    refuse: () => [reason()],
    d2Decline: () => [reason()],
    d2Complete: () => [textInput('outcome', t('d2.field.outcome'), { multiline: true, max: 3000 })],
  };
  const callbacks: Record<CaseFormKind, string> = {
    note: VIEWS.caseNote,
    resolve: VIEWS.caseResolve,
    close: VIEWS.caseClose,
    escalate: VIEWS.caseEscalate,
    reason: VIEWS.caseReason,
    refuse: VIEWS.approvalRefuse,
    d2Decline: VIEWS.d2Decline,
    d2Complete: VIEWS.d2Complete,
  };
  return modal(callbacks[kind], title, t, blocks[kind](), metadata);
}

/** Mod. 07_A9: one customer-care call with a client. */
export function careCallModal(
  t: Translate,
  client: { id: string; name: string },
  today: string,
): Modal {
  const channels = CONTACT_CHANNELS.map((c): [string, string] => [c, t(`channel.${c}`)]);
  const blocks: Block[] = [
    { type: 'section', text: md(`*${escapeText(client.name)}*`) },
    {
      type: 'input',
      block_id: 'date',
      label: plainText(t('care.field.date')),
      element: { type: 'datepicker', action_id: 'value', initial_date: today },
    },
    select('channel', t('care.field.channel'), channels, false, 'phone'),
    textInput('outcome', t('care.field.outcome'), { multiline: true, max: 3000 }),
    textInput('needs', t('care.field.needs'), { multiline: true, max: 3000, optional: true }),
    textInput('nextAction', t('care.field.nextAction'), { max: 2000, optional: true }),
  ];
  return modal(VIEWS.careCall, t('care.modal.title'), t, blocks, { clientId: client.id });
}
