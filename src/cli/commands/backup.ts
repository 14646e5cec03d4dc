// `passend backup <file>` and `passend restore <file>`: the whole database in one portable file
// (docs/SECURITY.md F3), from PGlite or PostgreSQL into either. The work itself is in server/db/backup.ts.
import type { Command } from 'commander';
import {
  assertBackupFileExists,
  assertNewBackupFile,
  BackupError,
  backupDatabase,
  type Progress,
  restoreDatabase,
} from '../../server/db/backup.ts';
import { progressLine, rowsOf } from '../../server/progress.ts';
import { CliError, interruption, withDatabase } from '../context.ts';

/**
 * Runs a backup or restore with a progress line. Backup errors are meant for the operator; an
 * interruption says what it left behind.
 */
async function withProgress<T>(
  verb: string,
  whenInterrupted: string,
  work: (onProgress: (progress: Progress) => void) => Promise<T>,
): Promise<T> {
  const line = progressLine();
  try {
    return await work((progress) =>
      line.update(`${verb}: ${rowsOf(progress.rows, progress.totalRows)}, table ${progress.table}`),
    );
  } catch (error) {
    if (interruption.signal.aborted) throw new CliError(whenInterrupted);
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  } finally {
    line.done();
  }
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write the whole database to one file (gzip of JSON lines); it holds personal data')
    .argument('<file>', 'the new backup file; an existing file is not overwritten')
    .action(async (file: string) => {
      const summary = await withProgress('backup', 'Interrupted; no backup was written', (onProgress) => {
        // Checked before the database is opened too, so a wrong name fails fast.
        assertNewBackupFile(file);
        return withDatabase((database) =>
          backupDatabase(database, file, { onProgress, signal: interruption.signal }),
        );
      });
      console.log(`Backed up ${summary.rows} rows of ${summary.tables} tables to ${file}.`);
    });

  program
    .command('restore')
    .description('restore a backup into an empty, migrated database (run `passend migrate` first)')
    .argument('<file>', 'a file written by `passend backup`')
    .action(async (file: string) => {
      const summary = await withProgress('restore', 'Interrupted; nothing was restored', (onProgress) => {
        assertBackupFileExists(file);
        return withDatabase((database) =>
          restoreDatabase(database, file, { onProgress, signal: interruption.signal }),
        );
      });
      console.log(`Restored ${summary.rows} rows of ${summary.tables} tables from ${file}.`);
    });
}
