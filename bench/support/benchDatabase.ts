// A throw-away, migrated database for one benchmark run: PGlite in a temporary folder, or a new
// database on a PostgreSQL server, created here and dropped again by remove().
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';

export type BenchDatabase = {
  database: Database;
  /** Where the data lives, for the report (no credentials). */
  description: string;
  remove(): Promise<void>;
};

export async function aPgliteDatabase(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'passend-bench-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  await migrateDatabase(database);
  return {
    database,
    description: `PGlite in ${dataDir}`,
    remove: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** serverUrl points at any database of the server (e.g. postgres://postgres@127.0.0.1:5432/postgres). */
export async function aPostgresDatabase(serverUrl: string, poolSize: number): Promise<BenchDatabase> {
  const name = `passend_bench_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
    await migrateDatabase(database);
    return {
      database,
      description: `PostgreSQL database ${name} on ${url.host}, pool of ${poolSize}`,
      remove: async () => {
        await database.close();
        await withAdminClient(serverUrl, (admin) =>
          admin.query(`drop database if exists ${name} with (force)`),
        );
      },
    };
  } catch (error) {
    await withAdminClient(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    throw error;
  }
}

async function withAdminClient<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
