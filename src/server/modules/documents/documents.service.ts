// Use cases on the child's documents: list what the user may read, upload (type by content,
// encrypted before it is stored), correct the title, sharing or classification, download
// (decrypted, logged as an export). Each is run by runUseCase: one transaction with its access-log
// row (docs/SECURITY.md A1). The ciphertext is stored and read a chunk per statement, after that
// transaction (chunks.ts, docs/decisions/0023-…); only stored documents are seen.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  ContentRefusal,
  UpdateDocumentBody,
  UploadDocumentQuery,
} from '../../../contracts/documents.ts';
import {
  type DocumentClassification,
  documentClassifications,
  documentSharingRefusal,
} from '../../../domain/childFile.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeChild } from '../../access/authorize.ts';
import { type ChildPart, can, type StudentFacts } from '../../access/policy.ts';
import { runUseCase } from '../../access/useCase.ts';
import type { Queryable, Tx } from '../../db/client.ts';
import { appUser, document } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { ChunkMissing, readChunks, writeChunks } from './chunks.ts';
import { DocumentUnreadable, documentOpener, type KeyRing, sealDocument } from './encryption.ts';
import { safeFileName } from './fileName.ts';
import { detectDocumentType } from './fileType.ts';

export type DocumentSettings = {
  keys: KeyRing;
  /** The largest upload in bytes (PASSEND_DOCUMENT_MAX_MB). */
  maxBytes: number;
};

const documentResource = (
  student: StudentFacts,
  classification: DocumentClassification,
  sharedWithParents: boolean,
): ChildPart => ({ type: 'document', student, classification, sharedWithParents });

const viewColumns = {
  id: document.id,
  title: document.title,
  fileName: document.fileName,
  mediaType: document.mediaType,
  sizeBytes: document.sizeBytes,
  classification: document.classification,
  sharedWithParents: document.sharedWithParents,
  uploadedByName: appUser.displayName,
  uploadedAt: document.uploadedAt,
};

/** A document whose chunks are all written; one still being stored is nobody's yet. */
const isStored = eq(document.state, 'stored');

/** What the policy needs of a stored document, any SWV's: the policy answers another SWV's with 404. */
async function storedDocument(tx: Tx, documentId: string) {
  const [found] = await tx
    .select({
      studentId: document.studentId,
      classification: document.classification,
      sharedWithParents: document.sharedWithParents,
    })
    .from(document)
    .where(and(eq(document.id, documentId), isStored));
  if (!found) throw notFound();
  return found;
}

async function documentViews(db: Queryable, where: SQL | undefined) {
  const rows = await db
    .select(viewColumns)
    .from(document)
    .leftJoin(appUser, and(eq(appUser.swvId, document.swvId), eq(appUser.id, document.uploadedByUserId)))
    .where(and(where, isStored))
    .orderBy(desc(document.uploadedAt), desc(document.id));
  return rows.map((row) => ({ ...row, uploadedAt: row.uploadedAt.toISOString() }));
}

/**
 * The documents of the child this user may read, newest first. The one access-log row is for the
 * list; the user may list when a policy rule lets them read at least a shared ordinary document.
 */
export async function listDocuments(ctx: Context, settings: DocumentSettings, studentId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'document_list',
        resource: (student) => documentResource(student, 'ordinary', true),
      }),
    work: async (tx, facts) => {
      const all = await documentViews(
        tx,
        and(eq(document.swvId, facts.swvId), eq(document.studentId, studentId)),
      );
      const may = (action: 'read' | 'update', row: (typeof all)[number]) =>
        can(ctx.actor, action, documentResource(facts, row.classification, row.sharedWithParents)).allowed;
      return {
        documents: all
          .filter((row) => may('read', row))
          .map((row) => ({ ...row, mayChange: may('update', row) })),
        uploadClassifications: documentClassifications.filter(
          (classification) =>
            can(ctx.actor, 'create', documentResource(facts, classification, false)).allowed,
        ),
        maxUploadBytes: settings.maxBytes,
      };
    },
  });
}

const refusalMessages: Record<ContentRefusal, string> = {
  empty: 'The file is empty',
  unknown_type: 'Only PDF, Word (doc, docx) and images (PNG, JPEG, GIF, WebP) can be uploaded',
  executable: 'Programs and scripts cannot be uploaded',
  macros: 'Word documents with macros cannot be uploaded',
  damaged: 'The file is damaged',
  archive_bomb: 'The file unpacks to far more than its size',
};

/** Checks the content before anything is written: a refused file leaves no trace, not even a log row. */
function refuseContent(content: Buffer, maxBytes: number) {
  // The route's body limit answered 413 already; this keeps the rule when called directly.
  if (content.length > maxBytes) throw new AppError('payload_too_large', 'The file is too large');
  const detected = detectDocumentType(content);
  if (detected.ok) return detected.mediaType;
  throw new AppError(
    detected.reason === 'empty' ? 'validation_failed' : 'unsupported_media_type',
    refusalMessages[detected.reason],
    { reason: detected.reason },
  );
}

export async function uploadDocument(
  ctx: Context,
  settings: DocumentSettings,
  studentId: string,
  input: z.infer<typeof UploadDocumentQuery>,
  content: Buffer,
) {
  const mediaType = refuseContent(content, settings.maxBytes);
  const id = uuidv7();
  // Encrypted before the transaction, which on PGlite holds the one connection. Sealed for the
  // actor's SWV; a child of another is refused below, before a byte is stored.
  const swvId = ctx.actor.swvId;
  const sealed = swvId ? await sealDocument(settings.keys, { swvId, documentId: id }, content) : null;
  const stored = await runUseCase(ctx, {
    authorize: async (tx) => {
      const facts = await authorizeChild(tx, ctx, {
        action: 'create',
        studentId,
        logAction: 'create',
        objectType: 'document',
        objectId: id,
        part: input.classification,
        resource: (student) => documentResource(student, input.classification, input.sharedWithParents),
      });
      // authorizeChild answered "not found" for another SWV's child; this keeps the seal honest.
      if (!sealed || facts.swvId !== swvId) throw notFound();
      return { facts, sealed };
    },
    work: async (tx, { facts, sealed }) => {
      await tx.insert(document).values({
        swvId: facts.swvId,
        id,
        studentId,
        title: input.title,
        fileName: safeFileName(input.fileName, mediaType),
        mediaType,
        sizeBytes: content.length,
        classification: input.classification,
        sharedWithParents: input.sharedWithParents,
        sha256: sealed.sha256,
        keyId: sealed.keyId,
        iv: sealed.iv,
        authTag: sealed.authTag,
        state: 'storing',
        contentVersion: 1,
        uploadedByUserId: ctx.actor.userId,
        uploadedAt: ctx.now,
      });
      return { swvId: facts.swvId, ciphertext: sealed.ciphertext };
    },
  });
  // Authorized and logged, the row committed as 'storing': now the chunks, a statement each, so
  // other requests run in between (docs/decisions/0023-…).
  const { db } = ctx.database;
  const where = and(eq(document.swvId, stored.swvId), eq(document.id, id));
  try {
    await writeChunks(db, { swvId: stored.swvId, documentId: id, contentVersion: 1 }, stored.ciphertext);
    await db.update(document).set({ state: 'stored' }).where(where);
  } catch (error) {
    // Nothing half-stored stays; should this fail too, housekeeping removes it later.
    await db
      .delete(document)
      .where(where)
      .catch(() => {});
    throw error;
  }
  const [view] = await documentViews(db, where);
  return view!;
}

/**
 * Corrects a document's title, sharing with parents or classification. The policy must allow the
 * document as it is and as it will be (docs/SECURITY.md C5); making it medical-psychological needs the right
 * to add such a report. A medical-psychological document shared with parents is refused (422) after
 * the access-log row, which stays: the refusal tells what the stored document is.
 */
export async function updateDocument(
  ctx: Context,
  documentId: string,
  input: z.infer<typeof UpdateDocumentBody>,
) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const found = await storedDocument(tx, documentId);
      const classification = input.classification ?? found.classification;
      const sharedWithParents = input.sharedWithParents ?? found.sharedWithParents;
      const becomesMedical =
        classification === 'medical_psychological' && found.classification !== 'medical_psychological';
      const facts = await authorizeChild(tx, ctx, {
        action: 'update',
        studentId: found.studentId,
        logAction: 'update',
        objectType: 'document',
        objectId: documentId,
        part: Object.keys(input).sort().join(',') || null,
        resource: (student) => documentResource(student, found.classification, found.sharedWithParents),
        also: (student) => [
          { action: 'update', resource: documentResource(student, classification, sharedWithParents) },
          ...(becomesMedical
            ? [{ action: 'create' as const, resource: documentResource(student, classification, false) }]
            : []),
        ],
      });
      return { facts, classification, sharedWithParents };
    },
    work: async (tx, { facts, classification, sharedWithParents }) => {
      const refusal = documentSharingRefusal(classification, sharedWithParents);
      if (refusal) return refusal;
      const where = and(eq(document.swvId, facts.swvId), eq(document.id, documentId));
      if (Object.keys(input).length > 0) await tx.update(document).set(input).where(where);
      const [view] = await documentViews(tx, where);
      return view!;
    },
  });
}

/** What decrypting a stored document needs, from its row (not the chunks). */
async function sealedHeader(db: Queryable, swvId: string, documentId: string) {
  const [row] = await db
    .select({
      fileName: document.fileName,
      mediaType: document.mediaType,
      sizeBytes: document.sizeBytes,
      keyId: document.keyId,
      iv: document.iv,
      authTag: document.authTag,
      sha256: document.sha256,
      contentVersion: document.contentVersion,
    })
    .from(document)
    .where(and(eq(document.swvId, swvId), eq(document.id, documentId), isStored));
  return row;
}

/**
 * The decrypted document, logged as an export (docs/SECURITY.md A1: every download). The row is
 * committed before decrypting, so an attempt on a damaged document is in the log too. The chunks
 * are read a statement each and decrypted as they come; the tag and the hash are checked before
 * the plaintext is returned. Throws DocumentUnreadable when the ciphertext or its key is missing
 * or wrong.
 */
export async function downloadDocument(ctx: Context, settings: DocumentSettings, documentId: string) {
  const { swvId, header } = await runUseCase(ctx, {
    authorize: async (tx) => {
      const found = await storedDocument(tx, documentId);
      return authorizeChild(tx, ctx, {
        action: 'read',
        studentId: found.studentId,
        logAction: 'export',
        objectType: 'document',
        objectId: documentId,
        part: found.classification,
        resource: (student) => documentResource(student, found.classification, found.sharedWithParents),
      });
    },
    work: async (tx, facts) => ({
      swvId: facts.swvId,
      header: (await sealedHeader(tx, facts.swvId, documentId))!,
    }),
  });
  const { db } = ctx.database;
  const ids = { swvId, documentId };
  for (let current = header; ; ) {
    const opener = documentOpener(settings.keys, ids, current, current.sizeBytes);
    try {
      await readChunks(db, { ...ids, contentVersion: current.contentVersion }, current.sizeBytes, (bytes) =>
        opener.update(bytes),
      );
      return { fileName: current.fileName, mediaType: current.mediaType, content: opener.finish() };
    } catch (error) {
      if (!(error instanceof ChunkMissing)) throw error;
      // Rotation re-encrypted it meanwhile: read the new version. The same version short of a
      // chunk is damaged.
      const again = await sealedHeader(db, swvId, documentId);
      if (!again) throw notFound();
      if (again.contentVersion === current.contentVersion) throw new DocumentUnreadable('damaged');
      current = again;
    }
  }
}
