// Key rotation: re-encrypts every stored document that is not under the current (first) key, one
// committed transaction per document, in batches by id that report progress. Idempotent (documents
// under the current key are left alone) and resumable (an interrupted run keeps what it finished).
// Used by `passend documents rotate-key`.
import { and, asc, count, eq, gt, ne } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { document, documentChunk } from '../../db/schema/index.ts';
import { ChunkMissing, readChunks, writeChunks } from './chunks.ts';
import { DocumentUnreadable, documentOpener, type KeyRing, sealDocument } from './encryption.ts';

export type RotationResult = {
  /** Documents re-encrypted by this run. */
  rotated: number;
  /** Documents that could not be decrypted (key not configured, or damaged); left as they were. */
  unreadable: { id: string; keyId: string; problem: DocumentUnreadable['problem'] }[];
  /** After the run: how many documents each key id holds. */
  byKey: Record<string, number>;
};

export type RotationOptions = {
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

export class RotationInterrupted extends Error {}

/**
 * Re-encrypts one document in one transaction: its row locked, the chunks of its version read, the
 * new version's chunks written and the old ones deleted, the row pointed at the new version. A
 * download that reads meanwhile keeps to the version it began with and reads again when it is
 * gone (documents.service.ts). Answers what became of it; null when another run did it already.
 */
async function rotateOne(database: Database, keys: KeyRing, row: { swvId: string; id: string }) {
  return database.db.transaction(async (tx) => {
    const [locked] = await tx
      .select({
        keyId: document.keyId,
        iv: document.iv,
        authTag: document.authTag,
        sha256: document.sha256,
        sizeBytes: document.sizeBytes,
        contentVersion: document.contentVersion,
      })
      .from(document)
      .where(and(eq(document.swvId, row.swvId), eq(document.id, row.id)))
      .for('update');
    if (!locked || locked.keyId === keys.current.id) return null;
    const ids = { swvId: row.swvId, documentId: row.id };
    const old = { ...ids, contentVersion: locked.contentVersion };
    let plaintext: Buffer;
    try {
      const opener = documentOpener(keys, ids, locked, locked.sizeBytes);
      await readChunks(tx, old, locked.sizeBytes, (bytes) => opener.update(bytes));
      plaintext = opener.finish();
    } catch (error) {
      const problem = error instanceof ChunkMissing ? new DocumentUnreadable('damaged') : error;
      if (!(problem instanceof DocumentUnreadable)) throw error;
      return { id: row.id, keyId: locked.keyId, problem: problem.problem };
    }
    const sealed = await sealDocument(keys, ids, plaintext);
    const contentVersion = locked.contentVersion + 1;
    await writeChunks(tx, { ...ids, contentVersion }, sealed.ciphertext);
    await tx
      .delete(documentChunk)
      .where(
        and(
          eq(documentChunk.swvId, row.swvId),
          eq(documentChunk.documentId, row.id),
          eq(documentChunk.contentVersion, locked.contentVersion),
        ),
      );
    await tx
      .update(document)
      .set({ keyId: sealed.keyId, iv: sealed.iv, authTag: sealed.authTag, contentVersion })
      .where(and(eq(document.swvId, row.swvId), eq(document.id, row.id)));
    return 'rotated' as const;
  });
}

export async function rotateDocumentKeys(
  database: Database,
  keys: KeyRing,
  options: RotationOptions = {},
): Promise<RotationResult> {
  const { db } = database;
  const current = keys.current.id;
  const batchSize = options.batchSize ?? 20;
  const stillOld = and(ne(document.keyId, current), eq(document.state, 'stored'));
  const [pending] = await db.select({ n: count() }).from(document).where(stillOld);
  const total = pending?.n ?? 0;
  const result: RotationResult = { rotated: 0, unreadable: [], byKey: {} };
  let afterId: string | null = null;
  let done = 0;
  for (;;) {
    if (options.signal?.aborted) throw new RotationInterrupted('Interrupted');
    const batch = await db
      .select({ swvId: document.swvId, id: document.id })
      .from(document)
      .where(and(stillOld, ...(afterId === null ? [] : [gt(document.id, afterId)])))
      .orderBy(asc(document.id))
      .limit(batchSize);
    for (const row of batch) {
      const outcome = await rotateOne(database, keys, row);
      if (outcome === 'rotated') result.rotated += 1;
      else if (outcome) result.unreadable.push(outcome);
    }
    done += batch.length;
    options.onProgress?.(done, total);
    if (batch.length < batchSize) break;
    afterId = batch.at(-1)!.id;
  }
  const byKey = await db
    .select({ keyId: document.keyId, n: count() })
    .from(document)
    .groupBy(document.keyId)
    .orderBy(asc(document.keyId));
  result.byKey = Object.fromEntries(byKey.map((row) => [row.keyId, row.n]));
  return result;
}
