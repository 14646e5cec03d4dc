// Opens the database: PGlite (PostgreSQL in WASM, in process, data in a folder) by default, or a
// PostgreSQL server when DATABASE_URL is set. Both speak the same SQL and run the same migrations.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { PGlite, type PGliteOptions, types } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireDataDirLock } from './lock.ts';
import { ensurePrivateFolder, OwnerOnlyNodeFS, restrictTree } from './privateFiles.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database handle or an open transaction: queries accept either. */
export type Queryable = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  kind: DatabaseKind;
  target: DatabaseTarget;
  db: Db;
  /** Runs raw SQL (several statements allowed); for migrations, tests and the CLI. */
  exec(sql: string): Promise<void>;
  /**
   * Runs one raw query with parameters, or without them several statements, answering the last
   * one's rows: the connection the job queue (pg-boss) is given, so it runs on PGlite too.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Flushes everything to the data files (PGlite), then closes the connections. */
  close(): Promise<void>;
  /**
   * Sees every statement drizzle sends, with its parameters (a test counts the round trips of a
   * request, bench/statementCost.ts replays them); null: none.
   */
  queryObserver: { onQuery: ((query: string, params: unknown[]) => void) | null };
};

/** drizzle's logger, handing each statement to the observer when one is set. */
function observedLogger(observer: Database['queryObserver']) {
  return { logQuery: (query: string, params: unknown[]) => observer.onQuery?.(query, params) };
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; snapshot?: Blob }
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Longest wait for a connection (10 s by default), then the request answers 503. */
      connectTimeoutMs?: number;
      /** Do not ask the server once on open (a replica that may be down at start). */
      lazy?: boolean;
      /**
       * Named prepared statements (queryPrepared); on by default. Off behind a pooler in
       * transaction mode that cannot carry them (PgBouncer before 1.21): DATABASE_PREPARED_STATEMENTS.
       */
      preparedStatements?: boolean;
    };

/**
 * PGlite runs in the server's own thread, and its own bytea codec walks a value byte by byte in
 * JavaScript: seconds for a 10 MB document, with every other request waiting. Node's native hex
 * codec does it in milliseconds, in the same text format.
 */
const pgliteCodecs: Pick<PGliteOptions, 'parsers' | 'serializers'> = {
  serializers: {
    [types.BYTEA]: (value: Uint8Array) =>
      `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`,
  },
  parsers: { [types.BYTEA]: (text: string) => Buffer.from(text.slice(2), 'hex') },
};

/**
 * PGlite with our codecs. Also in the server's thread: zero-filling each new 16 MB WAL segment,
 * a step of 40–70 ms that a document upload would hit. Not zeroing is safe (recovery checks every
 * record; recycled segments are not zero either); docs/decisions/0023-….
 */
async function createPglite(options: PGliteOptions): Promise<PGlite> {
  const client = await PGlite.create({ ...pgliteCodecs, ...options });
  await client.exec('SET wal_init_zero = off');
  return client;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'pglite':
      return openPglite(target);
    case 'pglite-memory':
      return wrapPglite(
        target,
        await createPglite(target.snapshot ? { loadDataDir: target.snapshot } : {}),
        null,
      );
    case 'postgres':
      return openPostgres(target);
    default: {
      const unknownKind: never = target;
      throw new Error(`Unknown database target ${JSON.stringify(unknownKind)}`);
    }
  }
}

async function openPglite(target: DatabaseTarget & { kind: 'pglite' }): Promise<Database> {
  const absolute = path.resolve(target.dataDir);
  // The owner only, also for a folder an older version left readable (privateFiles.ts).
  ensurePrivateFolder(absolute);
  restrictTree(absolute);
  // PGlite takes no lock of its own: two processes on one folder would corrupt it (docs/SECURITY.md F2).
  const lock = acquireDataDirLock(absolute);
  try {
    const client = await createPglite({ fs: new OwnerOnlyNodeFS(path.join(absolute, 'pgdata')) });
    return wrapPglite(target, client, lock.release);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function wrapPglite(target: DatabaseTarget, client: PGlite, releaseLock: (() => void) | null): Database {
  const queryObserver: Database['queryObserver'] = { onQuery: null };
  return {
    kind: 'pglite',
    target,
    queryObserver,
    db: drizzlePglite(client, { schema, logger: observedLogger(queryObserver) }) as unknown as Db,
    exec: async (sql) => {
      await client.exec(sql);
    },
    // PGlite's extended protocol takes one statement; pg-boss sends its schema as one script.
    executeSql: async (text, values) =>
      values?.length ? client.query(text, values) : ((await client.exec(text)).at(-1) ?? { rows: [] }),
    close: async () => {
      if (!client.closed) {
        await client.exec('CHECKPOINT');
        await client.close();
      }
      releaseLock?.();
    },
  };
}

async function openPostgres(target: DatabaseTarget & { kind: 'postgres' }): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    // A server (or pooler) that does not answer fails the request with 503 after this, rather than
    // holding it (docs/operations.md, "Failover"); also the longest wait for a free connection.
    connectionTimeoutMillis: target.connectTimeoutMs ?? 10_000,
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor one dropped while checked out (inside a transaction, between its statements): pg-pool takes
  // its own listener off a client it hands out, and an 'error' event without one is an uncaught
  // exception. The statement running or next fails instead (503), and the client is not reused.
  // A failover ends every server connection this way (docs/operations.md, "Failover").
  pool.on('connect', (client) => {
    client.on('error', () => {});
    if (target.preparedStatements === false) unpreparedClients.add(client);
  });
  if (target.preparedStatements === false) unpreparedClients.add(pool);
  if (!target.lazy) await pool.query('select 1');
  const queryObserver: Database['queryObserver'] = { onQuery: null };
  return {
    kind: 'postgres',
    target,
    queryObserver,
    db: drizzleNodePostgres(pool, { schema, logger: observedLogger(queryObserver) }) as unknown as Db,
    exec: async (sql) => {
      await pool.query(sql);
    },
    executeSql: async (text, values) => {
      const result = await pool.query(text, values);
      // Several statements answer one result each.
      return Array.isArray(result) ? (result.at(-1) ?? { rows: [] }) : result;
    },
    close: async () => {
      await pool.end();
    },
  };
}

/** Runs a raw SQL query and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

type PreparingSession = {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: string | undefined,
    arrayMode: boolean,
  ): { execute(): Promise<{ rows: unknown[] }> };
};
/** The statement name of each SQL text: the text's hash, so two texts never share a name. */
const statementNames = new Map<string, string>();
/** The pools (and their connections) of a database opened with preparedStatements: false. */
const unpreparedClients = new WeakSet<object>();

/**
 * Runs a raw SQL query whose text is always the same (only its parameters change) as a named
 * prepared statement: PostgreSQL parses and plans it once per connection instead of on every call,
 * which is most of what a small query costs it (docs/decisions/0038). The text must not vary
 * (no lists spliced in), or each variant takes a name of its own. Through drizzle's own session,
 * so values are parsed as everywhere else and the query observer sees it. PGlite runs it as any
 * query. Behind PgBouncer in transaction mode this needs PgBouncer ≥ 1.21 with
 * max_prepared_statements set, or the database opened with preparedStatements: false (then this
 * is a plain query).
 */
export async function queryPrepared<T>(db: Queryable, query: SQL): Promise<T[]> {
  const { session, dialect } = db as unknown as {
    session: PreparingSession & { client?: object };
    dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  };
  if (session.client !== undefined && unpreparedClients.has(session.client)) return queryRows<T>(db, query);
  const built = dialect.sqlToQuery(query);
  let name = statementNames.get(built.sql);
  if (name === undefined) {
    name = `passend_${createHash('sha256').update(built.sql).digest('hex').slice(0, 24)}`;
    statementNames.set(built.sql, name);
  }
  const result = await session.prepareQuery(built, undefined, name, false).execute();
  return result.rows as T[];
}
