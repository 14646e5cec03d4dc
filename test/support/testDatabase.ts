// A fresh, migrated database for one test file, copied from the run's prepared one: PGlite in
// memory, or a new PostgreSQL database from the template when DATABASE_URL is set. Dropped after.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/client.ts';
import { databaseUrlWithName } from './postgres.ts';

export type TestDatabase = Database & { drop: () => Promise<void> };

export async function testDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `passend_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
    const database = await openDatabase({
      kind: 'postgres',
      url: databaseUrlWithName(serverUrl, name),
      poolSize: 5,
    });
    return {
      ...database,
      drop: async () => {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
  const database = await openDatabase({ kind: 'pglite-memory', snapshot });
  return { ...database, drop: () => database.close() };
}
