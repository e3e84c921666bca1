import type { Client } from '../../../domain/client/client.js';
import { PRIORITIES, type Complaint } from '../../../domain/complaint/complaint.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import { NO_CHOICES, type TaxonomyChoices } from '../../../domain/taxonomy/taxonomy.js';
import type { Translate } from '../../../i18n/translate.js';
import { TEAMS_VERBS } from '../../ids.js';
import { card, choices, execute, showCard, text, textInput, type Element } from './adaptive.js';
import { taxonomyField } from './forms.js';

/** Who may be given a case: people on Teams holding a role that takes cases in charge. */
export type Candidates = ChatUser[];

/**
 * The case's administration on Teams: reassign, move to a department, change the priority (with
 * its reason), correct the client; each submits its verb and the case card comes back.
 */
export function teamsAdminCard(
  complaint: Complaint,
  people: Candidates,
  clients: Client[],
  t: Translate,
  taxonomy: TaxonomyChoices = NO_CHOICES,
) {
  const id = { caseId: complaint.id };
  const submit = (verb: string) => execute(t('modal.submit'), verb, id);
  const pick = (field: string, label: string, values: [string, string][], value = ''): Element[] =>
    values.length ? [choices(field, label, values, { value, style: 'compact' })] : [];
  const reassign = [
    ...pick(
      'assignee',
      t('admin.field.assignee'),
      people.map((p) => [p.id, p.name ?? p.id]),
      complaint.assignee?.platform === 'teams' ? complaint.assignee.id : '',
    ),
    textInput('assigneeId', t('admin.field.assignee_id'), { maxLength: 64 }),
  ];
  const reroute = [
    // The departments the complaint form offers (typed while the taxonomy lists none).
    taxonomyField(t, taxonomy, 'department', complaint.department, 80, t('admin.field.department')),
    text(t('admin.field.department.hint'), { isSubtle: true }),
    textInput('note', t('admin.field.note'), { isMultiline: true, maxLength: 2000 }),
  ];
  const priority = [
    ...pick(
      'priority',
      t('admin.field.priority'),
      PRIORITIES.map((p) => [p, t(`priority.${p}`)]),
      complaint.priority,
    ),
    textInput('reason', t('admin.field.reason'), {
      isMultiline: true,
      maxLength: 2000,
      isRequired: true,
      errorMessage: t('field.required'),
    }),
  ];
  const client = pick(
    'clientId',
    t('admin.field.client'),
    clients.map((c) => [c.id, `${c.name} (${c.code})`]),
    complaint.clientId,
  );
  return card(
    [text(`${complaint.number} · ${t('action.administer')}`, { size: 'Large', weight: 'Bolder' })],
    {
      actions: [
        showCard(t('action.reassign'), reassign, submit(TEAMS_VERBS.reassign)),
        showCard(t('action.reroute'), reroute, submit(TEAMS_VERBS.reroute)),
        showCard(t('action.reprioritise'), priority, submit(TEAMS_VERBS.reprioritise)),
        ...(client.length
          ? [showCard(t('action.correct_client'), client, submit(TEAMS_VERBS.correctClient))]
          : []),
        execute(t('modal.cancel'), TEAMS_VERBS.refresh, { ...id, kind: 'complaint' }),
      ],
    },
  );
}
