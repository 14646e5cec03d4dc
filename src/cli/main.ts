// The `passend` command line for operators: migrate, audit verify, demo, backup, restore, users,
// keys. Each command opens the database from the server's settings, does one job and closes
// it. Results go to stdout, progress and errors to stderr; an error is one line and exit code 1.
import { Command, CommanderError } from 'commander';
import { version } from '../server/version.ts';
import { registerAuditCommand } from './commands/audit.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerKeysCommands } from './commands/keys.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerSwvCommands } from './commands/swv.ts';
import { registerUsersCommands } from './commands/users.ts';
import { interruption } from './context.ts';

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
  return program;
}

/** One line, whatever the error held: no stack traces, no multi-line driver messages. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim() || 'Unknown error';
}

async function main(): Promise<void> {
  // The first Ctrl-C asks the running command to stop and roll back; a second one stops at once.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interruption.signal.aborted) process.exit(130);
      process.stderr.write('Stopping…\n');
      interruption.abort();
    });
  }
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    // Commander has printed its own message (or the help) already.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`error: ${oneLine(error)}\n`);
    process.exitCode = 1;
  }
}

await main();
