import mongoose, { type Connection } from 'mongoose';

/**
 * One connection per process (or per test file), passed around explicitly: no global mongoose
 * singleton, so two bot instances in one test run stay apart.
 */
export async function connectDatabase(
  uri: string,
  dbName?: string,
  watch: { monitorCommands?: boolean } = {},
): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    ...(dbName ? { dbName } : {}),
    ...watch,
    // While the database is away a request must fail inside Slack's 3 s, with a clear reply,
    // instead of waiting in mongoose's buffer; and it must be noticed back soon after it returns.
    serverSelectionTimeoutMS: 2_000,
    heartbeatFrequencyMS: 2_000,
    bufferCommands: false,
    autoIndex: false,
  });
  await connection.asPromise();
  return connection;
}

/** A cheap round trip: used by /healthz. */
export async function pingDatabase(connection: Connection, timeoutMs = 2_000): Promise<boolean> {
  const db = connection.db;
  if (!db || connection.readyState !== 1) return false;
  const timeout = new Promise<false>((resolve) =>
    setTimeout(() => resolve(false), timeoutMs).unref(),
  );
  const ping = db
    .command({ ping: 1 })
    .then((reply) => reply.ok === 1)
    .catch(() => false);
  return Promise.race([ping, timeout]);
}
