// `passend export monitor-report` and `passend export monitor-dataset`: the monitor's yearly report
// (tagged PDF) and its public-accountability dataset (CSV or XLSX) of a school year, for whoever
// puts the annual account together outside the browser. Each runs the same use case as the web
// route, as the account named by --by: the policy decides as for that person (policy staff, the
// SWV's administrator, the committee), and the download is one export row in the access log.
import { existsSync, writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { MonitorYear } from '../../contracts/monitor.ts';
import type { Context } from '../../server/access/actor.ts';
import { type ActorRow, actorColumns, toActor } from '../../server/access/loadActor.ts';
import { type Database, queryRows } from '../../server/db/client.ts';
import { AppError } from '../../server/http/errors.ts';
import { monitorDataset } from '../../server/modules/monitor/monitor.dataset.ts';
import { monitorReport } from '../../server/modules/monitor/monitor.report.ts';
import { CliError, withDatabase } from '../context.ts';

function parseYear(value: string): string {
  if (!MonitorYear.safeParse(value).success)
    throw new InvalidArgumentError('a school year such as 2025-2026');
  return value;
}

/** The account of that e-mail address (in the SWV of --swv, where the address has several) as an actor. */
async function contextOf(database: Database, email: string, swvCode?: string): Promise<Context> {
  const rows = await queryRows<ActorRow>(
    database.db,
    sql`select ${actorColumns} from app_user u join swv s on s.id = u.swv_id
        where u.email = ${email.trim().toLowerCase()}
          ${swvCode ? sql`and upper(s.register_code) = ${swvCode.trim().toUpperCase()}` : sql``}`,
  );
  if (rows.length > 1)
    throw new CliError('This address has accounts in several SWVs: add --swv <register code>');
  const actor = rows[0] ? toActor(rows[0]) : null;
  if (!actor) throw new CliError('No active account of that e-mail address in an SWV');
  return { database, actor, requestId: `cli-${uuidv7()}`, clientAddress: 'cli', now: new Date() };
}

type Options = { by: string; swv?: string; year?: string; out: string };

/** Runs the use case as --by and writes its file to --out, never over an existing file. */
async function writeExport(
  options: Options,
  make: (ctx: Context) => Promise<{ fileName: string; body: Buffer }>,
) {
  // An existing file refuses before the export, so no export is logged that writes nothing.
  if (existsSync(options.out)) throw new CliError(`Cannot write ${options.out}: EEXIST`);
  const file = await withDatabase(
    async (database) => {
      const ctx = await contextOf(database, options.by, options.swv);
      try {
        return await make(ctx);
      } catch (error) {
        if (error instanceof AppError) throw new CliError(error.message);
        throw error;
      }
    },
    { requireMigrated: true },
  );
  try {
    writeFileSync(options.out, file.body, { flag: 'wx' });
  } catch (error) {
    throw new CliError(`Cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  console.log(`Wrote ${options.out} (suggested name ${file.fileName}).`);
}

export function registerMonitorExports(exporting: Command): void {
  const common = (command: Command) =>
    command
      .requiredOption(
        '--by <email>',
        'the account exporting it (policy staff, the administrator, the committee); logged as theirs',
      )
      .option('--swv <register code>', 'the SWV of the account, where the address has several')
      .option('--year <school year>', 'the school year, e.g. 2025-2026 (default: this one)', parseYear)
      .requiredOption('--out <file>', 'write the file to this new file');
  common(
    exporting
      .command('monitor-report')
      .description('the monitor’s yearly report of a school year for the whole SWV, as a tagged PDF'),
  ).action((options: Options) =>
    writeExport(options, async (ctx) => {
      const { fileName, pdf } = await monitorReport(ctx, { year: options.year });
      return { fileName, body: pdf };
    }),
  );
  common(
    exporting
      .command('monitor-dataset')
      .description('the monitor’s figures of a school year shaped for public accountability, as CSV or XLSX')
      .addOption(new Option('--format <format>', 'csv or xlsx').choices(['csv', 'xlsx']).default('csv')),
  ).action((options: Options & { format: 'csv' | 'xlsx' }) =>
    writeExport(options, (ctx) => monitorDataset(ctx, { year: options.year, format: options.format })),
  );
}
