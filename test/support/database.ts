import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { connectDatabase } from '../../src/store/connection.js';
import { createStore, type Store } from '../../src/store/index.js';
import type { BadRecord } from '../../src/store/read-boundary.js';

export interface TestDatabase {
  uri: string;
  dbName: string;
  connection: Connection;
  store: Store;
  /** Every bad stored document the store reported. */
  badRecords: BadRecord[];
  close(): Promise<void>;
}

/** A fresh database per test file (named after it), so files can run in parallel. */
export async function openTestDatabase(label: string): Promise<TestDatabase> {
  const uri = inject('mongoUri');
  const dbName = `t_${label.replace(/[^a-z0-9]/gi, '_').slice(0, 40)}_${randomBytes(3).toString('hex')}`;
  const connection = await connectDatabase(uri, dbName);
  const badRecords: BadRecord[] = [];
  const store = await createStore(connection, (problem) => badRecords.push(problem));
  return {
    uri,
    dbName,
    connection,
    store,
    badRecords,
    async close() {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

/**
 * Opens a test database before the file's tests and drops it after them. The returned object is
 * filled in by the beforeAll hook, so use it inside tests and later hooks only.
 */
export function useTestDatabase(label: string): TestDatabase {
  const db = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(db, await openTestDatabase(label));
  });
  afterAll(async () => db.close());
  return db;
}
