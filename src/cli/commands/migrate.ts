// `passend migrate`: applies the checked-in migrations, as the server does on start.
import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { appliedMigrations } from '../../server/db/backup.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { withDatabase } from '../context.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply the database migrations (the server also does this when it starts)')
    .action(async () => {
      await withDatabase(async (database) => {
        const before = (await appliedMigrations(database.db)).length;
        await migrateDatabase(database, loadConfig().migrationDatabaseUrl);
        const after = (await appliedMigrations(database.db)).length;
        console.log(
          after === before
            ? `The database is up to date (${after} migrations).`
            : `Applied ${after - before} migrations; the database has ${after}.`,
        );
      });
    });
}
