import type { NewCaseEvent } from '../audit/case-event.js';
import type { Indicators } from '../kpi/kpi.js';
import type { ChatDestination, ChatUser } from './chat-user.js';

/**
 * A message of the chats' catalogues, said in each reader's language; `people` are params that
 * name someone, each chat showing them its own way (a mention on Slack, a name on Teams).
 */
export type CatalogueText = {
  key: string;
  params: Record<string, string | number>;
  people?: Record<string, ChatUser>;
};

export type CaseRef = { caseKind: 'complaint' | 'd2'; caseId: string; caseNumber: string };

/**
 * What the bot has to tell people, said in the domain's words; each chat adapter renders it.
 * Use cases queue these after the change is persisted.
 */
export type Notification =
  /** A new case card in its department channel, with mentions and direct alerts (P1). */
  | {
      type: 'case.announce';
      case: CaseRef;
      destination: ChatDestination;
      mention: ChatUser[];
      direct: ChatUser[];
      /** No routing rule took it: the triage thread says what to do with it. */
      triage?: true;
    }
  /**
   * The case moved to another department's channel: its card is posted at `destination` (which
   * becomes its card), and the card it had (`from`) and its thread point there.
   */
  | {
      type: 'case.moved';
      case: CaseRef;
      from?: ChatDestination & { messageId: string };
      destination: ChatDestination;
      mention: ChatUser[];
    }
  /** The case changed: refresh its card and add a line to its thread. */
  | { type: 'case.changed'; case: CaseRef; event: NewCaseEvent }
  /**
   * The person who filed a complaint hears a change of it: mentioned in its thread, or by DM
   * (their follow setting). `say` words it when given, else the event's own thread line.
   */
  | {
      type: 'case.followed';
      case: CaseRef;
      to: ChatUser;
      via: 'thread' | 'dm';
      event: NewCaseEvent;
      say?: CatalogueText;
    }
  /** Someone must decide (approve a case, sign a D2): ask them in the case thread. */
  | {
      type: 'decision.requested';
      case: CaseRef;
      from: ChatUser[];
      reason: string;
      /** The reason as a catalogue message, when a company rule gave it (`reason` is the fallback). */
      say?: CatalogueText;
      /** For a complaint: which approval is asked (cost, feature_change…). */
      approvalKind?: string;
    }
  /**
   * An SLA reminder (a warning, a breach, or a nag while it stays breached): a line in the case
   * thread, its card refreshed, a direct message to each of `to`; a breach also goes to the
   * company's escalation channel when it has one.
   */
  | {
      type: 'case.reminder';
      case: CaseRef;
      kind: 'warning' | 'breach' | 'nag';
      target: string;
      dueAt: Date;
      to: ChatUser[];
      /** Nobody holds the case: `to` are the department's people, asked to take it. */
      unassigned?: boolean;
      escalation?: ChatDestination;
    }
  /** A D2 still waits for the director's signature. */
  | { type: 'd2.unsigned'; case: CaseRef; to: ChatUser[]; waitingSince: Date }
  /**
   * A signed D2 for the commercial secretariat (SCOM) to carry out, with its Start / Complete;
   * with `waitingSince`, a reminder that it is signed and still not started.
   */
  | { type: 'd2.to_carry_out'; case: CaseRef; to: ChatUser[]; waitingSince?: Date }
  /** The person who raised a D2 hears each step: signed, declined (why), started, done (outcome). */
  | {
      type: 'd2.progress';
      case: CaseRef;
      to: ChatUser;
      step: 'sign' | 'decline' | 'start' | 'complete';
      by: ChatUser;
      note?: string;
    }
  /** A client's periodic care call is due (or overdue): its owner is reminded (Mod. 07_A9). */
  | {
      type: 'care.call_due';
      clientId: string;
      clientName: string;
      dueAt: Date;
      overdue: boolean;
      to: ChatUser[];
    }
  /** The KPI digest for a period, with the period before for comparison. */
  | { type: 'digest'; destination: ChatDestination; current: Indicators; previous: Indicators }
  /** A drafted communication (Mod. 07_A17) waits for SCOM to protocol it. */
  | { type: 'communication.to_protocol'; communicationId: string; subject: string; to: ChatUser[] }
  /** A short message to one person (refusals they should know about, reminders). */
  | {
      type: 'direct.message';
      to: ChatUser;
      case?: CaseRef;
      text: string;
      /** A catalogue message the recipient reads in their own language (`text` is the fallback). */
      say?: CatalogueText;
      /** Ends with a link to the case's card (its thread), where the adapter can make one. */
      linkCase?: boolean;
    };
