import type { CaseEvent, NewCaseEvent } from '../../src/domain/audit/case-event.js';
import { NewClientSchema, type Client } from '../../src/domain/client/client.js';
import { nameKey } from '../../src/domain/client/client-identity.js';
import type { BusinessCalendar } from '../../src/domain/calendar/business-calendar.js';
import { businessDayMinutes } from '../../src/domain/calendar/business-calendar.js';
import type { Complaint } from '../../src/domain/complaint/complaint.js';
import type { ComplaintServices } from '../../src/domain/complaint/complaint.ports.js';
import type { ServiceOrder } from '../../src/domain/complaint/service-order.js';
import type { D2Request } from '../../src/domain/d2/d2-request.js';
import type { D2Services } from '../../src/domain/d2/d2.ports.js';
import { formatNumber, type SequenceName } from '../../src/domain/numbering/numbering.js';
import type { Role } from '../../src/domain/roles/role.js';
import type { RoutingRule } from '../../src/domain/routing/routing-rule.js';
import type { ChatUser } from '../../src/domain/shared/chat-user.js';
import type { CaseRef, Notification } from '../../src/domain/shared/notification.js';
import type { SlaClock } from '../../src/domain/sla/sla-clock.js';
import type { TaxonomyEntry } from '../../src/domain/taxonomy/taxonomy.js';
import { defaultSlaPolicy } from '../../src/domain/sla/sla-policy.js';

/** A clock the test moves by hand. */
export class FixedClock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
  set(at: Date) {
    this.current = at;
  }
}

let nextId = 1;
const newId = () => (nextId++).toString(16).padStart(24, '0');

/** In-memory stand-ins for every port, recording what the use cases did. */
export function inMemoryServices(calendar: BusinessCalendar, start: Date) {
  const clock = new FixedClock(start);
  const complaints = new Map<string, Complaint>();
  const d2s = new Map<string, D2Request>();
  const orders: ServiceOrder[] = [];
  const clients = new Set<string>();
  const named = new Map<string, Client>();
  const roleTable = new Map<string, { user: ChatUser; roles: Role[] }>();
  const events: CaseEvent[] = [];
  const notifications: Notification[] = [];
  const queuedKeys = new Set<string>();
  const schedules: { ref: CaseRef; clocks: SlaClock[] }[] = [];
  const routingRules: RoutingRule[] = [];
  const taxonomyEntries: TaxonomyEntry[] = [];
  const counters = new Map<string, number>();
  const settings = new Map<string, unknown>();
  const issue = (sequence: SequenceName, year: number) => {
    const key = `${sequence}:${year}`;
    counters.set(key, (counters.get(key) ?? 0) + 1);
    return formatNumber(sequence, year, counters.get(key) ?? 0);
  };
  const stamp = () => ({
    id: newId(),
    createdAt: clock.now(),
    updatedAt: clock.now(),
    revision: 0,
  });
  const copy = <T>(value: T): T => structuredClone(value);

  const services: ComplaintServices & D2Services = {
    complaints: {
      async register(data, year) {
        const complaint = { ...copy(data), ...stamp(), number: issue('complaint', year) };
        complaints.set(complaint.id, complaint);
        return copy(complaint);
      },
      async registerOnce(data, year, firstEvents = []) {
        const earlier = [...complaints.values()].find(
          (c) => data.intakeKey && c.intakeKey === data.intakeKey,
        );
        if (earlier) return { record: copy(earlier), first: false };
        const record = await this.register(data, year);
        // Stored with the case, as the store does: the trail shows them as its first events.
        const ref = {
          caseKind: 'complaint',
          caseId: record.id,
          caseNumber: record.number,
        } as const;
        for (const e of firstEvents)
          events.push({ ...ref, ...copy(e), id: String(events.length + 1) });
        return { record, first: true };
      },
      get: async (id) => copy(complaints.get(id)),
      findByNumber: async (number) =>
        copy([...complaints.values()].find((c) => c.number === number)),
      async save(complaint, readRevision) {
        if (complaints.get(complaint.id)?.revision !== readRevision) return false;
        complaints.set(complaint.id, { ...copy(complaint), revision: readRevision + 1 });
        return true;
      },
      findByIntakeKey: async (key) =>
        copy([...complaints.values()].find((c) => c.intakeKey === key)),
      latestOf: async (clientId, problemCode, since) =>
        copy(
          [...complaints.values()]
            .filter(
              (c) =>
                c.clientId === clientId && c.problemCode === problemCode && c.receivedAt >= since,
            )
            .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())[0],
        ),
    },
    serviceOrders: {
      async issue(data, year) {
        const { revision: _revision, ...base } = stamp();
        const order = { ...copy(data), ...base, number: issue('serviceOrder', year) };
        orders.push(order);
        return copy(order);
      },
    },
    d2Requests: {
      async register(data, year) {
        const d2 = { ...copy(data), ...stamp(), number: issue('d2', year) };
        d2s.set(d2.id, d2);
        return copy(d2);
      },
      async registerOnce(data, year) {
        const earlier = [...d2s.values()].find(
          (d) => data.intakeKey && d.intakeKey === data.intakeKey,
        );
        if (earlier) return { record: copy(earlier), first: false };
        return { record: await this.register(data, year), first: true };
      },
      findByIntakeKey: async (key) => copy([...d2s.values()].find((d) => d.intakeKey === key)),
      get: async (id) => copy(d2s.get(id)),
      async save(d2, readRevision) {
        if (d2s.get(d2.id)?.revision !== readRevision) return false;
        d2s.set(d2.id, { ...copy(d2), revision: readRevision + 1 });
        return true;
      },
    },
    clients: {
      exists: async (id) => clients.has(id),
      find: async (id) => copy([...named.values()].find((c) => c.id === id)),
      async register(data) {
        if (named.has(nameKey(data.name))) return undefined;
        const { revision: _revision, ...base } = stamp();
        clients.add(base.id);
        const client = { ...NewClientSchema.parse(data), ...base };
        named.set(nameKey(data.name), client);
        return copy(client);
      },
      findByName: async (name) => copy(named.get(nameKey(name))),
    },
    routing: { rules: async () => copy(routingRules) },
    taxonomy: { entries: async () => copy(taxonomyEntries) },
    events: {
      async append(event: NewCaseEvent) {
        events.push({ ...copy(event), id: String(events.length + 1) });
      },
    },
    roles: {
      rolesOf: async (user) => [...(roleTable.get(`${user.platform}:${user.id}`)?.roles ?? [])],
      holdersOf: async (role) =>
        [...roleTable.values()].filter((r) => r.roles.includes(role)).map((r) => r.user),
    },
    notifier: {
      async queue(notification, options) {
        if (options?.once && queuedKeys.has(options.once)) return;
        if (options?.once) queuedKeys.add(options.once);
        notifications.push(copy(notification));
      },
    },
    scheduler: {
      async reschedule(ref, clocks) {
        schedules.push({ ref, clocks: copy(clocks) });
      },
    },
    clock,
    timeZone: calendar.timeZone,
    settings: { read: async (key) => settings.get(key) },
    rules: {
      calendar,
      sla: defaultSlaPolicy(businessDayMinutes(calendar.hours)),
      escalation: {
        costThresholdEur: 500,
        featureChangeNeedsReview: true,
        outsidePolicyNeedsManager: true,
      },
      repeatWindowDays: 90,
      triage: { platform: 'slack', channel: 'C-TRIAGE' },
    },
  };

  return {
    services,
    clock,
    complaints,
    d2s,
    orders,
    events,
    notifications,
    schedules,
    routingRules,
    settings,
    taxonomyEntries,
    addClient(): string {
      const id = newId();
      clients.add(id);
      return id;
    },
    grant(user: ChatUser, ...roles: Role[]) {
      roleTable.set(`${user.platform}:${user.id}`, { user, roles });
    },
  };
}
export type World = ReturnType<typeof inMemoryServices>;
