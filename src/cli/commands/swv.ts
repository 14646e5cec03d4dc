// `passend swv …`: SWV settings that are the operator's alone, and an SWV that leaves: `swv export`
// writes everything of it to a folder, `swv delete` deletes it against that export, verified
// (docs/SECURITY.md E3, docs/decisions/0046-an-swv-leaves.md; the work is in server/db/swvLeaving.ts).
import type { KeyObject } from 'node:crypto';
import { type Command, InvalidArgumentError } from 'commander';
import {
  checkpointKeysOf,
  resolveCheckpointFolder,
  resolveSigningKeys,
  type SigningKey,
} from '../../server/access/checkpoints.ts';
import { createSealer } from '../../server/access/sealer.ts';
import { loadConfig } from '../../server/config.ts';
import { type Database, openDatabase } from '../../server/db/client.ts';
import {
  assertNewExportFolder,
  deleteSwv,
  exportSwv,
  LeavingError,
  readExport,
} from '../../server/db/swvLeaving.ts';
import { resolveKeyRing } from '../../server/modules/documents/encryption.ts';
import { progressLine, rowsOf } from '../../server/progress.ts';
import { CliError, withDatabase } from '../context.ts';
import { setGrantApproval } from '../swvSettings.ts';

function parseOnOff(value: string): boolean {
  if (value === 'on' || value === 'off') return value === 'on';
  throw new InvalidArgumentError('on or off');
}

export function registerSwvCommands(program: Command): void {
  const swvCommand = program.command('swv').description('SWV settings that only the operator changes');
  swvCommand
    .command('grant-approval')
    .description(
      'whether roles with access to children’s data wait for a second administrator (on by default)',
    )
    .argument('<register code>', 'the SWV, e.g. "PO 26.04"')
    .argument('<on|off>', 'on: a second administrator approves; off: roles work at once', parseOnOff)
    .action(async (registerCode: string, required: boolean) => {
      const result = await withDatabase((database) => setGrantApproval(database, registerCode, required), {
        requireMigrated: true,
      });
      const state = required ? 'on' : 'off';
      console.log(
        result.changed
          ? `Approval of roles with children’s data is now ${state} in ${result.registerCode}.`
          : `Approval of roles with children’s data was already ${state} in ${result.registerCode}.`,
      );
    });
  registerLeavingCommands(swvCommand);
}

/** The checkpoint folder and every key that verifies a checkpoint; refuses when there is none. */
function checkpointSettings() {
  const config = loadConfig();
  let folder: string;
  try {
    folder = resolveCheckpointFolder(config.audit.checkpointDir, config.database);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  let signing: SigningKey[];
  try {
    // As the server does at its start: the embedded database makes its key file when it has none.
    signing = resolveSigningKeys(config.audit.keys, config.database);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const { publicKeys } = checkpointKeysOf(signing, config.audit.publicKeys ?? undefined);
  if (publicKeys.size === 0) {
    throw new CliError(
      'No key to check the checkpoints with: set PASSEND_AUDIT_KEYS or PASSEND_AUDIT_PUBLIC_KEYS',
    );
  }
  return { config, folder, signing, publicKeys };
}

/** `keyId:base64publickey`, one per line: what `passend audit verify` takes as PASSEND_AUDIT_PUBLIC_KEYS. */
function publicKeyLines(publicKeys: ReadonlyMap<string, KeyObject>): string {
  return [...publicKeys]
    .map(
      ([id, key]) => `${id}:${key.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64')}`,
    )
    .join('\n');
}

async function asOperatorError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LeavingError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * The database as the owner of its tables: removing the access log switches its append-only trigger
 * off for one transaction, which only the owner may. With two roles that is
 * PASSEND_MIGRATION_DATABASE_URL; on PGlite and with one role, the usual connection.
 */
async function withOwnerDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.database.kind !== 'postgres' || !config.migrationDatabaseUrl) {
    return withDatabase(work, { requireMigrated: true });
  }
  // Checked as the app sees it first (migrated, this version), then done as the owner.
  await withDatabase(async () => {}, { requireMigrated: true });
  const database = await openDatabase({ kind: 'postgres', url: config.migrationDatabaseUrl, poolSize: 2 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function registerLeavingCommands(swvCommand: Command): void {
  swvCommand
    .command('export')
    .description(
      'write everything of an SWV that leaves to a new folder: a JSON Lines file per table, its documents decrypted, its access log with the signed checkpoints, and a manifest; it holds personal data',
    )
    .requiredOption('--swv <id or register code>', 'the SWV, e.g. "PO 26.04"')
    .requiredOption('--out <folder>', 'a new or empty folder')
    .action(async (options: { swv: string; out: string }) => {
      assertLeavingFolder(options.out);
      const { config, folder, signing, publicKeys } = checkpointSettings();
      const keys = resolveKeyRing(config.documents.keys, config.database);
      const line = progressLine();
      const summary = await asOperatorError(() =>
        withDatabase(
          (database) =>
            exportSwv(database, options.swv, options.out, {
              keys,
              checkpoints: { folder, publicKeys },
              publicKeyText: publicKeyLines(publicKeys),
              seal: async () => {
                const key = signing[0];
                if (!key) return;
                const sealer = createSealer(database.db, { key, folder });
                // Another instance's sealer may hold the lock: it seals them then, within a second.
                for (let attempt = 0; attempt < 10; attempt++) {
                  if ((await sealer.runOnce()).locked) return;
                  await new Promise((resume) => setTimeout(resume, 500));
                }
              },
              onProgress: (done, total) => line.update(`swv export: ${rowsOf(done, total)}`),
            }),
          { requireMigrated: true },
        ),
      ).finally(() => line.done());
      console.log(
        `Exported SWV ${summary.swv.registerCode} (${summary.swv.id}): ${summary.rows} rows of ${summary.tables} tables, ${summary.documents} documents, ${summary.accessLogRows} access-log rows (chain verified) to ${options.out}.`,
      );
      if (summary.unreadableDocuments > 0) {
        console.log(
          `${summary.unreadableDocuments} documents were damaged and could not be decrypted; the manifest lists them.`,
        );
      }
      console.log(
        `Hand the folder over encrypted, then remove it here. To delete the SWV: passend swv delete --swv ${summary.swv.id} --confirm "${summary.swv.registerCode}" --export ${options.out}`,
      );
    });

  swvCommand
    .command('delete')
    .description(
      'delete every row of an SWV, against its export (still exactly its data), then verify: zero rows left, other SWVs untouched, their access logs intact',
    )
    .requiredOption('--swv <id>', 'the SWV’s id, as the export’s manifest gives it')
    .requiredOption('--confirm <register code>', 'the SWV’s register code, typed again')
    .requiredOption('--export <folder>', 'the folder `passend swv export` wrote for this SWV')
    .action(async (options: { swv: string; confirm: string; export: string }) => {
      // The export is checked before the database is opened, so a wrong folder fails fast.
      asOperatorErrorSync(() => readExport(options.export));
      const { folder, publicKeys } = checkpointSettings();
      const receipt = await asOperatorError(() =>
        withOwnerDatabase((database) =>
          deleteSwv(database, options.swv, options.confirm, options.export, {
            checkpoints: { folder, publicKeys },
          }),
        ),
      );
      const tables = receipt.tables.filter((table) => table.deleted > 0).length;
      console.log(
        `Deleted SWV ${receipt.swv.registerCode} (${receipt.swv.id}): ${receipt.rowsDeleted} rows in ${tables} of ${receipt.tables.length} tables.`,
      );
      console.log(
        `Verified: ${receipt.rowsLeft} rows of the SWV left in ${receipt.tables.length} tables; the other SWVs' rows ${receipt.otherSwvsUnchanged ? 'unchanged' : 'CHANGED'}.`,
      );
      if (receipt.checkpointFile === 'could_not_remove') {
        console.log(
          `Could not remove the SWV's checkpoint file from ${folder} (append-only?): remove ${receipt.swv.id}.checkpoints by hand; the SWV has its copy in the export.`,
        );
      }
      console.log(
        receipt.otherChainsIntact
          ? "The other SWVs' access logs are intact."
          : `The other SWVs' access logs have ${receipt.otherChainProblems} problems: run passend audit verify.`,
      );
      console.log(`The receipt is in ${options.export}/deletion-receipt.json.`);
      if (
        receipt.rowsLeft !== 0 ||
        !receipt.otherSwvsUnchanged ||
        !receipt.otherChainsIntact ||
        receipt.checkpointFile === 'could_not_remove'
      ) {
        process.exitCode = 1;
      }
    });
}

function asOperatorErrorSync<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof LeavingError) throw new CliError(error.message);
    throw error;
  }
}

function assertLeavingFolder(folder: string): void {
  asOperatorErrorSync(() => assertNewExportFolder(folder));
}
