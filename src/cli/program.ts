// The `passend` command line for operators: migrate, audit verify, demo, backup, restore, users,
// swv (settings; export and delete of an SWV that leaves), keys, deadline, import, export. Each
// command opens the database from the server's settings, does one job and closes it. Results go
// to stdout, progress and errors to stderr; an error is one line and exit code 1.
// main.ts runs it as a process; the tests call runCli in their own process as well.
import { Command, CommanderError } from 'commander';
import { version } from '../server/version.ts';
import { registerAuditCommand } from './commands/audit.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerDeadlineCommand } from './commands/deadline.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerExportCommands } from './commands/export.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerKeysCommands } from './commands/keys.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerSwvCommands } from './commands/swv.ts';
import { registerUsersCommands } from './commands/users.ts';

export function buildProgram(): Command {
  const program = new Command('passend')
    .description('Passend: database, access log and accounts, for operators')
    .version(version)
    // Throw instead of exiting, so an open database is closed before the process ends.
    .exitOverride()
    .showSuggestionAfterError();
  registerMigrateCommand(program);
  registerAuditCommand(program);
  registerDemoCommand(program);
  registerBackupCommands(program);
  registerUsersCommands(program);
  registerSwvCommands(program);
  registerKeysCommands(program);
  registerDeadlineCommand(program);
  registerImportCommands(program);
  registerExportCommands(program);
  return program;
}

/** One line, whatever the error held: no stack traces, no multi-line driver messages. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim() || 'Unknown error';
}

/**
 * Runs one command line (`argv` as in process.argv) and returns its exit code. A command that
 * printed a failing report sets process.exitCode; any other failure is thrown and printed here.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    // Commander has printed its own message (or the help) already.
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`error: ${oneLine(error)}\n`);
    return 1;
  }
}
