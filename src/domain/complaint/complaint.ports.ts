import type { FirstEvent } from '../audit/case-event.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { RoutingRule } from '../routing/routing-rule.js';
import type { ChatDestination } from '../shared/chat-user.js';
import type {
  CaseEventLog,
  Clock,
  Notifier,
  RoleDirectory,
  SlaScheduler,
} from '../shared/shared.ports.js';
import type { SettingsStore } from '../settings/settings.js';
import type { SlaPolicy } from '../sla/sla-policy.js';
import type { TaxonomyReader } from '../taxonomy/taxonomy.ports.js';
import type { Client, NewClient } from '../client/client.js';
import type { Complaint, NewComplaint } from './complaint.js';
import type { EscalationPolicy } from './escalation.js';
import type { NewServiceOrder, ServiceOrder } from './service-order.js';

export interface ComplaintRepository {
  /** Stores a new case under the next number of `year` (R-YYYY-NNNN). */
  register(data: NewComplaint, year: number): Promise<Complaint>;
  /**
   * The same, once per intake: when `data.intakeKey` already filed a case, nothing is stored and
   * no number is spent, and that earlier case comes back with `first: false`.
   */
  registerOnce(
    data: NewComplaint,
    year: number,
    /** Its filing's audit events, stored with the case in the same single-document write. */
    firstEvents?: FirstEvent[],
  ): Promise<{ record: Complaint; first: boolean }>;
  get(id: string): Promise<Complaint | undefined>;
  findByNumber(number: string): Promise<Complaint | undefined>;
  /** The case a chat submission already created, if any (retries must not create another). */
  findByIntakeKey(intakeKey: string): Promise<Complaint | undefined>;
  /**
   * Saves a changed case unless someone else saved it since it was read (its stored revision is
   * no longer `readRevision`): false then, and nothing is written. A save bumps the revision.
   */
  save(complaint: Complaint, readRevision: number): Promise<boolean>;
  /** The most recent case of a client on a problem code received at or after `since`. */
  latestOf(clientId: string, problemCode: string, since: Date): Promise<Complaint | undefined>;
}

export interface ServiceOrderRepository {
  /** Stores a new order under the next number of `year` (OdS-YYYY-NNNN). */
  issue(data: NewServiceOrder, year: number): Promise<ServiceOrder>;
}

export interface ClientDirectory {
  exists(clientId: string): Promise<boolean>;
  /** The client with this id, to name it (a corrected case says from whom to whom). */
  find(clientId: string): Promise<Client | undefined>;
  /**
   * Stores a new client; undefined when another client already has its code or its name
   * (normalised, see client-identity.ts) or its intake key: nothing is stored then.
   */
  register(data: NewClient & { intakeKey?: string }): Promise<Client | undefined>;
  /** The client with this name, however it is spelt (case, accents, legal-form dots). */
  findByName(name: string): Promise<Client | undefined>;
}

export interface RoutingTable {
  rules(): Promise<RoutingRule[]>;
}

/** The company's configured rules; defaults are the seed's. */
export interface CaseRules {
  calendar: BusinessCalendar;
  sla: SlaPolicy;
  escalation: EscalationPolicy;
  /** A new case on the same client and problem code within this many days is a repeat. */
  repeatWindowDays: number;
  /** Where a case goes when no routing rule matches: never dropped. */
  triage: ChatDestination;
  /** Where SLA breaches are also posted, when the company has such a channel. */
  escalationChannel?: ChatDestination;
}

/** Everything the complaint use cases need, passed in (main.ts wires the real ones). */
export interface ComplaintServices {
  complaints: ComplaintRepository;
  serviceOrders: ServiceOrderRepository;
  clients: ClientDirectory;
  routing: RoutingTable;
  /** Departments, categories and problem codes a case may be filed under. */
  taxonomy: TaxonomyReader;
  events: CaseEventLog;
  roles: RoleDirectory;
  notifier: Notifier;
  scheduler: SlaScheduler;
  clock: Clock;
  rules: CaseRules;
  /** People's settings: how the one who filed a case follows it. */
  settings: Pick<SettingsStore, 'read'>;
}
