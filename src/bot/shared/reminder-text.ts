import type { Complaint } from '../../domain/complaint/complaint.js';
import type { Notification } from '../../domain/shared/notification.js';
import type { Locale, MessageKey, Translate } from '../../i18n/translate.js';
import { formatInstant } from './format.js';

type Reminder = Extract<Notification, { type: 'case.reminder' }>;

/**
 * What an SLA reminder says, in one reader's language: its line in the case thread (naming
 * `people` when there are any), the direct message to each of them, and the escalation post.
 */
export function reminderTexts(
  n: Reminder,
  complaint: Pick<Complaint, 'number' | 'priority' | 'department'>,
  reader: { t: Translate; locale: Locale },
  timeZone: string,
) {
  const { t } = reader;
  const said = {
    number: complaint.number,
    target: t(`sla.${n.target}` as MessageKey),
    due: formatInstant(new Date(n.dueAt), reader.locale, timeZone),
  };
  const dmKey =
    n.kind === 'warning' && n.unassigned
      ? 'reminder.dm.warning_unassigned'
      : (`reminder.dm.${n.kind}` as const);
  return {
    line: (people: string) => {
      const line = t(`reminder.${n.kind}`, said);
      return people ? t('reminder.for', { line, people }) : line;
    },
    dm: () => t(dmKey, said),
    escalated: (people: string, department: string) =>
      t('reminder.escalated', {
        ...said,
        priority: complaint.priority,
        department,
        people: people || '—',
      }),
  };
}
