// `passend audit verify`: walks every SWV's access-log hash chain (docs/SECURITY.md A2), checks it against
// the signed checkpoints in the checkpoint folder (docs/decisions/0033) and names the first problem
// per SWV. Exit code 0 when every chain is intact, 1 when one is broken.
// `passend audit public-key`: the public keys, for whoever checks the checkpoints elsewhere.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { inArray, sql } from 'drizzle-orm';
import { verifyAccessLog } from '../../server/access/accessLog.ts';
import {
  checkpointKeyFileName,
  checkpointKeysOf,
  publicKeyText,
  resolveCheckpointFolder,
  resolveSigningKeys,
  type SigningKey,
} from '../../server/access/checkpoints.ts';
import { loadConfig } from '../../server/config.ts';
import { queryRows } from '../../server/db/client.ts';
import { swv } from '../../server/db/schema/index.ts';
import { progressLine, rowsOf } from '../../server/progress.ts';
import { CliError, throwIfInterrupted, withDatabase } from '../context.ts';

const swvCount = (n: number) => `${n} SWV${n === 1 ? '' : 's'}`;

/** The configured signing keys, or the embedded database's key file if it exists; never a new key. */
function existingSigningKeys(config: ReturnType<typeof loadConfig>): SigningKey[] {
  if (config.audit.keys) return config.audit.keys;
  if (config.database.kind === 'pglite') {
    const file = path.join(path.resolve(config.database.dataDir), checkpointKeyFileName);
    if (existsSync(file)) return resolveSigningKeys(null, config.database);
  }
  return [];
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('check the access log');
  audit
    .command('verify')
    .description(
      "verify every SWV's hash chain against the signed checkpoints; exit code 1 names the first problem per SWV",
    )
    .option('--checkpoints <dir>', 'the checkpoint folder (default: PASSEND_AUDIT_CHECKPOINT_DIR)')
    .option('--chain-only', 'check only the chain inside the database, without checkpoints')
    .action(async (options: { checkpoints?: string; chainOnly?: boolean }) => {
      const config = loadConfig();
      let checkpoints:
        | { folder: string; publicKeys: ReturnType<typeof checkpointKeysOf>['publicKeys'] }
        | undefined;
      if (!options.chainOnly) {
        let folder: string;
        try {
          folder = options.checkpoints
            ? path.resolve(options.checkpoints)
            : resolveCheckpointFolder(config.audit.checkpointDir, config.database);
        } catch (error) {
          throw new CliError(`${(error as Error).message}; or give --checkpoints <dir>`);
        }
        const keys = checkpointKeysOf(existingSigningKeys(config), config.audit.publicKeys ?? undefined);
        if (keys.publicKeys.size === 0) {
          throw new CliError(
            'No key to check the checkpoints with: set PASSEND_AUDIT_KEYS or PASSEND_AUDIT_PUBLIC_KEYS (or give --chain-only)',
          );
        }
        checkpoints = { folder, publicKeys: keys.publicKeys };
      }
      const broken = await withDatabase(
        async (database) => {
          const [count] = await queryRows<{ n: string }>(
            database.db,
            sql`select count(*)::text as n from access_log`,
          );
          const total = Number(count!.n);
          const progress = progressLine();
          const result = await verifyAccessLog(database.db, {
            checkpoints,
            onProgress: (checked) => {
              throwIfInterrupted();
              progress.update(`audit verify: ${rowsOf(checked, total)}`);
            },
          });
          progress.done();
          console.log(`Checked ${result.checked} of ${total} access-log rows.`);
          if (result.unsealed > 0) {
            console.log(`${result.unsealed} rows are not sealed yet (the sealer seals them within seconds).`);
          }
          if (checkpoints) {
            const anchored = Object.values(result.anchored).reduce((sum, size) => sum + size, 0);
            console.log(
              `${anchored} rows are covered by signed checkpoints in ${checkpoints.folder} (${swvCount(Object.keys(result.anchored).length)}).`,
            );
          } else {
            console.log(
              'Checked the chain only: without the signed checkpoints a database administrator could have rewritten it.',
            );
          }
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
  audit
    .command('public-key')
    .description(
      'print the public keys of the checkpoint signing keys, as PASSEND_AUDIT_PUBLIC_KEYS takes them',
    )
    .action(() => {
      const keys = existingSigningKeys(loadConfig());
      if (keys.length === 0) throw new CliError('No signing key: set PASSEND_AUDIT_KEYS');
      console.log(keys.map(publicKeyText).join(','));
    });
}
