import type { Model } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { fileComplaint } from '../../src/domain/complaint/file-complaint.js';
import { importComplaints } from '../../src/import/import-complaints.js';
import { COMPLAINT_HEADERS, COMPLAINT_REQUIRED, resolveMapping } from '../../src/import/mapping.js';
import { readCsv } from '../../src/import/read-csv.js';
import { buildServices } from '../../src/services.js';
import type { Store } from '../../src/store/index.js';
import { FixedClock } from '../fakes/in-memory-services.js';
import { rome, romeRules } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint, operator, slackUser } from '../support/fixtures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;
const MADE_BY_THE_INSERT = ['_id', 'createdAt', 'updatedAt'];

/**
 * The store inserts records with the driver (lean-insert.ts), not through mongoose documents.
 * Each document it wrote must be what mongoose itself would have stored from the same fields:
 * the same casts, defaults, computed fields, version key and minimize.
 */
describe('records inserted without mongoose documents', () => {
  const db = useTestDatabase('lean_insert');
  const clock = new FixedClock(rome('2026-11-23 10:00'));

  beforeAll(async () => {
    const { store } = db;
    await store.roles.assign(operator, ['operator']);
    const client = await store.clients.insert(
      NewClientSchema.parse(aClient({ code: 'LEAN-1', name: 'Officine Leggere S.r.l.' })),
    );
    await store.complaints.register(aComplaint(client.id), 2026);
    const services = buildServices(store, {
      clock,
      notifier: { queue: async (n) => store.outbox.enqueue(n, clock.now()) },
      scheduler: { reschedule: async () => undefined },
      rules: romeRules('C-TRIAGE'),
    });
    const filed = await fileComplaint(services, operator, {
      clientId: client.id,
      product: 'Pressa',
      description: 'Perde olio dal cilindro',
      problemCode: 'HYD-2',
      category: 'hydraulics',
      department: 'assistenza-tecnica',
      priority: 'P2',
      channel: 'phone',
      intakeKey: 'lean-intake-1',
    });
    expect(filed.ok).toBe(true);
    await store.d2Requests.register(
      {
        clientId: client.id,
        reason: 'Richiamare dopo il guasto',
        urgency: 'normal',
        requester: slackUser('U0SDID'),
        requesterOffice: 'SDID',
        status: 'submitted',
        submittedAt: clock.now(),
      },
      2026,
    );
    // An import writes its runs in bulk (insertManyLean): a closed case with a cost, and a
    // repeat of it that carries the link to it.
    const register = readCsv(
      [
        'Riferimento;Codice cliente;Data reclamo;Data chiusura;Prodotto;Descrizione;Codice problema;Priorità;Costo',
        'L-1;LEAN-1;02/10/2026;05/10/2026;Pressa;Perde olio;HYD-2;2;120,50',
        'L-2;LEAN-1;20/10/2026;;Pressa;Perde ancora olio;HYD-2;1;',
      ].join('\n'),
    );
    const { mapping } = resolveMapping(register.headers, COMPLAINT_HEADERS, COMPLAINT_REQUIRED);
    const imported = await importComplaints(store, register, mapping, {
      timeZone: 'Europe/Rome',
      dateOrder: 'day-first',
      repeatWindowDays: 90,
    });
    expect(imported).toMatchObject({ ok: true, value: { imported: 2, repeatsLinked: 1 } });
    await store.care.log({
      clientId: client.id,
      at: clock.now(),
      channel: 'phone',
      by: slackUser('U0OFFICE'),
      outcome: 'Tutto bene',
      intakeKey: 'lean-care-1',
    });
  });

  const collections: [name: string, model: (store: Store) => AnyModel, atLeast: number][] = [
    ['clients', (s) => s.models.client, 1],
    ['complaints', (s) => s.models.complaint, 4],
    ['d2 requests', (s) => s.models.d2Request, 1],
    ['care contacts', (s) => s.models.careContact, 1],
    ['outbox', (s) => s.models.outbox, 1],
  ];
  it.each(collections)('%s: as mongoose stores them', async (name, modelOf, atLeast) => {
    const model = modelOf(db.store);
    const twin = model.db.model(
      `LeanTwin_${model.modelName}`,
      model.schema.clone(),
      `lean_twin_${model.collection.collectionName}`,
    );
    await twin.deleteMany({});
    const stored = await model.collection.find({}).toArray();
    expect(stored.length, name).toBeGreaterThanOrEqual(atLeast);
    for (const doc of stored) {
      const fields = without(doc, MADE_BY_THE_INSERT);
      // Computed on insert: mongoose must compute them again, not copy them.
      for (const computed of ['lastActivityAt', 'codeKey', 'nameKey']) delete fields[computed];
      const created = await twin.create({ ...fields, _id: doc._id });
      const theirs = await twin.findById(created._id).lean();
      expect(without(doc, MADE_BY_THE_INSERT)).toEqual(
        without(theirs as object, MADE_BY_THE_INSERT),
      );
    }
  });

  it('a one-time claim: as mongoose stores it, and taken only once', async () => {
    const { outbox, models } = db.store;
    expect(await outbox.claimOnce('lean-claim', clock.now())).toBe(true);
    expect(await outbox.claimOnce('lean-claim', clock.now())).toBe(false);
    const claims = await models.outboxClaim.collection.find({}).toArray();
    const claim = claims.find((c) => String(c._id) === 'lean-claim');
    expect(claim).toEqual({ _id: 'lean-claim', at: clock.now() });
  });
});

function without(doc: object, keys: string[]): Record<string, unknown> {
  const copy = { ...(doc as Record<string, unknown>) };
  for (const key of keys) delete copy[key];
  return copy;
}
