// Applies the checked-in SQL migrations (migrations/, forward-only) on start. On PostgreSQL a
// transaction-level advisory lock makes concurrent app instances wait for one another instead of
// racing; transaction-level, so it also holds through PgBouncer in transaction pooling mode, where a
// session-level lock and its unlock could land on different server connections (decision 0039).
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { projectPath } from '../paths.ts';
import type { Database } from './client.ts';
import { grantAppRole } from './roles.ts';

export const migrationsFolder = projectPath('migrations');
const migrationLockKey = 7_265_110_501;

/**
 * Migrates; on PostgreSQL as the owner when `ownerUrl` (PASSEND_MIGRATION_DATABASE_URL) is given,
 * then grants the app's role (the user of the database's own URL) what it needs (roles.ts).
 */
export async function migrateDatabase(database: Database, ownerUrl?: string | null): Promise<void> {
  if (database.target.kind !== 'postgres') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const client = new pg.Client({ connectionString: ownerUrl ?? database.target.url });
  await client.connect();
  try {
    // One transaction from the lock to drizzle's COMMIT: drizzle's own BEGIN inside it only warns,
    // its COMMIT (or ROLLBACK) ends ours and with it the lock; the second instance then sees the
    // migrations done. The closing COMMIT below is for the case drizzle did not get that far.
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [migrationLockKey]);
    await migrateNodePostgres(drizzleNodePostgres(client), { migrationsFolder });
    await client.query('commit');
    if (ownerUrl) {
      const appRole = decodeURIComponent(new URL(database.target.url).username);
      if (appRole) await grantAppRole(client, appRole);
    }
  } finally {
    await client.query('rollback').catch(() => {});
    await client.end();
  }
}
