import { beforeEach, describe, expect, it } from 'vitest';
import { whoAnswersFor, whoMustAct } from '../../src/domain/complaint/case-people.js';
import type { Complaint } from '../../src/domain/complaint/complaint.js';
import { routeOf } from '../../src/domain/complaint/file-complaint.js';
import type { ChatUser } from '../../src/domain/shared/chat-user.js';
import { inMemoryServices, type World } from '../fakes/in-memory-services.js';
import { rome, romeCalendar } from '../support/calendar.js';
import { aComplaint } from '../support/fixtures.js';

const user = (id: string): ChatUser => ({ platform: 'slack', id, name: id });
const onCall = user('U-ONCALL');
const lead = user('U-LEAD');
const coordinator = user('U-COORD');
const manager = user('U-MGR');
const director = user('U-DCOM');
const tech = user('U-TECH');

let world: World;
const rule = (over: { mention?: ChatUser[]; onCall?: ChatUser } = {}) =>
  world.routingRules.push({
    id: 'r1',
    department: 'assistenza',
    category: '*',
    priority: '*',
    destination: { platform: 'slack', channel: 'C-ASSIST' },
    mention: over.mention ?? [],
    ...(over.onCall ? { onCall: over.onCall } : {}),
  });
const unassigned = (department = 'assistenza') =>
  ({
    ...aComplaint('c1', { department, assignee: undefined, status: 'new' }),
    id: 'x',
    number: 'R-2026-0006',
  }) as Complaint;

beforeEach(() => {
  world = inMemoryServices(romeCalendar(), rome('2026-11-23 10:00'));
});

describe('who must act on a case', () => {
  it('is its assignee when someone holds it', async () => {
    rule({ mention: [lead], onCall });
    const held = { ...unassigned(), assignee: tech } as Complaint;
    expect(await whoMustAct(world.services, held)).toEqual([tech]);
  });

  it("is the department's on-call person and the people its rule names when nobody holds it", async () => {
    rule({ mention: [lead, onCall], onCall });
    world.grant(coordinator, 'coordinator');
    expect(await whoMustAct(world.services, unassigned())).toEqual([onCall, lead]);
  });

  it('is the on-call person with the coordinators and managers when the rule names nobody', async () => {
    rule({ onCall });
    world.grant(coordinator, 'coordinator');
    world.grant(manager, 'manager');
    expect(await whoMustAct(world.services, unassigned())).toEqual([onCall, coordinator, manager]);
  });

  it('is whoever triages for a case no rule routes: the coordinators, else the directors', async () => {
    world.grant(director, 'DCOM');
    expect(await whoMustAct(world.services, unassigned('altro'))).toEqual([director]);
    expect((await routeOf(world.services, unassigned('altro'))).mention).toEqual([director]);
    world.grant(coordinator, 'coordinator');
    expect(await whoMustAct(world.services, unassigned('altro'))).toEqual([coordinator]);
    expect((await routeOf(world.services, unassigned('altro'))).mention).toEqual([coordinator]);
  });

  it('at a breach adds the managers and the directors, each person once', async () => {
    rule({ mention: [manager], onCall });
    world.grant(manager, 'manager');
    world.grant(director, 'DCOM', 'manager');
    expect(await whoAnswersFor(world.services, unassigned())).toEqual([onCall, manager, director]);
    const held = { ...unassigned(), assignee: tech } as Complaint;
    expect(await whoAnswersFor(world.services, held, tech)).toEqual([tech, manager, director]);
  });
});
