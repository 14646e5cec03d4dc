// `passend export oso --transition ID --by EMAIL [--out FILE]`: a transition's OSO hand-over
// dossier (docs/decisions/0030-oso-dossier-export.md), for a school whose system takes the file
// from disk. It runs the same use case as the web route, as the account named by --by: the policy
// decides as for that person, the export is logged as theirs, and the dossier is validated
// against OSO 2019.1 before it is written.
import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Context } from '../../server/access/actor.ts';
import { type ActorRow, actorColumns, toActor } from '../../server/access/loadActor.ts';
import { loadConfig } from '../../server/config.ts';
import { type Database, queryRows } from '../../server/db/client.ts';
import { AppError } from '../../server/http/errors.ts';
import { resolveKeyRing } from '../../server/modules/documents/encryption.ts';
import { exportOsoDossier } from '../../server/modules/transitions/osoExport.ts';
import { CliError, withDatabase } from '../context.ts';
import { registerMonitorExports } from './exportMonitor.ts';

function parseId(value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    throw new InvalidArgumentError('a transition id (a UUID)');
  return value.toLowerCase();
}

/** The account of that e-mail address in the transition's SWV, as a signed-in actor. */
async function contextOf(database: Database, transitionId: string, email: string): Promise<Context> {
  const [found] = await queryRows<ActorRow>(
    database.db,
    sql`select ${actorColumns} from app_user u
        join transition t on t.swv_id = u.swv_id and t.id = ${transitionId}::uuid
        where u.email = ${email.trim().toLowerCase()}`,
  );
  const actor = found ? toActor(found) : null;
  if (!actor)
    throw new CliError('No transition with that id, or no active account of that e-mail address in its SWV');
  return { database, actor, requestId: `cli-${uuidv7()}`, clientAddress: 'cli', now: new Date() };
}

export function registerExportCommands(program: Command): void {
  const exporting = program
    .command('export')
    .description('files for other systems, each logged as an export of the child’s file');
  exporting
    .command('oso')
    .description('a transition’s OSO hand-over dossier (OSO 2019.1), with the parts the parents consented to')
    .requiredOption('--transition <id>', 'the transition', parseId)
    .requiredOption(
      '--by <email>',
      'the account exporting it, e.g. the sending school’s IB’er; logged as theirs',
    )
    .option('--out <file>', 'write the dossier to this new file (default: stdout)')
    .action(async (options: { transition: string; by: string; out?: string }) => {
      const config = loadConfig();
      const keys = resolveKeyRing(config.documents.keys, config.database);
      const dossier = await withDatabase(
        async (database) => {
          const ctx = await contextOf(database, options.transition, options.by);
          try {
            return await exportOsoDossier(ctx, keys, options.transition);
          } catch (error) {
            if (error instanceof AppError) {
              const rule = (error.details as { rule?: string } | undefined)?.rule;
              throw new CliError(`${error.message}${rule ? ` (${rule})` : ''}`);
            }
            throw error;
          }
        },
        { requireMigrated: true },
      );
      if (options.out) {
        try {
          // 'wx': never overwrite a file; a dossier holds a child's data.
          writeFileSync(options.out, dossier.xml, { flag: 'wx', mode: 0o600 });
        } catch (error) {
          throw new CliError(
            `Cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
          );
        }
        console.log(`Wrote the OSO dossier to ${options.out} (suggested name ${dossier.fileName}).`);
      } else console.log(dossier.xml.trimEnd());
    });
  registerMonitorExports(exporting);
}
