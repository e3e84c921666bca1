import { slackUser } from '../support/fixtures.js';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  completeD2Request,
  declineD2Request,
  signD2Request,
  startD2Request,
} from '../../src/domain/d2/decide-d2.js';
import { raiseD2 } from '../../src/domain/d2/raise-d2.js';
import { inMemoryServices, type World } from '../fakes/in-memory-services.js';
import { rome, romeCalendar } from '../support/calendar.js';

const user = slackUser;
const secretariat = user('U-SDID');
const commercialOffice = user('U-SCOM');
const director = user('U-DCOM');

let world: World;
let clientId: string;
beforeEach(() => {
  world = inMemoryServices(romeCalendar(), rome('2026-11-23 10:00'));
  clientId = world.addClient();
  world.grant(secretariat, 'SDID');
  world.grant(commercialOffice, 'SCOM');
  world.grant(director, 'DCOM');
});

async function raised() {
  const result = await raiseD2(world.services, secretariat, {
    clientId,
    reason: 'Il cliente chiede un incontro sul rinnovo',
    urgency: 'high',
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

describe('D2 requests through their use cases', () => {
  it('numbers a request from the didactic secretariat and asks the director to sign', async () => {
    const d2 = await raised();
    expect(d2).toMatchObject({
      number: 'D2-2026-0001',
      status: 'submitted',
      requesterOffice: 'SDID',
      requester: secretariat,
    });
    expect(world.events.map((e) => e.type)).toEqual(['d2.raised']);
    expect(world.notifications).toEqual([
      expect.objectContaining({
        type: 'decision.requested',
        from: [director],
        case: expect.objectContaining({ caseKind: 'd2' }),
      }),
    ]);
  });

  it('lets only secretariats raise one, for a known client, with a reason', async () => {
    expect(await raiseD2(world.services, director, { clientId, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'D2.FORBIDDEN' },
    });
    expect(
      await raiseD2(world.services, secretariat, { clientId: 'e'.repeat(24), reason: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'D2.CLIENT_NOT_FOUND' },
    });
    expect(
      await raiseD2(world.services, secretariat, { clientId, reason: '', urgency: 'asap' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    });
    expect(world.d2s.size).toBe(0);
  });

  it('refuses a signature by anyone but the director and audits the attempt', async () => {
    const d2 = await raised();
    expect(await signD2Request(world.services, commercialOffice, { d2Id: d2.id })).toMatchObject({
      ok: false,
      error: { code: 'D2.FORBIDDEN' },
    });
    expect(world.events.at(-1)).toMatchObject({
      type: 'd2.attempt_refused',
      actor: commercialOffice,
      data: { roles: ['SCOM'] },
    });
    expect(world.d2s.get(d2.id)?.status).toBe('submitted');
  });

  it('records the director’s signature once, then SCOM works it to done with its outcome and links', async () => {
    const d2 = await raised();
    world.clock.set(rome('2026-11-23 11:30'));
    const signed = await signD2Request(world.services, director, { d2Id: d2.id });
    expect(signed).toMatchObject({
      ok: true,
      value: { status: 'signed', signature: { by: director, at: rome('2026-11-23 11:30') } },
    });
    expect(await signD2Request(world.services, director, { d2Id: d2.id })).toMatchObject({
      ok: false,
      error: { code: 'D2.ALREADY_SIGNED' },
    });
    expect(await startD2Request(world.services, commercialOffice, { d2Id: d2.id })).toMatchObject({
      ok: true,
    });
    const communicationId = 'c'.repeat(24);
    const done = await completeD2Request(world.services, commercialOffice, {
      d2Id: d2.id,
      outcome: 'Incontro fissato per il 2 dicembre',
      communicationId,
    });
    expect(done).toMatchObject({
      ok: true,
      value: { status: 'done', communicationId, revision: 3 },
    });
    expect(world.events.map((e) => e.type)).toEqual([
      'd2.raised',
      'd2.sign',
      'd2.start',
      'd2.complete',
    ]);
  });

  it('declines only with a reason', async () => {
    const d2 = await raised();
    expect(
      await declineD2Request(world.services, director, { d2Id: d2.id, reason: '' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    });
    expect(
      await declineD2Request(world.services, director, {
        d2Id: d2.id,
        reason: 'Già contattato ieri',
      }),
    ).toMatchObject({
      ok: true,
      value: { status: 'declined', declineReason: 'Già contattato ieri' },
    });
  });
});
