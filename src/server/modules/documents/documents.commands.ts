// What other modules may ask the documents module to do: check a file by its content as an upload
// is checked, and store a document in the caller's transaction, encrypted at rest as an upload is
// (docs/SECURITY.md D2), e.g. an OSO dossier's attachments (docs/decisions/0029-…). The caller has
// authorized the child's file and written the access-log row.
import { uuidv7 } from 'uuidv7';
import type { DocumentMediaType } from '../../../contracts/documents.ts';
import type { DocumentClassification } from '../../../domain/childFile.ts';
import type { Context } from '../../access/actor.ts';
import type { Tx } from '../../db/client.ts';
import { document } from '../../db/schema/index.ts';
import { writeChunks } from './chunks.ts';
import { type KeyRing, sealDocument } from './encryption.ts';
import { safeFileName } from './fileName.ts';
import { type Detection, detectDocumentType } from './fileType.ts';

/** The upload's content check (fileType.ts): the media type, or why the file is refused. */
export const checkDocumentContent = (content: Buffer): Detection => detectDocumentType(content);

/**
 * Stores a checked document for the child, its chunks in the same transaction (a dossier's
 * attachments are small; an upload of any size goes through uploadDocument). Returns its id.
 */
export async function storeDocument(
  tx: Tx,
  ctx: Context,
  keys: KeyRing,
  input: {
    swvId: string;
    studentId: string;
    title: string;
    fileName: string;
    mediaType: DocumentMediaType;
    classification: DocumentClassification;
    content: Buffer;
  },
): Promise<string> {
  const id = uuidv7();
  const sealed = await sealDocument(keys, { swvId: input.swvId, documentId: id }, input.content);
  await tx.insert(document).values({
    swvId: input.swvId,
    id,
    studentId: input.studentId,
    title: input.title,
    fileName: safeFileName(input.fileName, input.mediaType),
    mediaType: input.mediaType,
    sizeBytes: input.content.length,
    classification: input.classification,
    sharedWithParents: false,
    sha256: sealed.sha256,
    keyId: sealed.keyId,
    iv: sealed.iv,
    authTag: sealed.authTag,
    // One transaction with its chunks: stored when it commits, nothing when it does not.
    state: 'stored',
    contentVersion: 1,
    uploadedByUserId: ctx.actor.userId,
    uploadedAt: ctx.now,
  });
  await writeChunks(tx, { swvId: input.swvId, documentId: id, contentVersion: 1 }, sealed.ciphertext);
  return id;
}
