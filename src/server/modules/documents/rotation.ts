// Key rotation: re-encrypts every document that is not under the current (first) key, in small
// committed batches by id. Idempotent (documents under the current key are left alone) and
// resumable (an interrupted run keeps the batches it finished). Used by `passend documents rotate-key`.
import { and, asc, count, eq, gt, ne } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { document } from '../../db/schema/index.ts';
import { DocumentUnreadable, type KeyRing, openDocument, sealDocument } from './encryption.ts';

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

export async function rotateDocumentKeys(
  database: Database,
  keys: KeyRing,
  options: RotationOptions = {},
): Promise<RotationResult> {
  const { db } = database;
  const current = keys.current.id;
  const batchSize = options.batchSize ?? 20;
  const [pending] = await db.select({ n: count() }).from(document).where(ne(document.keyId, current));
  const total = pending?.n ?? 0;
  const result: RotationResult = { rotated: 0, unreadable: [], byKey: {} };
  let afterId: string | null = null;
  let done = 0;
  for (;;) {
    if (options.signal?.aborted) throw new RotationInterrupted('Interrupted');
    const lastId: string | null = await db.transaction(async (tx) => {
      const batch = await tx
        .select({
          swvId: document.swvId,
          id: document.id,
          keyId: document.keyId,
          iv: document.iv,
          authTag: document.authTag,
          ciphertext: document.content,
          sha256: document.sha256,
        })
        .from(document)
        .where(
          afterId === null
            ? ne(document.keyId, current)
            : and(ne(document.keyId, current), gt(document.id, afterId)),
        )
        .orderBy(asc(document.id))
        .limit(batchSize)
        .for('update');
      for (const row of batch) {
        const ids = { swvId: row.swvId, documentId: row.id };
        let plaintext: Buffer;
        try {
          plaintext = openDocument(keys, ids, row);
        } catch (error) {
          if (!(error instanceof DocumentUnreadable)) throw error;
          result.unreadable.push({ id: row.id, keyId: row.keyId, problem: error.problem });
          continue;
        }
        const sealed = await sealDocument(keys, ids, plaintext);
        await tx
          .update(document)
          .set({ keyId: sealed.keyId, iv: sealed.iv, authTag: sealed.authTag, content: sealed.ciphertext })
          .where(and(eq(document.swvId, row.swvId), eq(document.id, row.id), eq(document.keyId, row.keyId)));
        result.rotated += 1;
      }
      done += batch.length;
      return batch.at(-1)?.id ?? null;
    });
    options.onProgress?.(done, total);
    if (lastId === null) break;
    afterId = lastId;
  }
  const byKey = await db
    .select({ keyId: document.keyId, n: count() })
    .from(document)
    .groupBy(document.keyId)
    .orderBy(asc(document.keyId));
  result.byKey = Object.fromEntries(byKey.map((row) => [row.keyId, row.n]));
  return result;
}
