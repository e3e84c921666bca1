import { describe, expect, it } from 'vitest';
import { caseCard } from '../../src/bot/slack/blocks/case-card.js';
import { teamsCaseCard } from '../../src/bot/teams/cards/case-card.js';
import type { Complaint } from '../../src/domain/complaint/complaint.js';
import type { SlaClock } from '../../src/domain/sla/sla-clock.js';
import { translator, type Locale } from '../../src/i18n/translate.js';
import { rome } from '../support/calendar.js';
import { aComplaint } from '../support/fixtures.js';

const MINUTE = 60_000;
const due = rome('2026-11-20 10:30');
const clock = (over: Partial<SlaClock>): SlaClock => ({
  target: 'first_response',
  basis: 'calendar',
  budgetMinutes: 30,
  startedAt: new Date(due.getTime() - 30 * MINUTE),
  runningSince: new Date(due.getTime() - 30 * MINUTE),
  warnAt: new Date(due.getTime() - 8 * MINUTE),
  dueAt: due,
  state: 'running',
  consumedMinutes: 0,
  ...over,
});
const complaintWith = (slaClocks: SlaClock[]) =>
  ({
    ...aComplaint('a'.repeat(24), { status: 'new', assignee: undefined }),
    id: 'b'.repeat(24),
    number: 'R-2026-0006',
    slaClocks,
    revision: 1,
    createdAt: due,
    updatedAt: due,
  }) as Complaint;

/** The SLA lines of a case card, on Slack and on Teams, in one language at one instant. */
function slaLines(complaint: Complaint, locale: Locale, now: Date) {
  const ctx = { t: translator(locale), locale, timeZone: 'Europe/Rome', now };
  const slack = JSON.stringify(caseCard(complaint, undefined, ctx).blocks);
  const teams = JSON.stringify(teamsCaseCard(complaint, undefined, ctx));
  return { slack, teams };
}

describe('the case card says how late a breached clock is', () => {
  const cases: [string, SlaClock, Date, Record<Locale, string>][] = [
    [
      'breached today',
      clock({ state: 'breached' }),
      new Date(due.getTime() + 135 * MINUTE),
      {
        it: 'Prima gestione: entro 20/11/2026 10:30 (scaduta da 2 h 15 min, dalle 10:30)',
        en: 'First handling: by 20/11/2026 10:30 (breached 2 h 15 min ago, since 10:30)',
      },
    ],
    [
      'past its instant but not yet marked by the job',
      clock({}),
      new Date(due.getTime() + 45 * MINUTE),
      {
        it: 'Prima gestione: entro 20/11/2026 10:30 (scaduta da 45 min, dalle 10:30)',
        en: 'First handling: by 20/11/2026 10:30 (breached 45 min ago, since 10:30)',
      },
    ],
    [
      'breached since yesterday',
      clock({ state: 'breached' }),
      new Date(due.getTime() + (24 + 2) * 60 * MINUTE),
      {
        it: 'Prima gestione: entro 20/11/2026 10:30 (scaduta da 1 g 2 h, dal 20/11/2026 10:30)',
        en: 'First handling: by 20/11/2026 10:30 (breached 1 d 2 h ago, since 20/11/2026 10:30)',
      },
    ],
    [
      'reached late',
      clock({ state: 'breached', stoppedAt: new Date(due.getTime() + 45 * MINUTE) }),
      new Date(due.getTime() + 5 * 60 * MINUTE),
      {
        it: 'Prima gestione: entro 20/11/2026 10:30 (scaduto: raggiunto con 45 min di ritardo)',
        en: 'First handling: by 20/11/2026 10:30 (breached: reached 45 min late)',
      },
    ],
  ];
  for (const [name, slaClock, now, expected] of cases)
    for (const locale of ['it', 'en'] as const)
      it(`${name} (${locale}), on Slack and on Teams, with its buttons`, () => {
        const { slack, teams } = slaLines(complaintWith([slaClock]), locale, now);
        expect(slack).toContain(expected[locale]);
        expect(teams).toContain(expected[locale]);
        expect(slack).not.toMatch(/in tempo|on time/);
        expect(slack).toContain('case_take_in_charge');
        expect(teams).toContain('Action.Execute');
      });
});
