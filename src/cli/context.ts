// What every `passend` command shares: opening the database from the server's settings (and always
// closing it), the one error type whose message is printed as is, and the Ctrl-C signal.
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { loadConfig } from '../server/config.ts';
import { appliedMigrations } from '../server/db/backup.ts';
import { type Database, type DatabaseTarget, openDatabase } from '../server/db/client.ts';
import { migrationsFolder } from '../server/db/migrate.ts';

/** A failure the operator can act on: printed as one line, exit code 1. */
export class CliError extends Error {}

/** Aborted at the first Ctrl-C (or SIGTERM); long commands stop between pages and roll back. */
export const interruption = new AbortController();

export function throwIfInterrupted(): void {
  if (interruption.signal.aborted) throw new CliError('Interrupted; nothing was changed');
}

/**
 * Runs `work` on the database the server would use (DATABASE_URL, else the PGlite folder
 * PASSEND_DATA_DIR). On PGlite the folder's lock refuses a second process, such as a running server.
 */
export async function withDatabase<T>(
  work: (database: Database) => Promise<T>,
  options: { requireMigrated?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const target: DatabaseTarget =
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url, poolSize: 2 }
      : { kind: 'pglite', dataDir: config.database.dataDir };
  const database = await openDatabase(target);
  try {
    if (options.requireMigrated) await assertMigrated(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The database must have exactly the migrations this version of Passend ships. */
async function assertMigrated(database: Database): Promise<void> {
  const shipped = readMigrationFiles({ migrationsFolder });
  const applied = await appliedMigrations(database.db);
  if (applied.length === 0) throw new CliError('The database is not migrated: run `passend migrate` first');
  const matches = applied.every((migration, index) => migration.hash === shipped[index]?.hash);
  if (!matches || applied.length > shipped.length) {
    throw new CliError('The database was migrated by another version of Passend: use that version');
  }
  if (applied.length < shipped.length) {
    throw new CliError(
      `The database is not up to date (${applied.length} of ${shipped.length} migrations): run \`passend migrate\` first`,
    );
  }
}

/** Reads a secret piped to stdin, without its final line break; a terminal is refused (it would echo). */
export async function readSecretFromStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError('--password-stdin reads from a pipe, e.g. printf %s "$PASSWORD" | passend …');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (secret.length === 0) throw new CliError('No password on stdin');
  return secret;
}
