import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * tools/mongo-wire: a pom that fetches mongo-java-server and a one-file Java launcher, found from
 * the package's root whether this file runs from src/ (tsx) or from the build in dist/.
 */
const TOOL_DIR = path.join(packageRoot(fileURLToPath(import.meta.url)), 'tools', 'mongo-wire');

function packageRoot(from: string): string {
  for (let dir = path.dirname(from); dir !== path.dirname(dir); dir = path.dirname(dir))
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  throw new Error(`no package.json above ${from}`);
}
const LIB_DIR = path.join(TOOL_DIR, 'lib');
const READY = /mongo-wire listening (mongodb:\/\/\S+)/;

export interface RunningDatabase {
  uri: string;
  /** What is serving: shown in the start-up log. */
  description: string;
  stop(): Promise<void>;
}

export interface MongoWireOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Keep data in this H2 file; in memory when absent. */
  file?: string;
  startTimeoutMs?: number;
}

export class MongoWireUnavailable extends Error {
  override name = 'MongoWireUnavailable';
}

export function javaAvailable(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** Copies the server's jars from Maven Central into tools/mongo-wire/lib once. */
export function ensureMongoWireJars(): void {
  if (existsSync(LIB_DIR) && readdirSync(LIB_DIR).some((f) => f.startsWith('mongo-java-server'))) {
    return;
  }
  const result = spawnSync(
    'mvn',
    ['-q', '-B', 'dependency:copy-dependencies', '-DoutputDirectory=lib'],
    { cwd: TOOL_DIR, encoding: 'utf8' },
  );
  if (result.error || result.status !== 0) {
    const reason = result.error?.message ?? result.stderr ?? result.stdout;
    throw new MongoWireUnavailable(`could not fetch mongo-java-server with Maven: ${reason}`);
  }
}

/** Starts mongo-java-server as a child process that dies with this one. */
export async function startMongoWire(options: MongoWireOptions = {}): Promise<RunningDatabase> {
  if (!javaAvailable()) throw new MongoWireUnavailable('no Java runtime (java) on PATH');
  ensureMongoWireJars();
  const args = ['-cp', path.join(LIB_DIR, '*'), path.join(TOOL_DIR, 'Launcher.java')];
  args.push('--host', options.host ?? '127.0.0.1', '--port', String(options.port ?? 0));
  if (options.file) args.push('--file', path.resolve(options.file));
  args.push('--exit-with-stdin');

  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new MongoWireUnavailable('mongo-java-server did not start in time'));
    }, options.startTimeoutMs ?? 60_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = READY.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new MongoWireUnavailable(`mongo-java-server exited (${code}): ${stderr.join('')}`));
    });
  });

  return {
    uri,
    description: options.file
      ? `mongo-java-server (H2 file ${path.resolve(options.file)})`
      : 'mongo-java-server (in memory)',
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
