// A document's ciphertext lives in chunks (docs/decisions/0023-document-chunks.md): PGlite runs in
// the server's own thread, and one statement on 10 MB held it, and every other request, for a
// second or more. A statement on one chunk takes a few ms; other requests run between them.
import { and, eq, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { document, documentChunk } from '../../db/schema/index.ts';

/**
 * On PGlite, in the server's thread, an insert of 64 KB takes ~5 ms of CPU, one of 128 KB ~10 ms
 * (docs/decisions/0023-…); PostgreSQL does not mind either.
 */
export const documentChunkBytes = 64 * 1024;

/**
 * PGlite answers without real I/O, so awaiting one statement after another never lets timers or
 * sockets run: without this pause each loop below would be one long step after all.
 */
const yieldToEventLoop = () => new Promise<void>((resume) => setImmediate(resume));

/** One encryption of a document: rotation writes a new version before it deletes the old one. */
export type ContentVersion = { swvId: string; documentId: string; contentVersion: number };

/** Writes the ciphertext one chunk per statement, seq 0, 1, … */
export async function writeChunks(db: Queryable, version: ContentVersion, ciphertext: Buffer) {
  for (let seq = 0; seq * documentChunkBytes < ciphertext.length; seq++) {
    await yieldToEventLoop();
    const at = seq * documentChunkBytes;
    await db
      .insert(documentChunk)
      .values({ ...version, seq, bytes: ciphertext.subarray(at, at + documentChunkBytes) });
  }
}

/** A chunk of the version being read is gone: rotation replaced it meanwhile, or it was lost. */
export class ChunkMissing extends Error {}

/** Hands the version's chunks to `take` in order, one statement each, until `sizeBytes` came. */
export async function readChunks(
  db: Queryable,
  version: ContentVersion,
  sizeBytes: number,
  take: (bytes: Buffer) => void,
) {
  let read = 0;
  for (let seq = 0; read < sizeBytes; seq++) {
    await yieldToEventLoop();
    const [chunk] = await db
      .select({ bytes: documentChunk.bytes })
      .from(documentChunk)
      .where(
        and(
          eq(documentChunk.documentId, version.documentId),
          eq(documentChunk.contentVersion, version.contentVersion),
          eq(documentChunk.seq, seq),
          eq(documentChunk.swvId, version.swvId),
        ),
      );
    if (!chunk) throw new ChunkMissing('a chunk of the document is missing');
    take(chunk.bytes);
    read += chunk.bytes.length;
  }
}

/** Far longer than storing 10 MB takes, even on a busy machine. */
const abandonedAfterMs = 60 * 60 * 1000;

/**
 * Deletes documents left 'storing' for an hour, with their chunks (the foreign key cascades): an
 * upload the server crashed in, or whose clean-up failed. Nobody ever saw them. Housekeeping.
 */
export async function deleteAbandonedUploads(db: Queryable, now: Date): Promise<void> {
  await db
    .delete(document)
    .where(
      and(eq(document.state, 'storing'), lt(document.uploadedAt, new Date(now.getTime() - abandonedAfterMs))),
    );
}
