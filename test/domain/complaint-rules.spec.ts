import { describe, expect, it } from 'vitest';
import type { Complaint, ComplaintStatus } from '../../src/domain/complaint/complaint.js';
import { COMPLAINT_STATUSES } from '../../src/domain/complaint/complaint.js';
import {
  decideApproval,
  initialStatus,
  requiredApprovals,
} from '../../src/domain/complaint/escalation.js';
import { allowedNext, transition, type Actor } from '../../src/domain/complaint/lifecycle.js';
import { aComplaint, director, operator } from '../support/fixtures.js';

const at = new Date('2026-11-23T10:00:00.000Z');
const complaint = (overrides: Partial<Complaint> = {}): Complaint => ({
  ...aComplaint('0123456789abcdef01234567'),
  id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  number: 'R-2026-0042',
  createdAt: at,
  updatedAt: at,
  approvals: [],
  revision: 0,
  ...overrides,
});
const as = (roles: Actor['roles'], user = operator): Actor => ({ user, roles });
const technician = as(['technician'], { platform: 'slack', id: 'U0TECH' });
const manager = as(['manager'], { platform: 'slack', id: 'U0MGR' });
const dcom = as(['DCOM'], director);

describe('the complaint status machine', () => {
  const walk: [ComplaintStatus, ComplaintStatus, Actor][] = [
    ['new', 'acknowledged', as(['operator'])],
    ['acknowledged', 'in_progress', technician],
    ['in_progress', 'waiting_customer', technician],
    ['waiting_customer', 'in_progress', technician],
    ['in_progress', 'resolved', technician],
    ['resolved', 'closed', as(['operator'])],
    ['closed', 'reopened', manager],
    ['reopened', 'in_progress', technician],
  ];
  it.each(walk)('lets %s → %s happen for the right role, and records it', (from, to, actor) => {
    const result = transition(complaint({ status: from }), to, actor, at, 'nota');
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.complaint.status).toBe(to);
    expect(result.value.complaint.phaseTimes[to]).toEqual(at);
    expect(result.value.event).toMatchObject({
      type: 'complaint.status_changed',
      caseNumber: 'R-2026-0042',
      actor: actor.user,
      at,
      data: { from, to, note: 'nota' },
    });
  });

  it('refuses every transition the machine does not have', () => {
    let refused = 0;
    const everyone = as(['operator', 'technician', 'manager', 'DCOM', 'coordinator']);
    for (const from of COMPLAINT_STATUSES) {
      for (const to of COMPLAINT_STATUSES) {
        if (allowedNext(from).includes(to)) continue;
        const result = transition(complaint({ status: from }), to, everyone, at);
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'COMPLAINT.TRANSITION_NOT_ALLOWED' },
        });
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(70);
  });

  it('refuses a role that may not perform the step', () => {
    expect(
      transition(complaint({ status: 'acknowledged' }), 'in_progress', as(['operator']), at),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMPLAINT.FORBIDDEN', details: { action: 'complaint.take_in_charge' } },
    });
    expect(transition(complaint({ status: 'new' }), 'rejected', as(['SDID']), at).ok).toBe(false);
  });

  it('closes only with origin, solution, cost and problem code', () => {
    const incomplete = complaint({
      status: 'resolved',
      origin: undefined,
      solution: ' ',
      costEur: undefined,
    });
    expect(transition(incomplete, 'closed', manager, at)).toMatchObject({
      ok: false,
      error: {
        code: 'COMPLAINT.CLOSE_INCOMPLETE',
        details: { missing: ['origin', 'solution', 'costEur'] },
      },
    });
    const freeOfCharge = complaint({ status: 'resolved', costEur: 0 });
    expect(transition(freeOfCharge, 'closed', manager, at).ok).toBe(true);
    const goodwill = complaint({
      status: 'resolved',
      origin: undefined,
      goodwill: { cause: 'cliente storico' },
    });
    expect(transition(goodwill, 'closed', manager, at).ok).toBe(true);
  });
});

describe('priority and escalation (seed 001)', () => {
  const policy = {
    costThresholdEur: 1000,
    featureChangeNeedsReview: true,
    outsidePolicyNeedsManager: true,
  };
  const facts = { estimatedCostEur: 200, changesProductFunctionality: false, outsidePolicy: false };

  it('P1 safety case: handled at once even when approvals are due', () => {
    const approvals = requiredApprovals(
      { ...facts, priority: 'P1', estimatedCostEur: 5000 },
      policy,
      at,
    );
    expect(approvals.map((a) => [a.kind, a.role])).toEqual([['cost', 'DCOM']]);
    expect(initialStatus('P1', approvals)).toBe('new');
  });

  it('P2 broken-now case under the threshold: no approval, straight to work', () => {
    const approvals = requiredApprovals({ ...facts, priority: 'P2' }, policy, at);
    expect(approvals).toEqual([]);
    expect(initialStatus('P2', approvals)).toBe('new');
  });

  it('P3 routine case that changes the product: Planning & Design review first, even when cheap', () => {
    const approvals = requiredApprovals(
      { ...facts, priority: 'P3', changesProductFunctionality: true },
      policy,
      at,
    );
    expect(approvals).toMatchObject([
      { kind: 'feature_change', role: 'manager', status: 'pending' },
    ]);
    expect(approvals[0]?.reason).toMatch(/Planning & Design/);
    expect(initialStatus('P3', approvals)).toBe('awaiting_approval');
  });

  it('over the cost threshold and outside policy: director and manager', () => {
    const approvals = requiredApprovals(
      { ...facts, priority: 'P2', estimatedCostEur: 1000.01, outsidePolicy: true },
      policy,
      at,
    );
    expect(approvals.map((a) => a.kind)).toEqual(['cost', 'outside_policy']);
    expect(
      requiredApprovals({ ...facts, priority: 'P2', estimatedCostEur: 1000 }, policy, at),
    ).toEqual([]);
    expect(
      requiredApprovals(
        { ...facts, priority: 'P2', estimatedCostEur: 9e9 },
        { ...policy, costThresholdEur: null },
        at,
      ),
    ).toEqual([]);
  });

  it('moves on when the last approval is given, and rejects on refusal', () => {
    const approvals = requiredApprovals(
      { ...facts, priority: 'P2', estimatedCostEur: 3000, outsidePolicy: true },
      policy,
      at,
    );
    const waiting = complaint({ status: 'awaiting_approval', approvals });
    const first = decideApproval(waiting, 'cost', 'approved', dcom, at);
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.complaint.status).toBe('awaiting_approval');
    expect(first.value.complaint.approvals[0]).toMatchObject({
      status: 'approved',
      decidedBy: director,
      decidedAt: at,
    });
    const second = decideApproval(first.value.complaint, 'outside_policy', 'approved', manager, at);
    expect(second.ok && second.value.complaint.status).toBe('acknowledged');

    const refused = decideApproval(
      waiting,
      'outside_policy',
      'refused',
      manager,
      at,
      'fuori garanzia',
    );
    expect(refused.ok && refused.value.complaint.status).toBe('rejected');
    expect(refused.ok && refused.value.event.type).toBe('approval.refused');
  });

  it('refuses a decision by someone without the role, and a second decision', () => {
    const approvals = requiredApprovals(
      { ...facts, priority: 'P2', estimatedCostEur: 3000 },
      policy,
      at,
    );
    const waiting = complaint({ status: 'awaiting_approval', approvals });
    expect(decideApproval(waiting, 'cost', 'approved', manager, at)).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL.FORBIDDEN' },
    });
    expect(decideApproval(waiting, 'cost', 'approved', technician, at)).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL.FORBIDDEN' },
    });
    const once = decideApproval(waiting, 'cost', 'approved', dcom, at);
    if (!once.ok) throw new Error(once.error.code);
    expect(decideApproval(once.value.complaint, 'cost', 'refused', dcom, at)).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL.ALREADY_DECIDED' },
    });
  });
});
