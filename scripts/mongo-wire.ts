/**
 * Runs mongo-java-server in the foreground until SIGINT/SIGTERM, printing its URI.
 * Used by .ci/run; handy for developers on machines without mongod.
 *
 *   npm run db:wire -- --port 27017 [--file ./data/wire.mv]
 */
import { parseArgs } from 'node:util';
import { startMongoWire } from '../src/store/embedded/mongo-wire.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '27017' },
    file: { type: 'string' },
  },
});

const server = await startMongoWire({
  host: values.host,
  port: Number(values.port),
  file: values.file,
});
console.log(`MONGODB_URI=${server.uri}`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
