import { announceKey } from './domain/complaint/complaint-messages.js';
import type { Platform } from './domain/shared/chat-user.js';
import { DeliveryDeferred } from './domain/shared/delivery.ports.js';
import type { Notification } from './domain/shared/notification.js';
import type { Store } from './store/index.js';

/** Thrown while a case has no card yet: the outbox retries once the announcement is out. */
export class NotAnnouncedYet extends Error {
  constructor(caseNumber: string) {
    super(`${caseNumber} has no card yet`);
  }
}

/** How soon a message for a case whose card is still queued looks again. */
const CARD_WAIT_MS = 1_000;

/**
 * Like platformsOf; a message for a complaint whose card is still in the outbox (held up by a
 * rate limit, say) waits for it without spending an attempt. A card parked or never queued is
 * a failure, so the message is in the end parked and reported too.
 */
export async function platformsOrWait(n: Notification, store: Store): Promise<Platform[]> {
  try {
    return await platformsOf(n, store);
  } catch (error) {
    if (!(error instanceof NotAnnouncedYet) || !('case' in n) || n.case?.caseKind !== 'complaint')
      throw error;
    const card = await store.outbox.statusOf(announceKey(n.case.caseId));
    if (card === 'pending' || card === 'delivering')
      throw new DeliveryDeferred(CARD_WAIT_MS, `${error.message}: its card is still queued`);
    throw error;
  }
}

/** Which chat platform(s) a notification goes to: its destination, its people, or its card. */
export async function platformsOf(n: Notification, store: Store): Promise<Platform[]> {
  const unique = (platforms: Platform[]) => [...new Set(platforms)];
  switch (n.type) {
    case 'case.announce':
    case 'digest':
      return [n.destination.platform];
    case 'case.moved':
      return unique([n.destination.platform, ...(n.from ? [n.from.platform] : [])]);
    case 'direct.message':
    case 'd2.progress':
    case 'case.followed':
      return [n.to.platform];
    case 'd2.unsigned':
    case 'd2.to_carry_out':
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
