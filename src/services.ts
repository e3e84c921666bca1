import type { CareServices } from './domain/care/care.ports.js';
import type { SatisfactionServices } from './domain/satisfaction/satisfaction.ports.js';
import type { CommunicationServices } from './domain/communication/communication.ports.js';
import type { DigestServices } from './domain/kpi/digest.js';
import { businessDayMinutes } from './domain/calendar/business-calendar.js';
import type { UnsignedD2Services } from './domain/d2/remind-unsigned-d2.js';
import type { CaseRules, ComplaintServices } from './domain/complaint/complaint.ports.js';
import type { SlaPromotionServices } from './domain/sla/promote-reminders.js';
import type { D2Services } from './domain/d2/d2.ports.js';
import type { Clock, Notifier, SlaScheduler } from './domain/shared/shared.ports.js';
import type { RoutingServices } from './domain/routing/routing.ports.js';
import type { TaxonomyServices } from './domain/taxonomy/taxonomy.ports.js';
import type { Store } from './store/index.js';

/** What the store cannot provide: time, delivery of messages, reminders, the company's rules. */
export interface ServiceParts {
  clock: Clock;
  notifier: Notifier;
  scheduler: SlaScheduler;
  rules: CaseRules;
}

export type Services = ComplaintServices & D2Services;

/** The ports every use case needs, backed by the database. */
export function buildServices(store: Store, parts: ServiceParts): Services {
  return {
    complaints: store.complaints,
    serviceOrders: store.serviceOrders,
    d2Requests: store.d2Requests,
    clients: store.clients,
    routing: store.routingRules,
    taxonomy: store.taxonomy,
    events: store.caseEvents,
    roles: store.roles,
    settings: store.settings,
    timeZone: parts.rules.calendar.timeZone,
    ...parts,
  };
}

/** Finding filings a crash interrupted: unannounced cases, queued once-keys, their events. */
export function filingServices(store: Store, services: Services) {
  return {
    ...services,
    filings: {
      unannounced: store.complaints.unannounced,
      queued: store.outbox.queued,
      recorded: store.caseEvents.recorded,
      claim: (key: string) => store.outbox.claimOnce(key, services.clock.now()),
    },
  };
}

/** Promoting SLA reminders: cases whose clocks come due soon, and the scheduler that keeps them. */
export function slaPromotionServices(
  store: Store,
  services: Services,
  keep: SlaPromotionServices['keep'],
): SlaPromotionServices {
  return { clock: services.clock, comingDue: store.complaints.comingDue, keep };
}

/** Business time of the unsigned-D2 reminders: after 4 business hours, then once a business day. */
export function unsignedD2Services(store: Store, services: Services): UnsignedD2Services {
  const { calendar } = services.rules;
  return {
    d2Requests: store.d2Requests,
    roles: store.roles,
    notifier: services.notifier,
    clock: services.clock,
    calendar,
    policy: { firstAfterMinutes: 4 * 60, everyMinutes: businessDayMinutes(calendar.hours) },
  };
}

export function digestServices(store: Store, services: Services): DigestServices {
  return {
    kpi: store.kpi,
    notifier: services.notifier,
    clock: services.clock,
    timeZone: services.rules.calendar.timeZone,
    calendar: services.rules.calendar,
  };
}

export function careServices(store: Store, services: Services): CareServices {
  return {
    care: store.care,
    roles: store.roles,
    events: store.caseEvents,
    notifier: services.notifier,
    clock: services.clock,
    calendar: services.rules.calendar,
  };
}

export function communicationServices(store: Store, services: Services): CommunicationServices {
  return {
    communications: store.communications,
    protocol: store.communications.protocol,
    clients: store.clients,
    roles: store.roles,
    events: store.caseEvents,
    notifier: services.notifier,
    clock: services.clock,
    timeZone: services.rules.calendar.timeZone,
  };
}

/** Satisfaction: the complaint services plus one-time survey links, valid `surveyDays` days. */
export function satisfactionServices(
  store: Store,
  services: Services,
  surveyDays = 14,
): SatisfactionServices {
  return { ...services, surveys: store.surveys, surveyDays };
}

/** Editing the taxonomy from chat: the entries, who may, the audit trail. */
export function taxonomyServices(store: Store, services: Services): TaxonomyServices {
  return {
    taxonomy: store.taxonomy,
    roles: store.roles,
    events: store.caseEvents,
    clock: services.clock,
  };
}

/** Editing the routing table from chat: the rules, who may, the audit trail. */
export function routingServices(store: Store, services: Services): RoutingServices {
  return {
    rules: store.routingRules,
    roles: store.roles,
    events: store.caseEvents,
    clock: services.clock,
  };
}
