import type { ClientDirectory } from '../complaint/complaint.ports.js';
import type { CaseEventLog, Clock, Notifier, RoleDirectory } from '../shared/shared.ports.js';
import type { Communication, NewCommunication } from './communication.js';

export interface CommunicationRepository {
  draft(data: NewCommunication): Promise<Communication>;
  get(id: string): Promise<Communication | undefined>;
  /** Saves unless someone saved since it was read at `readRevision` (then false, nothing written). */
  save(communication: Communication, readRevision: number): Promise<boolean>;
}

/** The protocol register of Mod. 07_A17: YYYY/NNNN, gap-free per year, never reused. */
export interface ProtocolRegister {
  /** The protocol number of a communication: the next one, or the one it already got. */
  numberFor(communicationId: string, year: number): Promise<string>;
}

export interface CommunicationServices {
  communications: CommunicationRepository;
  protocol: ProtocolRegister;
  clients: ClientDirectory;
  roles: RoleDirectory;
  events: CaseEventLog;
  notifier: Notifier;
  clock: Clock;
  timeZone: string;
}
