import type { Platform } from './domain/shared/chat-user.js';
import type { Notification } from './domain/shared/notification.js';
import type { Store } from './store/index.js';

/** Thrown while a case has no card yet: the outbox retries once the announcement is out. */
export class NotAnnouncedYet extends Error {
  constructor(caseNumber: string) {
    super(`${caseNumber} has no card yet`);
  }
}

/** Which chat platform(s) a notification goes to: its destination, its people, or its card. */
export async function platformsOf(n: Notification, store: Store): Promise<Platform[]> {
  const unique = (platforms: Platform[]) => [...new Set(platforms)];
  switch (n.type) {
    case 'case.announce':
    case 'digest':
      return [n.destination.platform];
    case 'direct.message':
      return [n.to.platform];
    case 'd2.unsigned':
    case 'care.call_due':
    case 'communication.to_protocol':
      return unique(n.to.map((u) => u.platform));
    case 'decision.requested':
      if (n.case.caseKind === 'd2') return unique(n.from.map((u) => u.platform));
      return [await cardPlatform(n.case.caseKind, n.case.caseId, n.case.caseNumber, store)];
    case 'case.changed':
    case 'case.reminder':
      return [await cardPlatform(n.case.caseKind, n.case.caseId, n.case.caseNumber, store)];
  }
}

async function cardPlatform(
  kind: 'complaint' | 'd2',
  id: string,
  number: string,
  store: Store,
): Promise<Platform> {
  const record =
    kind === 'complaint' ? await store.complaints.get(id) : await store.d2Requests.get(id);
  if (!record) return 'slack';
  if (!record.announcement) throw new NotAnnouncedYet(number);
  return record.announcement.platform;
}
