import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { MongoBinary, MongoMemoryServer } from 'mongodb-memory-server';
import { MongoWireUnavailable, startMongoWire, type RunningDatabase } from './mongo-wire.js';

/** The H2 file mongo-java-server keeps its data in, inside the data directory. */
const WIRE_FILE = 'sportello.mv';

export interface EmbeddedDatabaseOptions {
  /** Keep data here between runs; a throw-away database when absent (tests). */
  dataDir?: string;
  /** Called with a human sentence when the first choice is not available. */
  onFallback?: (reason: string) => void;
}

export class NoEmbeddedDatabase extends Error {
  override name = 'NoEmbeddedDatabase';
}

/**
 * A database for a machine that has none: a real mongod through mongodb-memory-server where its
 * binary can be had, else mongo-java-server on Java. Both listen on loopback only.
 */
export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions = {},
): Promise<RunningDatabase> {
  const wireFile = options.dataDir ? path.join(options.dataDir, WIRE_FILE) : undefined;
  // Data kept by mongo-java-server stays with it, even once a mongod could be had.
  if (wireFile && existsSync(wireFile)) return startMongoWire({ file: wireFile });

  let mongodFailure: string;
  try {
    return await startMongod(options.dataDir);
  } catch (error) {
    mongodFailure = reasonOf(error);
    options.onFallback?.(`mongod is not available (${mongodFailure}); trying mongo-java-server`);
  }
  try {
    if (options.dataDir) ensureDir(options.dataDir);
    return await startMongoWire({ file: wireFile });
  } catch (error) {
    if (!(error instanceof MongoWireUnavailable)) throw error;
    throw new NoEmbeddedDatabase(
      [
        'No database is configured and none could be started here:',
        `  - mongod (mongodb-memory-server): ${mongodFailure}`,
        `  - mongo-java-server: ${error.message}`,
        'Set MONGODB_URI to a MongoDB server, e.g. MONGODB_URI=mongodb://localhost:27017/sportello',
      ].join('\n'),
    );
  }
}

async function startMongod(dataDir: string | undefined): Promise<RunningDatabase> {
  // Resolving (or downloading) the binary first fails quietly where the server itself would
  // print a stack trace before we could fall back.
  const systemBinary = await MongoBinary.getPath();
  const dbPath = dataDir ? ensureDir(path.join(dataDir, 'mongod')) : undefined;
  const server = await MongoMemoryServer.create({
    binary: { systemBinary },
    instance: { ip: '127.0.0.1', ...(dbPath ? { dbPath, storageEngine: 'wiredTiger' } : {}) },
  });
  return {
    uri: server.getUri(),
    description: dbPath ? `mongod (data in ${dbPath})` : 'mongod (throw-away)',
    async stop() {
      await server.stop({ doCleanup: !dbPath });
    },
  };
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return path.resolve(dir);
}

/** Download errors carry a short `msg`; their message spans lines. */
function reasonOf(error: unknown): string {
  const short = (error as { msg?: unknown } | null)?.msg;
  if (typeof short === 'string') return short;
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
