import type { NewCaseEvent } from '../audit/case-event.js';
import type { Role } from '../roles/role.js';
import type { SlaClock } from '../sla/sla-clock.js';
import type { ChatUser } from './chat-user.js';
import type { CaseRef, Notification } from './notification.js';

/** The only source of "now" for the domain. */
export interface Clock {
  now(): Date;
}

/** The append-only audit trail. */
export interface CaseEventLog {
  append(event: NewCaseEvent): Promise<void>;
}

/** Who holds which role, decided on the server whatever the chat showed. */
export interface RoleDirectory {
  rolesOf(user: Pick<ChatUser, 'platform' | 'id'>): Promise<Role[]>;
  holdersOf(role: Role): Promise<ChatUser[]>;
}

/** Queues messages for delivery; delivery itself is retried elsewhere (the outbox). */
export interface Notifier {
  /**
   * `once`: a key that makes queueing idempotent — a second message with the same key is
   * dropped (a reminder job that runs twice, on two instances or after a crash, tells once).
   */
  queue(notification: Notification, options?: { once?: string }): Promise<void>;
}

/**
 * Keeps the reminders of a case in line with its clocks: running clocks get their warning and
 * breach reminders (re)scheduled, stopped or paused ones lose theirs.
 */
export interface SlaScheduler {
  reschedule(ref: CaseRef, clocks: SlaClock[]): Promise<void>;
}
