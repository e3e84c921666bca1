import type { NewClient } from '../../src/domain/client/client.js';
import type { NewComplaint } from '../../src/domain/complaint/complaint.js';
import type { ChatUser } from '../../src/domain/shared/chat-user.js';

export const operator: ChatUser = {
  platform: 'slack',
  id: 'U0OPERATOR',
  name: 'Giulia Operatrice',
};
export const director: ChatUser = { platform: 'slack', id: 'U0DCOM', name: 'Marco Direttore' };

export function aClient(overrides: Partial<NewClient> = {}): NewClient {
  return {
    code: 'CLI-001',
    // Names are unique in the registry: a client made with its own code gets its own name.
    name: overrides.code ? `Officine Rossi ${overrides.code} S.r.l.` : 'Officine Rossi S.r.l.',
    classification: { kind: 'business', industry: 'metalworking', employees: 42, yearsActive: 12 },
    contacts: [
      { name: 'Anna Rossi', role: 'buyer', email: 'anna@rossi.example', phone: '+39 0521 000000' },
    ],
    careCadenceDays: 90,
    loyal: false,
    active: true,
    ...overrides,
  };
}

/** A complaint with every field of seed 003's minimum data filled in. */
export function aComplaint(clientId: string, overrides: Partial<NewComplaint> = {}): NewComplaint {
  const at = new Date('2026-11-20T09:15:00.000Z');
  return {
    clientId,
    product: 'Pressa idraulica PX-200',
    description: 'La protezione della pressa non blocca il ciclo quando viene aperta.',
    problemCode: 'SAF-01',
    category: 'safety',
    department: 'assistenza-tecnica',
    priority: 'P1',
    status: 'new',
    channel: 'phone',
    remedyRequested: 'Intervento immediato sul posto',
    estimatedCostEur: 1200,
    costEur: 950.5,
    changesProductFunctionality: false,
    outsidePolicy: false,
    warranty: 'in_warranty',
    origin: 'production',
    rootCause: 'Microinterruttore montato al contrario',
    solution: 'Sostituito e ricablato il microinterruttore',
    detectability: 3,
    goodwill: undefined,
    reportedBy: 'Anna Rossi',
    sourceMessageUrl: 'https://example.slack.com/archives/C1/p1700000000000100',
    registeredBy: operator,
    assignee: { platform: 'slack', id: 'U0TECH', name: 'Luca Tecnico' },
    approvals: [
      {
        kind: 'cost',
        role: 'DCOM',
        reason: 'cost above threshold',
        status: 'approved',
        requestedAt: at,
        decidedBy: director,
        decidedAt: new Date(at.getTime() + 600_000),
        note: 'ok',
      },
    ],
    slaClocks: [
      {
        target: 'first_response',
        basis: 'calendar',
        budgetMinutes: 30,
        startedAt: at,
        runningSince: at,
        warnAt: new Date(at.getTime() + 22.5 * 60_000),
        dueAt: new Date(at.getTime() + 30 * 60_000),
        state: 'met',
        consumedMinutes: 12,
        stoppedAt: new Date(at.getTime() + 12 * 60_000),
      },
    ],
    satisfaction: { rating: 4, comment: 'Rapidi', at: new Date('2026-11-21T10:00:00.000Z') },
    phaseTimes: { new: at, acknowledged: new Date(at.getTime() + 5 * 60_000) },
    receivedAt: at,
    announcement: { platform: 'slack', channel: 'C0TECH', messageId: '1700000000.000100' },
    ...overrides,
  };
}

/** A Slack user by id (the tests' people). */
export const slackUser = (id: string): ChatUser => ({ platform: 'slack', id });

/** The text fields both complaint forms (Slack modal, Teams card) share, with the domain's limits. */
export const COMPLAINT_TEXT_LIMITS: Record<string, number> = {
  product: 200,
  description: 3000,
  problemCode: 40,
  category: 80,
  department: 80,
  remedyRequested: 2000,
};

/**
 * A text of exactly `length` characters with what stresses a card: quotes, markup and JSON
 * escapes, accents, a line break (for the longest values a field allows).
 */
export const longest = (length: number, seed = 'Valvola “PX-200” è & <b>ok</b> \\ ') =>
  (seed + '\n').repeat(Math.ceil(length / (seed.length + 1)) + 1).slice(0, length - 1) + '.';
