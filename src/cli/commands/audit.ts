// `passend audit verify`: walks every SWV's access-log hash chain (docs/SECURITY.md A2) and names the first
// broken row per SWV. Exit code 0 when every chain is intact, 1 when one is broken.
import type { Command } from 'commander';
import { inArray, sql } from 'drizzle-orm';
import { verifyAccessLog } from '../../server/access/accessLog.ts';
import { queryRows } from '../../server/db/client.ts';
import { swv } from '../../server/db/schema/index.ts';
import { progressLine, rowsOf } from '../../server/progress.ts';
import { throwIfInterrupted, withDatabase } from '../context.ts';

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('check the access log');
  audit
    .command('verify')
    .description("verify every SWV's hash chain; exit code 1 names the first broken row per SWV")
    .action(async () => {
      const broken = await withDatabase(
        async (database) => {
          const [count] = await queryRows<{ n: string }>(
            database.db,
            sql`select count(*)::text as n from access_log`,
          );
          const total = Number(count!.n);
          const progress = progressLine();
          const result = await verifyAccessLog(database.db, (checked) => {
            throwIfInterrupted();
            progress.update(`audit verify: ${rowsOf(checked, total)}`);
          });
          progress.done();
          console.log(`Checked ${result.checked} of ${total} access-log rows.`);
          const swvIds = [...new Set(result.problems.map((problem) => problem.swvId))];
          const registerCodes = new Map(
            swvIds.length === 0
              ? []
              : (
                  await database.db
                    .select({ id: swv.id, registerCode: swv.registerCode })
                    .from(swv)
                    .where(inArray(swv.id, swvIds))
                ).map((row) => [row.id, row.registerCode]),
          );
          for (const problem of result.problems) {
            const code = registerCodes.get(problem.swvId);
            console.log(
              `Broken: SWV ${problem.swvId}${code ? ` (${code})` : ''}, row ${problem.seq}: ${problem.problem}`,
            );
          }
          return result.problems.length;
        },
        { requireMigrated: true },
      );
      if (broken === 0) {
        console.log('The access log is intact.');
      } else {
        console.log(`The access log is broken in ${broken} SWV${broken === 1 ? '' : 's'}.`);
        process.exitCode = 1;
      }
    });
}
