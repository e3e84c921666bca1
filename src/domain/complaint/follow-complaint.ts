import type { NewCaseEvent } from '../audit/case-event.js';
import { followModeOf, type SettingsStore } from '../settings/settings.js';
import { isImporter, type ChatUser } from '../shared/chat-user.js';
import type { CaseRef, CatalogueText } from '../shared/notification.js';
import type { Notifier } from '../shared/shared.ports.js';
import type { Complaint, ComplaintStatus } from './complaint.js';

type Following = { notifier: Notifier; settings: Pick<SettingsStore, 'read'> };

/** The moves the filer hears of (issue 17.5); approvals decided are told by decide-approval. */
const FOLLOWED: readonly ComplaintStatus[] = [
  'in_progress',
  'waiting_customer',
  'resolved',
  'closed',
  'reopened',
  'rejected',
];

export const isFollowedMove = (event: NewCaseEvent) =>
  event.type === 'complaint.status_changed' &&
  FOLLOWED.includes((event.data as { to?: ComplaintStatus }).to as ComplaintStatus);

const sameUser = (a: { platform: string; id: string }, b: { platform: string; id: string }) =>
  a.platform === b.platform && a.id === b.id;

/**
 * Tells the person who filed the complaint about `event` their way — in the case thread, by DM,
 * or not at all — unless they did it themselves. Once per event and person (`once`).
 */
export async function tellFiler(
  services: Following,
  complaint: Pick<Complaint, 'id' | 'number' | 'registeredBy'>,
  event: NewCaseEvent,
  say?: CatalogueText,
): Promise<void> {
  const filer: ChatUser = complaint.registeredBy;
  // An imported case was filed by the import: nobody to tell.
  if (isImporter(filer)) return;
  if (event.actor.platform !== 'system' && sameUser(event.actor, filer)) return;
  const mode = await followModeOf(services.settings, filer);
  if (mode === 'off') return;
  const ref: CaseRef = {
    caseKind: 'complaint',
    caseId: complaint.id,
    caseNumber: complaint.number,
  };
  await services.notifier.queue(
    { type: 'case.followed', case: ref, to: filer, via: mode, event, ...(say ? { say } : {}) },
    { once: `case.followed:${complaint.id}:${event.type}:${event.at.toISOString()}:${filer.id}` },
  );
}
