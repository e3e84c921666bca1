import { PRIORITIES, type Complaint } from '../../../domain/complaint/complaint.js';
import type { Translate } from '../../../i18n/translate.js';
import { VIEWS } from '../../ids.js';
import { md, plainText, type Block, type Modal } from './block-kit.js';
import { clientSelect, modal, select, textInput } from './modals.js';
import {
  leadingOptions,
  NO_CHOICES,
  taxonomyInput,
  type TaxonomyChoices,
} from './taxonomy-select.js';

/** What the card's "Amministra" menu offers; each opens its form. */
export const ADMIN_KINDS = ['reassign', 'reroute', 'reprioritise', 'correctClient'] as const;
export type AdminKind = (typeof ADMIN_KINDS)[number];

export const ADMIN_LABELS = {
  reassign: 'action.reassign',
  reroute: 'action.reroute',
  reprioritise: 'action.reprioritise',
  correctClient: 'action.correct_client',
} as const;

/** The permission each form needs, checked before it opens and again on submit. */
export const ADMIN_PERMISSIONS = {
  reassign: 'complaint.reassign',
  reroute: 'complaint.reroute',
  reprioritise: 'complaint.reprioritise',
  correctClient: 'complaint.correct_client',
} as const;

/**
 * One of the case administration forms, filled with what the case has now; the move form offers
 * the departments the complaint form offers (`choices`) and names those the routing rules know.
 */
export function adminModal(
  kind: AdminKind,
  complaint: Complaint,
  t: Translate,
  departments: string[] = [],
  choices: TaxonomyChoices = NO_CHOICES,
): Modal {
  const known = departments.length
    ? ` ${t('admin.field.department.known', { list: departments.slice(0, 40).join(', ') })}`
    : '';
  const heading: Block = { type: 'section', text: md(`*${complaint.number}*`) };
  const blocks: Record<AdminKind, () => Block[]> = {
    reassign: () => [
      {
        type: 'input',
        block_id: 'assignee',
        label: plainText(t('admin.field.assignee')),
        element: {
          type: 'users_select',
          action_id: 'value',
          ...(complaint.assignee?.platform === 'slack'
            ? { initial_user: complaint.assignee.id }
            : {}),
        },
      },
    ],
    reroute: () => [
      departmentInput(
        complaint,
        t,
        choices,
        `${t('admin.field.department.hint')}${known}`.slice(0, 2000),
      ),
      textInput('note', t('admin.field.note'), { multiline: true, max: 2000, optional: true }),
    ],
    reprioritise: () => [
      select(
        'priority',
        t('admin.field.priority'),
        PRIORITIES.map((p): [string, string] => [p, t(`priority.${p}`).slice(0, 75)]),
        false,
        complaint.priority,
      ),
      textInput('reason', t('admin.field.reason'), { multiline: true, max: 2000 }),
    ],
    correctClient: () => [clientSelect(t)],
  };
  const callbacks: Record<AdminKind, string> = {
    reassign: VIEWS.caseReassign,
    reroute: VIEWS.caseReroute,
    reprioritise: VIEWS.casePriority,
    correctClient: VIEWS.caseClient,
  };
  const title = t(ADMIN_LABELS[kind]);
  return modal(callbacks[kind], title, t, [heading, ...blocks[kind]()], { id: complaint.id });
}

/** The "Amministra" overflow menu of an open case card (the server checks each role). */
export function adminMenu(complaint: Complaint, t: Translate, actionId: string) {
  return {
    type: 'overflow' as const,
    action_id: actionId,
    options: ADMIN_KINDS.map((kind) => ({
      text: plainText(t(ADMIN_LABELS[kind]), 75),
      value: `${kind}:${complaint.id}`,
    })),
  };
}

/** The move form's department: the taxonomy's list ("not sure" first) or, while empty, text. */
function departmentInput(
  complaint: Complaint,
  t: Translate,
  choices: TaxonomyChoices,
  hint: string,
): Block {
  const label = t('admin.field.department');
  const text = textInput('department', label, { max: 80, initial: complaint.department, hint });
  const leading = leadingOptions('department', t);
  const current = { text: plainText(complaint.department, 75), value: complaint.department };
  const block = taxonomyInput('department', label, t, choices, text, {
    leading,
    initial: leading.find((o) => o.value === complaint.department) ?? current,
  });
  return block.type === 'input' && block !== text ? { ...block, hint: plainText(hint) } : block;
}
