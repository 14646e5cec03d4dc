// Applies the checked-in SQL migrations (migrations/, forward-only) on start. On PostgreSQL an
// advisory lock makes concurrent app instances wait for one another instead of racing.
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
    await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
    await migrateNodePostgres(drizzleNodePostgres(client), { migrationsFolder });
    if (ownerUrl) {
      const appRole = decodeURIComponent(new URL(database.target.url).username);
      if (appRole) await grantAppRole(client, appRole);
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => {});
    await client.end();
  }
}
