import { randomBytes } from 'node:crypto';
import { connectDatabase } from '../../src/store/connection.js';
import { startMongoWire } from '../../src/store/embedded/mongo-wire.js';
import { createStore } from '../../src/store/index.js';

/** The benchmarks' database server: MONGODB_URI when given, else mongo-java-server in memory. */
export async function benchServer(): Promise<{ uri: string; stop(): Promise<void> }> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, stop: async () => {} };
  return startMongoWire({ port: 0 });
}

/** A throw-away database on that server with the bot's store on it; `drop` removes it. */
/** `monitorCommands` lets a bench count the round trips (the driver's 'commandStarted' events). */
export async function benchStore(uri: string, watch: { monitorCommands?: boolean } = {}) {
  const connection = await connectDatabase(uri, `bench_${randomBytes(3).toString('hex')}`, watch);
  const store = await createStore(connection, () => undefined);
  const drop = async () => {
    await connection.dropDatabase();
    await connection.close();
  };
  return { connection, store, drop };
}
