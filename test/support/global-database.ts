import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../src/store/embedded/embedded-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

/**
 * MONGODB_URI when set (CI starts mongo-java-server); else a throw-away mongod from
 * mongodb-memory-server, or mongo-java-server where no mongod can be downloaded.
 */
export default async function setup(project: TestProject) {
  const configured = process.env.MONGODB_URI?.trim();
  if (configured) {
    project.provide('mongoUri', configured);
    return;
  }
  const database = await startEmbeddedDatabase({
    onFallback: (reason) => console.warn(`[tests] ${reason}`),
  });
  console.info(`[tests] database: ${database.description}`);
  project.provide('mongoUri', database.uri);
  return () => database.stop();
}
