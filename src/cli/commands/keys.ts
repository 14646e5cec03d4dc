// `passend keys rotate` (also `passend documents rotate-key`, its first name): re-encrypts every
// document and re-seals every stored secret (TOTP, single sign-on client secrets) under the
// current key, the first of PASSEND_DOCUMENT_KEYS (or of the embedded database's key file). Safe to
// run again and to interrupt: finished batches stay. See README "Document keys" for the whole rotation.
import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { sealSecrets } from '../../server/modules/auth/secretRotation.ts';
import { resolveKeyRing } from '../../server/modules/documents/encryption.ts';
import { RotationInterrupted, rotateDocumentKeys } from '../../server/modules/documents/rotation.ts';
import { progressLine, rowsOf } from '../../server/progress.ts';
import { CliError, interruption, withDatabase } from '../context.ts';

function parseBatchSize(value: string): number {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('a whole number from 1 to 9999');
  return Number(value);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function rotateKeys(options: { batchSize: number }): Promise<void> {
  const config = loadConfig();
  const keys = resolveKeyRing(config.documents.keys, config.database);
  const progress = progressLine();
  const { documents, secrets } = await withDatabase(
    async (database) => {
      try {
        const documents = await rotateDocumentKeys(database, keys, {
          batchSize: options.batchSize,
          signal: interruption.signal,
          onProgress: (done, total) => progress.update(`keys rotate: ${rowsOf(done, total)}`),
        });
        return { documents, secrets: await sealSecrets(database, keys, 'not_current') };
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
  const current = keys.current.id;
  console.log(`Re-encrypted ${plural(documents.rotated, 'document')} under key ${current}.`);
  if (secrets.sealed > 0) {
    console.log(
      `Re-sealed ${plural(secrets.sealed, 'secret')} (second factor, single sign-on) under key ${current}.`,
    );
  }
  for (const problem of documents.unreadable) {
    console.log(
      `Not rotated: document ${problem.id} under key ${problem.keyId}: ${
        problem.problem === 'key_missing' ? 'that key is not configured' : 'it is damaged'
      }`,
    );
  }
  for (const problem of secrets.unreadable) {
    console.log(
      `Not rotated: ${problem.kind} secret of ${problem.ownerId} under key ${problem.keyId}: ${
        problem.problem === 'key_missing' ? 'that key is not configured' : 'it is damaged'
      }`,
    );
  }
  const others = [...new Set([...Object.keys(documents.byKey), ...Object.keys(secrets.byKey)])]
    .filter((keyId) => keyId !== current)
    .sort();
  if (others.length === 0) {
    console.log(`Every document and secret is under key ${current}; older keys can be removed.`);
  } else {
    console.log(`Keys still in use: ${others.join(', ')}.`);
    process.exitCode = 1;
  }
}

export function registerKeysCommands(program: Command): void {
  const description = 're-encrypt every document and stored secret under the current (first) key; resumable';
  program
    .command('keys')
    .description('the keys that encrypt documents and stored secrets')
    .command('rotate')
    .description(description)
    .option('--batch-size <n>', 'documents per transaction', parseBatchSize, 20)
    .action(rotateKeys);
  program
    .command('documents')
    .description('the documents in the children’s files')
    .command('rotate-key')
    .description(`${description} (the same as \`passend keys rotate\`)`)
    .option('--batch-size <n>', 'documents per transaction', parseBatchSize, 20)
    .action(rotateKeys);
}
