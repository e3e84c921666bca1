import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { useTestDatabase } from '../support/database.js';
import { aClient } from '../support/fixtures.js';

describe('documents that no longer match their schema', () => {
  const db = useTestDatabase('read_boundary');
  const badId = new Types.ObjectId();
  beforeAll(async () => {
    await db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'GOOD-1' })));
    // Written behind mongoose's back, as an old version or a manual edit might have done.
    await db.connection.db!.collection('clients').insertOne({
      _id: badId,
      code: 'BAD-1',
      name: '',
      classification: { kind: 'alien' },
      careCadenceDays: -5,
    });
  });

  it('reports a bad record on get instead of crashing', async () => {
    const result = await db.store.clients.get(badId.toHexString());
    if (result.ok || result.error.code !== 'STORE.BAD_RECORD') throw new Error('not reported');
    expect(result.error).toMatchObject({
      code: 'STORE.BAD_RECORD',
      collection: 'clients',
      id: badId.toHexString(),
    });
    expect(result.error.issues.join('\n')).toMatch(/name/);
    expect(result.error.issues.join('\n')).toMatch(/careCadenceDays/);
  });

  it('lists the good records and reports the bad one', async () => {
    db.badRecords.length = 0;
    const clients = await db.store.clients.list({});
    expect(clients.map((c) => c.code)).toEqual(['GOOD-1']);
    expect(db.badRecords).toHaveLength(1);
    expect(db.badRecords[0]).toMatchObject({ collection: 'clients', id: badId.toHexString() });
  });
});
