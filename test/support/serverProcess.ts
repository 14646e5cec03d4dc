// Runs the real server (src/server/main.ts) as a child process for the reliability tests (docs/SECURITY.md F):
// a database of its own (a PGlite folder, or a fresh PostgreSQL database with DATABASE_URL), start
// and wait until /api/health answers, send a signal and wait for the exit, and sign in over HTTP.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import type { VerifyOptions } from '../../src/server/access/accessLog.ts';
import {
  checkpointKeysOf,
  newSigningKeyText,
  parseSigningKeys,
} from '../../src/server/access/checkpoints.ts';
import { type Database, type DatabaseTarget, openDatabase } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { formatKey, newDocumentKey } from '../../src/server/modules/documents/encryption.ts';
import { databaseUrlWithName } from './postgres.ts';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The database a server process runs on; the test process opens it too, but never at the same time on PGlite. */
export type ServerDatabase = {
  kind: 'pglite' | 'postgres';
  /** The environment that points the server at it. */
  env: Record<string, string>;
  /** PGlite: the lock file that marks the folder as in use (docs/SECURITY.md F2); null on PostgreSQL. */
  lockPath: string | null;
  /** The access log's checkpoint folder and keys (docs/decisions/0033), for verifyAccessLog. */
  checkpoints: NonNullable<VerifyOptions['checkpoints']>;
  /** Opens it in the test process, to seed before a server starts or to check after it stopped. */
  open(): Promise<Database>;
  remove(): Promise<void>;
};

/**
 * A new, migrated database: PGlite in a temporary folder, or, when DATABASE_URL is set, a new
 * database on that PostgreSQL server. Opened and migrated here once, as the server will do.
 * `embedded` asks for PGlite in either pass, for what only the embedded database has.
 */
export async function aServerDatabase(options: { embedded?: boolean } = {}): Promise<ServerDatabase> {
  const serverUrl = options.embedded ? undefined : process.env.DATABASE_URL;
  // The access log's signing key and checkpoint folder: required with PostgreSQL, set in both modes.
  const auditKeys = newSigningKeyText('test');
  const checkpointDir = mkdtempSync(path.join(tmpdir(), 'passend-checkpoints-'));
  const auditEnv = { PASSEND_AUDIT_KEYS: auditKeys, PASSEND_AUDIT_CHECKPOINT_DIR: checkpointDir };
  const checkpoints = {
    folder: checkpointDir,
    publicKeys: checkpointKeysOf(parseSigningKeys(auditKeys)).publicKeys,
  };
  let serverDatabase: ServerDatabase;
  if (serverUrl) {
    const name = `passend_server_${randomBytes(6).toString('hex')}`;
    const url = databaseUrlWithName(serverUrl, name);
    await withAdminClient(serverUrl, (admin) => admin.query(`create database ${name}`));
    serverDatabase = {
      kind: 'postgres',
      // A PostgreSQL installation must configure its document keys (the embedded one makes a key file).
      env: { DATABASE_URL: url, PASSEND_DOCUMENT_KEYS: formatKey(newDocumentKey('test')), ...auditEnv },
      lockPath: null,
      checkpoints,
      open: () => openDatabase({ kind: 'postgres', url, poolSize: 2 }),
      remove: async () => {
        rmSync(checkpointDir, { recursive: true, force: true });
        await withAdminClient(serverUrl, (admin) =>
          admin.query(`drop database if exists ${name} with (force)`),
        );
      },
    };
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'passend-server-'));
    // Start from the run's migrated snapshot (test/support/globalSetup.ts): a fresh initdb takes
    // several seconds more. The cluster goes where openDatabase keeps it, in the folder's pgdata/.
    // A PostgreSQL pass has no snapshot: the embedded cluster is then made afresh.
    const snapshotPath = inject('pgliteSnapshot');
    const snapshot = snapshotPath ? { loadDataDir: new Blob([readFileSync(snapshotPath)]) } : {};
    await (await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), ...snapshot })).close();
    const target: DatabaseTarget = { kind: 'pglite', dataDir };
    serverDatabase = {
      kind: 'pglite',
      env: { PASSEND_DATA_DIR: dataDir, ...auditEnv },
      lockPath: path.join(dataDir, 'passend.lock'),
      checkpoints,
      open: () => openDatabase(target),
      remove: async () => {
        rmSync(checkpointDir, { recursive: true, force: true });
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const database = await serverDatabase.open();
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  return serverDatabase;
}

async function withAdminClient(url: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/** Opens the database, runs the work and closes it again (PGlite: before a server takes the folder). */
export async function withDatabase<T>(
  serverDatabase: ServerDatabase,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await serverDatabase.open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type ServerProcess = {
  pid: number;
  port: number;
  baseUrl: string;
  /** From spawning the process to the first healthy answer. */
  startedInMs: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stderr(): string;
  /** Resolves when the process has exited (stdio closed). */
  exited: Promise<Exit>;
  /** How it exited, or null while it runs. */
  exit(): Exit | null;
  /** Sends the signal; the promise resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<Exit>;
};

export type ServerOptions = {
  port?: number;
  logLevel?: 'warn' | 'info';
  /** How long to wait for the first healthy answer. */
  timeoutMs?: number;
};

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Spawns the server as `npm start` runs it, `node dist/server/main.mjs` (bundled by the test run's
 * global set-up from the current sources), without waiting for it to be ready.
 */
export function spawnServer(
  serverDatabase: ServerDatabase,
  port: number,
  logLevel: ServerOptions['logLevel'] = 'warn',
): { child: ChildProcess; output: () => string; stderr: () => string; exited: Promise<Exit> } {
  // The test run's own settings (DATABASE_URL of the server, not of this database) must not leak in.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== 'DATABASE_URL' && !key.startsWith('PASSEND_')),
  );
  const child = spawn(process.execPath, ['dist/server/main.mjs'], {
    cwd: repositoryRoot,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      PASSEND_DEMO: 'false',
      PASSEND_LOG_LEVEL: logLevel,
      ...serverDatabase.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    stderr += chunk;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => output, stderr: () => stderr, exited };
}

/** Starts the server and waits until GET /api/health answers 200; fails with its output otherwise. */
export async function startServer(
  serverDatabase: ServerDatabase,
  options: ServerOptions = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const { child, output, stderr, exited } = spawnServer(serverDatabase, port, options.logLevel);
  const state: { exit: Exit | null } = { exit: null };
  void exited.then((value) => {
    state.exit = value;
  });
  const kill = async (signal: NodeJS.Signals) => {
    if (state.exit === null) child.kill(signal);
    return exited;
  };
  const deadline = startedAt + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (state.exit !== null) {
      throw new Error(`The server exited while starting (${JSON.stringify(state.exit)}):\n${output()}`);
    }
    if (await isHealthy(baseUrl)) break;
    if (performance.now() > deadline) {
      await kill('SIGKILL');
      throw new Error(
        `The server did not become healthy within ${options.timeoutMs ?? 60_000} ms:\n${output()}`,
      );
    }
    await pause(25);
  }
  return {
    pid: child.pid!,
    port,
    baseUrl,
    startedInMs: performance.now() - startedAt,
    output,
    stderr,
    exited,
    exit: () => state.exit,
    kill,
  };
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The polling interval of a wait with a deadline; never a wait for something by itself. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The promise's value, or a failure naming what did not happen in time. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, description: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until the check holds, or fails with the description after the deadline. */
export async function waitFor(
  description: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await pause(20);
  }
}

/**
 * A session over real HTTP. The server's cookie is Secure with the __Host- prefix; fetch keeps no
 * cookies, so the session cookie is carried by hand, with the CSRF token from the login answer.
 */
export type HttpSession = { cookie: string; csrfToken: string };

export async function signInOverHttp(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: credentials.email, password: credentials.password }),
  });
  const body = (await response.json()) as { stage?: string; csrfToken?: string };
  if (response.status !== 200 || body.stage !== 'active' || !body.csrfToken) {
    throw new Error(`Sign-in failed: ${response.status} ${JSON.stringify(body)}`);
  }
  const sessionCookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith('__Host-passend='));
  if (!sessionCookie) throw new Error('Sign-in answered without the __Host-passend cookie');
  return { cookie: sessionCookie, csrfToken: body.csrfToken };
}

/** The headers of a state-changing JSON request in this session. */
export function sessionHeaders(session: HttpSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
}
