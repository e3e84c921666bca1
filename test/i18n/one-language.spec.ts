import { describe, expect, it } from 'vitest';
import { approvalReason } from '../../src/bot/shared/approval-reason.js';
import { eventLine } from '../../src/bot/shared/event-line.js';
import { formatAmount, formatNumber } from '../../src/bot/shared/format.js';
import { registrationMessage } from '../../src/bot/shared/registration-message.js';
import type { NewCaseEvent } from '../../src/domain/audit/case-event.js';
import type { Complaint } from '../../src/domain/complaint/complaint.js';
import { requiredApprovals } from '../../src/domain/complaint/escalation.js';
import { en } from '../../src/i18n/en.js';
import { it as italian } from '../../src/i18n/it.js';
import { translator, type Locale } from '../../src/i18n/translate.js';

// Words that give away the other language; role names (DCOM, SCOM, manager…), the procedure's
// own "Customer Care" and product names are the same in both and are not listed.
const ENGLISH =
  /\b(the|and|of|with|above|estimated|cost|costs|complaints?|register|department|recorded|approval|waiting|rows|request|outside|policy|EUR)\b/i;
const ITALIAN =
  /\b(il|della|dei|di|reclam[oi]|costo|stimato|oltre|registro|soddisfazione|aperti|chiusi|righe|richiesta)\b/i;
const WRONG: Record<Locale, RegExp> = { it: ENGLISH, en: ITALIAN };
/** A catalogue key left in the text instead of its message. */
const RAW_KEY =
  /\b(complaint|approval|status|thread|escalation|register|kpi|digest|care|d2|error|roles)\.[a-z_]+/;

const AT = new Date('2026-11-20T09:15:00.000Z');
const actor = { platform: 'slack' as const, id: 'U0OPER' };
const approvals = requiredApprovals(
  {
    priority: 'P2',
    estimatedCostEur: 1800.5,
    changesProductFunctionality: true,
    outsidePolicy: true,
  },
  { costThresholdEur: 1000, featureChangeNeedsReview: true, outsidePolicyNeedsManager: true },
  AT,
);
const event = (type: string, data: Record<string, unknown>): NewCaseEvent => ({
  caseKind: 'complaint',
  caseId: 'c1',
  caseNumber: 'R-2026-0004',
  type,
  actor,
  at: AT,
  data,
});
const events = [
  event('complaint.status_changed', { from: 'new', to: 'in_progress' }),
  event('complaint.note_added', { text: 'Pezzo ordinato' }),
  ...approvals.map((a) =>
    event('approval.requested', { kind: a.kind, reason: a.reason, say: a.say }),
  ),
  event('approval.given', { kind: 'cost' }),
  event('approval.refused', { kind: 'cost' }),
  event('service_order.issued', { serviceOrder: 'OS-1', dueAt: AT.toISOString() }),
  event('complaint.satisfaction_recorded', { rating: 4 }),
  event('something.new', {}),
];

function messages(locale: Locale): string[] {
  const t = translator(locale);
  const style = {
    t,
    locale,
    timeZone: 'Europe/Rome',
    actor: () => '<@U0OPER>',
    escape: (x: string) => x,
  };
  const waiting = { number: 'R-2026-0004', priority: 'P2', approvals } as unknown as Complaint;
  return [
    ...events.map((e) => eventLine(e, style)),
    registrationMessage(
      waiting,
      { destination: { platform: 'slack', channel: 'C1' } } as never,
      t,
      locale,
      (id) => id,
    ),
    ...approvals.map((a) => approvalReason(a.reason, a.say, t, locale)),
    t('export.done', { register: t('register.complaints'), rows: 6 }),
    t('kpi.title', { by: t('kpi.by.department'), from: '01/11/2026', to: '30/11/2026' }),
  ];
}

describe('one language at a time', () => {
  for (const locale of ['it', 'en'] as const)
    it(`renders every kind of thread line, registration and reason in ${locale} only`, () => {
      for (const text of messages(locale)) {
        expect(text, text).not.toMatch(RAW_KEY);
        expect(text, text).not.toMatch(WRONG[locale]);
        expect(text, text).not.toMatch(/\{\w+\}/);
      }
    });

  it('says amounts and numbers as the reader writes them', () => {
    expect(formatAmount(1800.5, 'it')).toBe('1.800,50\u00a0€');
    expect(formatAmount(1800.5, 'en')).toBe('€1,800.50');
    expect(formatNumber(0, 'it', 1)).toBe('0,0');
    expect(messages('it')).toContain(
      'costo stimato 1.800,50\u00a0€, oltre la soglia di 1.000,00\u00a0€',
    );
  });

  it('writes each catalogue in its own language (placeholders and commands aside)', () => {
    const prose = (text: string) => text.replace(/\{\w+\}/g, '').replace(/`[^`]*`/g, '');
    for (const [locale, catalogue] of [
      ['it', italian],
      ['en', en],
    ] as const)
      for (const [key, text] of Object.entries(catalogue))
        expect(prose(text), `${locale} ${key}`).not.toMatch(WRONG[locale]);
  });

  it('has every key in both catalogues, none left empty or equal to its key', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(italian).sort());
    for (const [key, text] of [...Object.entries(italian), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).not.toBe(key);
    }
  });
});
