// `passend demo`: fills an empty database with the demo data (three SWVs, or ~150 SWVs and ~2.5
// million pupils for benchmarks) and prints the demo logins. Refuses a database that has SWVs.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { assertAcceptablePassword } from '../../server/auth/passwords.ts';
import { loadConfig } from '../../server/config.ts';
import {
  type DemoScale,
  defaultDemoSeed,
  formatDemoLogins,
  hasAnySwv,
  newDemoPassword,
  seedDemo,
} from '../../server/db/demo/index.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { AppError } from '../../server/http/errors.ts';
import { barOf, progressLine } from '../../server/progress.ts';
import { CliError, interruption, withDatabase } from '../context.ts';

function parseSeed(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('a whole number from 0 to 999999999');
  return Number(value);
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('fill an empty database with demo data and print the demo logins')
    .addOption(
      new Option('--scale <scale>', 'regional: three SWVs; national: ~150 SWVs and ~2.5 million pupils')
        .choices(['regional', 'national'])
        .default('regional'),
    )
    .option('--seed <n>', 'the same seed gives the same data', parseSeed, defaultDemoSeed)
    .option(
      '--password <password>',
      'password of every demo login (default PASSEND_DEMO_PASSWORD, else random)',
    )
    .action(async (options: { scale: DemoScale; seed: number; password?: string }) => {
      const password = options.password ?? loadConfig().demoPassword ?? newDemoPassword();
      if (options.password !== undefined) {
        try {
          assertAcceptablePassword(options.password);
        } catch (error) {
          if (error instanceof AppError) throw new CliError(error.message);
          throw error;
        }
      }
      await withDatabase(async (database) => {
        await migrateDatabase(database);
        if (await hasAnySwv(database)) {
          throw new CliError('The database already has SWVs: demo data goes only into an empty database');
        }
        const line = progressLine();
        const startedAt = Date.now();
        try {
          const logins = await seedDemo(database, {
            password,
            scale: options.scale,
            seed: options.seed,
            onProgress: ({ done, total, label }) => line.update(barOf(done, total, label)),
            signal: interruption.signal,
          });
          const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
          line.done(`Demo data (${options.scale}, seed ${options.seed}) written in ${seconds} s.`);
          console.log(formatDemoLogins(logins, password));
        } catch (error) {
          line.done();
          if (interruption.signal.aborted) {
            throw new CliError(
              'Interrupted: the database holds part of the demo data; start again on an empty one',
            );
          }
          throw error;
        }
      });
    });
}
