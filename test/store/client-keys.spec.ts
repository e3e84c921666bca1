import { describe, expect, it } from 'vitest';
import { codeKey, nameKey } from '../../src/domain/client/client-identity.js';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { backfillClientKeys } from '../../src/store/client-migrations.js';
import { createStore } from '../../src/store/index.js';
import type { BadRecord } from '../../src/store/read-boundary.js';
import { useTestDatabase } from '../support/database.js';
import { aClient } from '../support/fixtures.js';

describe('one client per normalised code and name', () => {
  const db = useTestDatabase('client_keys');

  it('reads spellings of one client as one: case, spaces, accents, legal-form dots', () => {
    expect(nameKey('Officine Rossi S.r.l.')).toBe(nameKey('OFFICINE  ROSSI srl'));
    expect(nameKey('Officine Rossi, SRL')).toBe(nameKey(' officine rossi s.r.l '));
    expect(nameKey('Società Bianchi')).toBe(nameKey('SOCIETA BIANCHI'));
    expect(nameKey('Rossi Srl')).not.toBe(nameKey('Rossi Spa'));
    expect(codeKey(' cli-001 ')).toBe(codeKey('CLI-001'));
  });

  it('refuses a second client whose code or name is the first one spelt differently', async () => {
    const { clients } = db.store;
    const first = await clients.register(aClient({ code: 'KEY-1', name: 'Ferri Snc' }));
    expect(first).toBeDefined();
    expect(await clients.register(aClient({ code: 'key-1', name: 'Altro' }))).toBeUndefined();
    expect(
      await clients.register(aClient({ code: 'KEY-2', name: 'FERRI s.n.c.' })),
    ).toBeUndefined();
    expect(await clients.findByCode('key-1')).toMatchObject({ id: first!.id });
    expect(await clients.findByName('ferri  snc')).toMatchObject({ id: first!.id });
    // An edit to another client's name is refused, not applied.
    const other = await clients.register(aClient({ code: 'KEY-3', name: 'Galli' }));
    expect(await clients.update(other!.id, { name: 'Ferri S.N.C.' })).toBe('taken');
    expect(await clients.findByCode('KEY-3')).toMatchObject({ name: 'Galli' });
  });

  it('keys clients stored before the keys existed; duplicates already there are reported, not fatal', async () => {
    const raw = db.connection.db!.collection('clients');
    const legacy = (code: string, name: string) => {
      const { code: _c, name: _n, ...rest } = NewClientSchema.parse(aClient());
      return { ...rest, code, name, createdAt: new Date(), updatedAt: new Date() };
    };
    await raw.insertMany([
      legacy('OLD-1', 'Vecchia Ditta Srl'),
      legacy('OLD-2', 'VECCHIA DITTA S.r.l.'),
      legacy('old-3', 'Terza'),
      legacy('OLD-3', 'Quarta'),
    ]);
    const reported: BadRecord[] = [];
    const outcome = await backfillClientKeys(db.store.models, (bad) => reported.push(bad));
    expect(outcome).toEqual({ keyed: 6, clashes: 2 });
    expect(reported.map((r) => r.issues[0])).toEqual([
      expect.stringMatching(/^nameKey "vecchia ditta srl" already belongs to client OLD-1/),
      expect.stringMatching(/^codeKey "old-3" already belongs to client old-3/),
    ]);
    // A restart still starts, keys nothing more and reminds of the duplicates until resolved.
    const restarted: BadRecord[] = [];
    const again = await createStore(db.connection, (bad) => restarted.push(bad));
    expect(restarted.filter((r) => r.collection === 'clients')).toHaveLength(2);
    expect(await backfillClientKeys(again.models, () => undefined)).toEqual({
      keyed: 0,
      clashes: 2,
    });
    expect(await raw.countDocuments({ code: /^(OLD|old)-/ })).toBe(4);
  });
});
