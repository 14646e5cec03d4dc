// Documents in the child's file: uploaded reports, encrypted at rest with AES-256-GCM (docs/SECURITY.md D2).
// The content is ciphertext under the key named by key_id; the hash is of the plaintext, so a
// decryption can be checked end to end. Listing never reads the content column.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { documentClassifications } from '../../../domain/childFile.ts';
import { appUser } from './accounts.ts';
import { student } from './students.ts';

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
    content: bytea('content').notNull(),
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
  ],
);
