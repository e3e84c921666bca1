import { rolesModal } from '../../../src/bot/slack/views/roles-form.js';
import { clientConfirmModal } from '../../../src/bot/slack/views/client-confirm.js';
import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../../src/bot/slack/blocks/block-kit.js';
import { approvalRequest, caseCard } from '../../../src/bot/slack/blocks/case-card.js';
import { d2Card } from '../../../src/bot/slack/blocks/d2-card.js';
import { adminModal } from '../../../src/bot/slack/blocks/admin-modals.js';
import { STATIC_MAX } from '../../../src/bot/slack/blocks/taxonomy-select.js';
import {
  careCallModal,
  caseFormModal,
  complaintModal,
  d2Modal,
  type CaseFormKind,
} from '../../../src/bot/slack/blocks/modals.js';
import type { Client } from '../../../src/domain/client/client.js';
import { COMPLAINT_STATUSES, type Complaint } from '../../../src/domain/complaint/complaint.js';
import { D2_STATUSES, type D2Request } from '../../../src/domain/d2/d2-request.js';
import { LOCALES, translator } from '../../../src/i18n/translate.js';
import { aClient, aComplaint, director, operator, longest } from '../../support/fixtures.js';

const AT = new Date('2026-11-20T09:15:00.000Z');
const ID = 'a'.repeat(24);

const client: Client = {
  ...aClient({ code: longest(40), name: longest(200) }),
  id: ID,
  createdAt: AT,
  updatedAt: AT,
} as Client;

function longestComplaint(status: Complaint['status']): Complaint {
  const base = aComplaint(ID, {
    product: longest(200),
    description: longest(4000),
    problemCode: longest(40),
    category: longest(80),
    department: longest(80),
    status,
  });
  const clock = base.slaClocks[0]!;
  return {
    ...base,
    id: ID,
    number: 'R-2026-12345',
    repeatOf: { id: ID, number: 'R-2025-99999' },
    approvals: (['cost', 'feature_change', 'outside_policy', 'other'] as const).flatMap((kind) =>
      (['pending', 'approved', 'refused'] as const).map((s) => ({
        ...base.approvals[0]!,
        kind,
        status: s,
        reason: longest(500),
      })),
    ),
    slaClocks: [
      { ...clock, state: 'running' },
      { ...clock, target: 'resolution', state: 'breached', limitAt: clock.dueAt },
      { ...clock, target: 'take_in_charge', state: 'paused', pausedAt: AT },
    ] as Complaint['slaClocks'],
    revision: 3,
    createdAt: AT,
    updatedAt: AT,
  } as Complaint;
}

function longestD2(status: D2Request['status']): D2Request {
  return {
    id: ID,
    number: 'D2-2026-12345',
    requester: operator,
    requesterOffice: 'SAMM',
    clientId: ID,
    reason: longest(4000),
    urgency: 'high',
    notes: longest(4000),
    status,
    submittedAt: AT,
    signature: { by: director, at: AT },
    declineReason: longest(2000),
    outcome: longest(4000),
    revision: 1,
    createdAt: AT,
    updatedAt: AT,
  };
}

const FORMS: CaseFormKind[] = [
  'note',
  'resolve',
  'close',
  'escalate',
  'reason',
  'refuse',
  'd2Decline',
  'd2Complete',
];

describe.each(LOCALES)('Slack surfaces with the longest values, in %s', (locale) => {
  const t = translator(locale);
  const ctx = { t, locale, timeZone: 'Europe/Rome', now: new Date('2026-11-25T10:00:00.000Z') };

  it.each(COMPLAINT_STATUSES)('renders the case card of a %s complaint', (status) => {
    expect(blockKitProblems('message', caseCard(longestComplaint(status), client, ctx))).toEqual(
      [],
    );
    expect(blockKitProblems('message', caseCard(longestComplaint(status), undefined, ctx))).toEqual(
      [],
    );
  });

  it.each(D2_STATUSES)('renders the D2 card of a %s request', (status) => {
    expect(blockKitProblems('message', d2Card(longestD2(status), client, ctx))).toEqual([]);
  });

  it('renders every approval request', () => {
    for (const kind of ['cost', 'feature_change', 'outside_policy', 'other']) {
      const mentions = Array.from(
        { length: 20 },
        (_, i) => `<@U${String(i).padStart(10, '0')}>`,
      ).join(' ');
      const request = approvalRequest(
        longestComplaint('awaiting_approval'),
        kind,
        mentions,
        longest(500),
        t,
      );
      expect(blockKitProblems('message', request)).toEqual([]);
    }
  });

  it('renders every form, with the longest prefill and client name', () => {
    const prefill = { description: longest(40_000), client: { id: ID, label: longest(200) } };
    const metadata = {
      channel: 'C0123456789',
      sourceMessageUrl: `https://x.slack.com/${'p'.repeat(900)}`,
    };
    expect(blockKitProblems('modal', complaintModal(t, metadata, prefill))).toEqual([]);
    expect(blockKitProblems('modal', d2Modal(t, metadata, prefill))).toEqual([]);
    expect(
      blockKitProblems('modal', careCallModal(t, { id: ID, name: longest(200) }, '2026-12-02')),
    ).toEqual([]);
    expect(blockKitProblems('modal', rolesModal(t))).toEqual([]);
    // The edit confirmation with every field changed to its longest value.
    const edited = {
      ...client,
      code: longest(40).replace(/^./, 'Z'),
      name: longest(200).replace(/^./, 'Z'),
      classification: { kind: 'business' as const, industry: longest(120), location: longest(120) },
      owner: { platform: 'slack' as const, id: 'U0123456789' },
      careCadenceDays: 3650,
      loyal: !client.loyal,
    };
    const form = {
      code: edited.code,
      name: edited.name,
      industry: longest(120),
      location: longest(120),
      owner: edited.owner,
      careCadenceDays: '3650',
      loyal: true,
    };
    const confirm = clientConfirmModal(
      { clientId: ID, key: `slack:view:${'V'.repeat(20)}`, form },
      { before: client, after: edited },
      t,
    );
    expect(blockKitProblems('modal', confirm)).toEqual([]);
    const changes = (confirm.blocks[1] as { text: { text: string } }).text.text;
    // code, name, industry, location, owner, cadence, loyalty: one "before → after" each.
    expect(changes.split(' → ')).toHaveLength(8);
    // The move form with the most departments a static select takes ("not sure" first), and more.
    for (const count of [STATIC_MAX - 1, STATIC_MAX + 1]) {
      const entries = Array.from({ length: count }, (_, i) => ({
        kind: 'department' as const,
        code: `reparto-${i}`,
        label: longest(75),
        labelEn: longest(75),
        status: 'active' as const,
      }));
      const move = adminModal('reroute', longestComplaint('new'), t, [longest(80)], {
        entries,
        language: locale,
      });
      expect(blockKitProblems('modal', move)).toEqual([]);
      expect(JSON.stringify(move)).toContain(
        count < STATIC_MAX ? 'static_select' : 'external_select',
      );
    }
    for (const kind of FORMS) {
      const form = caseFormModal(
        kind,
        t,
        { id: ID, channel: 'C0123456789', approvalKind: 'feature_change' },
        'R-2026-12345',
      );
      expect(blockKitProblems('modal', form)).toEqual([]);
    }
  });
});
