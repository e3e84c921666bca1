import type { Client } from '../client/client.js';
import type { Complaint } from '../complaint/complaint.js';
import type { D2Request } from '../d2/d2-request.js';
import type { Role } from '../roles/role.js';
import type { ChatDestination, ChatUser } from './chat-user.js';

/** What people look up from chat: lists and searches, newest first. */
export interface ComplaintQueries {
  get(id: string): Promise<Complaint | undefined>;
  /**
   * The case for its first card (its one announcement): as this process filed it moments ago,
   * handed out once, unless this process changed it since; otherwise read. A change made
   * meanwhile elsewhere reaches the card with that change's own update. Never for editing.
   */
  forFirstCard(id: string): Promise<Complaint | undefined>;
  findByNumber(number: string): Promise<Complaint | undefined>;
  recent(limit: number): Promise<Complaint[]>;
  /** Open cases the person is assigned to or registered. */
  openFor(user: ChatUser, limit: number): Promise<Complaint[]>;
  /** Number, product or description containing the text (case-insensitive). */
  search(text: string, limit: number): Promise<Complaint[]>;
  awaitingApproval(limit: number): Promise<Complaint[]>;
}

export interface ClientQueries {
  find(id: string): Promise<Client | undefined>;
  /**
   * The client as a case card shows it (name, code), read through a short cache: another
   * instance's edit shows within seconds, this process's own at once. Never for editing.
   */
  shown(id: string): Promise<Client | undefined>;
  /** Name or code containing the text; the first ones alphabetically when the text is empty. */
  search(text: string, limit: number): Promise<Client[]>;
}

export interface D2Queries {
  get(id: string): Promise<D2Request | undefined>;
  /** Waiting for the director's signature, oldest first. */
  awaitingSignature(limit: number): Promise<D2Request[]>;
  /** Done or declined, for SCOM to archive. */
  toArchive(limit: number): Promise<D2Request[]>;
  /** Signed or started: SCOM carries them out. */
  toCarryOut(limit: number): Promise<D2Request[]>;
}

/** Where a case's card was posted, so later changes update it in place. */
export interface Announcements {
  remember(
    caseKind: 'complaint' | 'd2',
    caseId: string,
    at: ChatDestination & { messageId: string },
  ): Promise<void>;
}

export interface RoleAdministration {
  assign(user: ChatUser, roles: Role[], by?: ChatUser): Promise<void>;
  list(): Promise<{ user: ChatUser; roles: Role[] }[]>;
  anyoneHolds(role: Role): Promise<boolean>;
}
