import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/store/connection.js';
import { startEmbeddedDatabase } from '../../src/store/embedded/embedded-database.js';

/** What `npm start` does when no MONGODB_URI is given: data must outlive the process. */
describe('the embedded database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sportello-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps data under the data directory across a restart', { timeout: 120_000 }, async () => {
    const first = await startEmbeddedDatabase({ dataDir });
    const writer = await connectDatabase(first.uri, 'sportello');
    await writer
      .db!.collection('clients')
      .insertOne({ code: 'KEEP-1', name: 'Persistente S.p.A.' });
    await writer.close();
    await first.stop();

    const second = await startEmbeddedDatabase({ dataDir });
    expect(second.description).toBe(first.description);
    const reader = await connectDatabase(second.uri, 'sportello');
    const found = await reader.db!.collection('clients').findOne({ code: 'KEEP-1' });
    await reader.close();
    await second.stop();
    expect(found?.name).toBe('Persistente S.p.A.');
  });
});
