import { describe, expect, it } from 'vitest';
import type { D2Request } from '../../src/domain/d2/d2-request.js';
import { completeD2, declineD2, signD2, startD2 } from '../../src/domain/d2/d2-lifecycle.js';
import { routeCase } from '../../src/domain/routing/route.js';
import type { RoutingRule } from '../../src/domain/routing/routing-rule.js';
import { director, operator } from '../support/fixtures.js';

const slack = (channel: string) => ({ platform: 'slack' as const, channel });
const onCall = { platform: 'slack' as const, id: 'U0ONCALL' };
const rules: RoutingRule[] = [
  {
    id: 'r1',
    department: 'assistenza',
    category: '*',
    priority: '*',
    destination: slack('C-ASSIST'),
    mention: [],
  },
  {
    id: 'r2',
    department: 'assistenza',
    category: 'safety',
    priority: 'P1',
    destination: slack('C-SAFETY'),
    mention: [{ platform: 'slack', id: 'U0MGR' }],
    onCall,
  },
  {
    id: 'r3',
    department: '*',
    category: 'billing',
    priority: '*',
    destination: slack('C-ADMIN'),
    mention: [],
  },
];
const fallback = { triage: slack('C-TRIAGE'), directors: [director] };

describe('routing', () => {
  it('routes a P1 safety case to the safety channel and pages on-call and the director', () => {
    const route = routeCase(
      rules,
      { department: 'assistenza', category: 'safety', priority: 'P1' },
      fallback,
    );
    expect(route).toMatchObject({ destination: slack('C-SAFETY'), via: 'rule', ruleId: 'r2' });
    expect(route.direct).toEqual([onCall, director]);
  });

  it('prefers the department rule over a category wildcard, and pages nobody below P1', () => {
    const route = routeCase(
      rules,
      { department: 'assistenza', category: 'billing', priority: 'P2' },
      fallback,
    );
    expect(route).toMatchObject({ ruleId: 'r1', direct: [] });
  });

  it('sends a case nobody routes to triage, never dropping it', () => {
    const route = routeCase(
      rules,
      { department: 'logistica', category: 'ritardo', priority: 'P1' },
      fallback,
    );
    expect(route).toMatchObject({
      destination: slack('C-TRIAGE'),
      via: 'triage',
      direct: [director],
    });
    expect(
      routeCase([], { department: 'x', category: 'y', priority: 'P3' }, fallback).destination,
    ).toEqual(slack('C-TRIAGE'));
  });
});

describe('D2 requests (Mod. 07_D2)', () => {
  const at = new Date('2026-11-23T10:00:00.000Z');
  const d2: D2Request = {
    id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
    number: 'D2-2026-0007',
    requester: { platform: 'slack', id: 'U0SDID' },
    requesterOffice: 'SDID',
    clientId: '0123456789abcdef01234567',
    reason: 'Il cliente contesta la fattura di ottobre',
    urgency: 'high',
    revision: 0,
    status: 'submitted',
    submittedAt: at,
    createdAt: at,
    updatedAt: at,
  };
  const dcom = { user: director, roles: ['DCOM'] as const };

  it('refuses a signature from anyone but the commercial director', () => {
    for (const roles of [['SCOM'], ['manager'], ['SDID'], ['admin'], []] as const) {
      expect(signD2(d2, { user: operator, roles }, at)).toMatchObject({
        ok: false,
        error: { code: 'D2.FORBIDDEN' },
      });
    }
  });

  it('records who signed and when, once', () => {
    const signed = signD2(d2, dcom, at);
    if (!signed.ok) throw new Error(signed.error.code);
    expect(signed.value.d2).toMatchObject({ status: 'signed', signature: { by: director, at } });
    expect(signed.value.event).toMatchObject({
      type: 'd2.sign',
      caseNumber: 'D2-2026-0007',
      data: { from: 'submitted', to: 'signed' },
    });
    expect(signD2(signed.value.d2, dcom, at)).toMatchObject({
      ok: false,
      error: { code: 'D2.ALREADY_SIGNED' },
    });
  });

  it('goes signed → in progress → done, or declined with a reason', () => {
    const signed = signD2(d2, dcom, at);
    if (!signed.ok) throw new Error();
    const scom = { user: operator, roles: ['SCOM'] as const };
    const started = startD2(signed.value.d2, scom, at);
    if (!started.ok) throw new Error();
    const done = completeD2(
      started.value.d2,
      scom,
      at,
      ' Cliente richiamato, nota di credito emessa ',
    );
    expect(done.ok && done.value.d2).toMatchObject({
      status: 'done',
      outcome: 'Cliente richiamato, nota di credito emessa',
    });
    expect(declineD2(d2, dcom, at, '  ')).toMatchObject({
      ok: false,
      error: { code: 'D2.REASON_REQUIRED' },
    });
    expect(declineD2(d2, dcom, at, 'Gestibile con una telefonata').ok).toBe(true);
    expect(declineD2(signed.value.d2, dcom, at, 'tardi')).toMatchObject({
      ok: false,
      error: { code: 'D2.NOT_ALLOWED_NOW' },
    });
  });
});
