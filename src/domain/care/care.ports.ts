import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { Client } from '../client/client.js';
import type { CaseEventLog, Clock, Notifier, RoleDirectory } from '../shared/shared.ports.js';
import type { Once } from '../shared/intake.js';
import type { CareContact } from './care-contact.js';

export type NewCareContact = Omit<CareContact, 'id' | 'createdAt'>;

/** The Customer Care Register (Mod. 07_A9) and the clients' call calendar. */
export interface CareRegister {
  /** Active clients whose next call is due by `now`, or who have no date set yet. */
  candidates(now: Date, limit: number): Promise<Client[]>;
  client(id: string): Promise<Client | undefined>;
  /** Writes a call; one logged by the same chat submission (intake key) comes back instead. */
  log(contact: NewCareContact): Promise<Once<CareContact>>;
  /**
   * Records the call on the client and sets when the next one is due; a call older than the
   * last one recorded (logged late) moves neither.
   */
  scheduleNext(clientId: string, lastCallAt: Date, nextDue: Date): Promise<void>;
}

export interface CareServices {
  care: CareRegister;
  roles: RoleDirectory;
  events: CaseEventLog;
  notifier: Notifier;
  clock: Clock;
  calendar: BusinessCalendar;
}
