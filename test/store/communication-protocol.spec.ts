import { beforeAll, describe, expect, it } from 'vitest';
import {
  draftCommunication,
  markCommunicationSent,
  protocolCommunication,
} from '../../src/domain/communication/communication-use-cases.js';
import { NewClientSchema } from '../../src/domain/client/client.js';
import type { Communication } from '../../src/domain/communication/communication.js';
import { buildServices, communicationServices } from '../../src/services.js';
import { connectDatabase } from '../../src/store/connection.js';
import { createStore } from '../../src/store/index.js';
import { FixedClock } from '../fakes/in-memory-services.js';
import { rome, romeRules } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, director } from '../support/fixtures.js';

const office = { platform: 'slack' as const, id: 'U0SCOM' };

describe('communications (Mod. 07_A17) and their protocol numbers', () => {
  const db = useTestDatabase('communications');
  const clock = new FixedClock(rome('2026-11-23 10:00'));
  let services: ReturnType<typeof communicationServices>;
  let clientId: string;
  beforeAll(async () => {
    const base = buildServices(db.store, {
      clock,
      notifier: { queue: async () => undefined },
      scheduler: { reschedule: async () => undefined },
      rules: romeRules(),
    });
    services = communicationServices(db.store, base);
    clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    await db.store.roles.assign(director, ['DCOM']);
    await db.store.roles.assign(office, ['SCOM']);
  });
  const draft = async (subject: string): Promise<Communication> => {
    const result = await draftCommunication(services, director, {
      clientId,
      subject,
      body: 'Gentile cliente,\n\ncordiali saluti.',
    });
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  };

  it('gives 50 drafts protocolled at once the numbers 2026/0001 to 2026/0050, each once', async () => {
    const drafts = await Promise.all(Array.from({ length: 50 }, (_, i) => draft(`Oggetto ${i}`)));
    const results = await Promise.all(
      drafts.map((d) => protocolCommunication(services, office, { communicationId: d.id })),
    );
    const numbers = results.map((r) => (r.ok ? r.value.protocol?.number : r.error.code)).sort();
    expect(numbers).toEqual(
      Array.from({ length: 50 }, (_, i) => `2026/${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('spends no number when the same draft is protocolled five times at once', async () => {
    const one = await draft('Doppio clic');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        protocolCommunication(services, office, { communicationId: one.id }),
      ),
    );
    const given = results.filter((r) => r.ok).map((r) => (r.ok ? r.value.protocol?.number : ''));
    expect(new Set(given)).toEqual(new Set(['2026/0051']));
    const next = await draft('Dopo');
    expect(
      await protocolCommunication(services, office, { communicationId: next.id }),
    ).toMatchObject({
      ok: true,
      value: { protocol: { number: '2026/0052' } },
    });
    expect((await db.store.communications.get(one.id))?.protocol?.number).toBe('2026/0051');
  });

  it('stays gap-free with two bot instances (two connections) protocolling at once', async () => {
    const other = await connectDatabase(db.uri, db.dbName);
    const otherStore = await createStore(other, () => undefined);
    const otherServices = communicationServices(
      otherStore,
      buildServices(otherStore, {
        clock,
        notifier: { queue: async () => undefined },
        scheduler: { reschedule: async () => undefined },
        rules: romeRules(),
      }),
    );
    const drafts = await Promise.all(Array.from({ length: 20 }, (_, i) => draft(`Istanze ${i}`)));
    const results = await Promise.all(
      drafts.map((d, i) =>
        protocolCommunication(i % 2 ? otherServices : services, office, { communicationId: d.id }),
      ),
    );
    await other.close();
    const numbers = results
      .map((r) => (r.ok ? Number(r.value.protocol?.number.slice(5)) : -1))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => 53 + i));
  });

  it('lets only SCOM protocol, keeps the text once protocolled, and records the sending', async () => {
    const letter = await draft('Rinnovo');
    expect(
      await protocolCommunication(services, director, { communicationId: letter.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMMUNICATION.FORBIDDEN' },
    });
    expect(
      await draftCommunication(services, office, { clientId, subject: 'x', body: 'y' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMMUNICATION.FORBIDDEN' },
    });
    expect(
      await markCommunicationSent(services, office, {
        communicationId: letter.id,
        channel: 'email',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMMUNICATION.NOT_ALLOWED_NOW' },
    });
    await protocolCommunication(services, office, { communicationId: letter.id });
    expect(
      await protocolCommunication(services, office, { communicationId: letter.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'COMMUNICATION.NOT_ALLOWED_NOW' },
    });
    const sent = await markCommunicationSent(services, office, {
      communicationId: letter.id,
      channel: 'email',
    });
    expect(sent).toMatchObject({
      ok: true,
      value: { status: 'sent', sent: { channel: 'email', by: office } },
    });
    const stored = await db.store.communications.get(letter.id);
    expect(stored).toMatchObject({
      subject: 'Rinnovo',
      body: 'Gentile cliente,\n\ncordiali saluti.',
      status: 'sent',
    });
    const history = await db.store.caseEvents.history('communication', letter.id);
    expect(history.map((e) => e.type)).toEqual([
      'communication.drafted',
      'communication.protocolled',
      'communication.sent',
    ]);
  });
});
