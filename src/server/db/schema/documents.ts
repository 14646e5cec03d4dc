// Documents in the child's file: uploaded reports, encrypted at rest with AES-256-GCM (docs/SECURITY.md D2).
// The ciphertext is one GCM stream under the key named by key_id, stored in chunks of its own table
// so that no statement moves more than a chunk (docs/decisions/0023-…); the hash is of the
// plaintext, so a decryption can be checked end to end. Listing never reads the chunks.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { documentClassifications } from '../../../domain/childFile.ts';
import { appUser } from './accounts.ts';
import { student } from './students.ts';

/** 'storing' while its chunks are written after the upload was authorized; only 'stored' is seen. */
export const documentStates = ['storing', 'stored'] as const;

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const document = pgTable(
  'document',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    /** Detected from the content (magic bytes), never taken from the name or the client. */
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    classification: text('classification', { enum: documentClassifications }).notNull(),
    /** Parents see ordinary documents that the school shared with them. */
    sharedWithParents: boolean('shared_with_parents').notNull().default(false),
    sha256: text('sha256').notNull(),
    keyId: text('key_id').notNull(),
    iv: bytea('iv').notNull(),
    authTag: bytea('auth_tag').notNull(),
    state: text('state', { enum: documentStates }).notNull().default('stored'),
    /** Raised when rotation rewrites the chunks, so a reader never mixes two encryptions. */
    contentVersion: integer('content_version').notNull().default(1),
    uploadedByUserId: uuid('uploaded_by_user_id').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.studentId),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.uploadedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('document_size', sql`${t.sizeBytes} > 0`),
    check('document_state', sql`${t.state} in ('storing', 'stored')`),
  ],
);

/** The ciphertext of a document version in order: seq 0, 1, … each at most documentChunkBytes. */
export const documentChunk = pgTable(
  'document_chunk',
  {
    swvId: uuid('swv_id').notNull(),
    documentId: uuid('document_id').notNull(),
    contentVersion: integer('content_version').notNull(),
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.contentVersion, t.seq] }),
    foreignKey({ columns: [t.swvId, t.documentId], foreignColumns: [document.swvId, document.id] }).onDelete(
      'cascade',
    ),
    check('document_chunk_seq', sql`${t.seq} >= 0`),
  ],
);
