// `passend documents rotate-key`: re-encrypts every document under the current document key, the
// first of PASSEND_DOCUMENT_KEYS (or of the embedded database's key file). Safe to run again and
// to interrupt: finished batches stay. See README "Document keys" for the whole rotation.
import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { resolveKeyRing } from '../../server/modules/documents/encryption.ts';
import { RotationInterrupted, rotateDocumentKeys } from '../../server/modules/documents/rotation.ts';
import { progressLine, rowsOf } from '../../server/progress.ts';
import { CliError, interruption, withDatabase } from '../context.ts';

function parseBatchSize(value: string): number {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('a whole number from 1 to 9999');
  return Number(value);
}

export function registerDocumentsCommands(program: Command): void {
  const documents = program.command('documents').description('the documents in the children’s files');
  documents
    .command('rotate-key')
    .description('re-encrypt every document under the current (first) document key; resumable')
    .option('--batch-size <n>', 'documents per transaction', parseBatchSize, 20)
    .action(async (options: { batchSize: number }) => {
      const config = loadConfig();
      const keys = resolveKeyRing(config.documents.keys, config.database);
      const progress = progressLine();
      const result = await withDatabase(
        async (database) => {
          try {
            return await rotateDocumentKeys(database, keys, {
              batchSize: options.batchSize,
              signal: interruption.signal,
              onProgress: (done, total) => progress.update(`rotate-key: ${rowsOf(done, total)}`),
            });
          } catch (error) {
            if (error instanceof RotationInterrupted)
              throw new CliError('Interrupted; the documents done so far stay done: run it again to finish');
            throw error;
          } finally {
            progress.done();
          }
        },
        { requireMigrated: true },
      );
      console.log(
        `Re-encrypted ${result.rotated} document${result.rotated === 1 ? '' : 's'} under key ${keys.current.id}.`,
      );
      for (const problem of result.unreadable) {
        console.log(
          `Not rotated: document ${problem.id} under key ${problem.keyId}: ${
            problem.problem === 'key_missing' ? 'that key is not configured' : 'it is damaged'
          }`,
        );
      }
      const others = Object.keys(result.byKey).filter((keyId) => keyId !== keys.current.id);
      if (others.length === 0) {
        console.log(`Every document is under key ${keys.current.id}; older keys can be removed.`);
      } else {
        console.log(`Keys still in use: ${others.join(', ')}.`);
        process.exitCode = 1;
      }
    });
}
