import type { ComplaintStatus, Priority } from '../complaint/complaint.js';
import type { SlaTarget } from './sla-clock.js';

export interface SlaRule {
  target: SlaTarget;
  /** calendar: wall-clock time (safety does not wait for Monday); business: working time. */
  basis: 'calendar' | 'business';
  minutes: number;
  /** A window: `minutes` is the target (warn), `limitMinutes` the breach. */
  limitMinutes?: number;
}

export interface SlaPolicy {
  rules: Record<Priority, SlaRule[]>;
  /** Share of the budget after which the assignee is nudged (default 0.75). */
  warnFraction: number;
  /** While a case is in one of these, its clocks stand still. */
  pausedIn: ComplaintStatus[];
}

/** Seed 001's targets; `dayMinutes` is one business day of the company's calendar. */
export function defaultSlaPolicy(dayMinutes: number): SlaPolicy {
  return {
    rules: {
      P1: [
        { target: 'first_response', basis: 'calendar', minutes: 30 },
        { target: 'resolution', basis: 'calendar', minutes: 24 * 60 },
      ],
      P2: [
        { target: 'take_in_charge', basis: 'business', minutes: dayMinutes },
        { target: 'resolution', basis: 'business', minutes: 5 * dayMinutes },
      ],
      P3: [
        {
          target: 'resolution',
          basis: 'business',
          minutes: 3 * dayMinutes,
          limitMinutes: 5 * dayMinutes,
        },
      ],
    },
    warnFraction: 0.75,
    pausedIn: ['waiting_customer', 'awaiting_approval'],
  };
}
