import type { ClientDirectory } from '../complaint/complaint.ports.js';
import type { CaseEventLog, Clock, Notifier, RoleDirectory } from '../shared/shared.ports.js';
import type { ChatUser } from '../shared/chat-user.js';
import type { Once } from '../shared/intake.js';
import type { Communication, NewCommunication } from './communication.js';

export interface CommunicationRepository {
  /** Stores a draft; one drafted by the same chat submission (intake key) comes back instead. */
  draft(data: NewCommunication): Promise<Once<Communication>>;
  get(id: string): Promise<Communication | undefined>;
  /** Saves unless someone saved since it was read at `readRevision` (then false, nothing written). */
  save(communication: Communication, readRevision: number): Promise<boolean>;
}

/** The protocol register of Mod. 07_A17: YYYY/NNNN, gap-free per year, never reused. */
export interface ProtocolRegister {
  /**
   * Saves the communication as protocolled under the next number of `year`, given by whom and
   * when. The number is spent by this save alone, so a crash or a refused save leaves no hole.
   * Undefined (nothing written, no number spent) when someone saved it since `readRevision`.
   */
  protocol(
    communication: Communication,
    stamp: { by: ChatUser; at: Date },
    readRevision: number,
    year: number,
  ): Promise<Communication | undefined>;
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
