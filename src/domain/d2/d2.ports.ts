import type { ClientDirectory } from '../complaint/complaint.ports.js';
import type { CaseEventLog, Clock, Notifier, RoleDirectory } from '../shared/shared.ports.js';
import type { Once } from '../shared/intake.js';
import type { D2Request, NewD2Request } from './d2-request.js';

export interface D2Repository {
  /** Stores a new request under the next number of `year` (D2-YYYY-NNNN). */
  register(data: NewD2Request, year: number): Promise<D2Request>;
  /**
   * As `register`, but when a request with the same intake key is already stored (the same chat
   * submission delivered again, even at the same time) that one comes back, `first: false`.
   */
  registerOnce(data: NewD2Request, year: number): Promise<Once<D2Request>>;
  /** The request a chat submission already raised, if any. */
  findByIntakeKey(intakeKey: string): Promise<D2Request | undefined>;
  get(id: string): Promise<D2Request | undefined>;
  /** Saves unless someone saved since it was read at `readRevision` (then false, nothing written). */
  save(d2: D2Request, readRevision: number): Promise<boolean>;
}

export interface D2Services {
  d2Requests: D2Repository;
  clients: ClientDirectory;
  events: CaseEventLog;
  roles: RoleDirectory;
  notifier: Notifier;
  clock: Clock;
  timeZone: string;
}
