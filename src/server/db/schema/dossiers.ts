// OSO hand-over dossiers taken into a child's file (docs/domain.md, "Hand-over dossiers (OSO)",
// docs/decisions/0029-oso-dossier-import.md). One row per dossier file imported (its SHA-256: the
// same file twice is one import), the entries it brought keyed by what the dossier identifies them
// with (so a dossier imported again, or a later one that repeats them, adds nothing), and the link
// from each attachment (by its content's hash) to the document stored in the documents module.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { osoAttachmentSources } from '../../../domain/oso.ts';
import { appUser } from './accounts.ts';
import { document } from './documents.ts';
import { student } from './students.ts';

export const osoEntryKinds = ['contact', 'career', 'result', 'support'] as const;

export const osoDossier = pgTable(
  'oso_dossier',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    /** SHA-256 of the file as received. */
    fileSha256: text('file_sha256').notNull(),
    /** overdrachtsoort: swv-dossier (PaO) or overstapdossier (OV). */
    kind: text('kind').notNull(),
    /** overstap: POSWV, POVO, … ('' when the dossier names none). */
    transfer: text('transfer').notNull().default(''),
    exportedOn: date('exported_on', { mode: 'string' }),
    packageName: text('package_name').notNull().default(''),
    sendingLocationCode: text('sending_location_code').notNull(),
    sendingSchoolName: text('sending_school_name').notNull().default(''),
    importedByUserId: uuid('imported_by_user_id').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    unique('oso_dossier_file').on(t.swvId, t.studentId, t.fileSha256),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.importedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
  ],
);

/**
 * A contact (the pupil or a parent/guardian), a school-career entry, a test result or a block of
 * support given, as the dossier had it (data: the domain's Oso* types as JSON). The page always
 * shows a child's entries whole; nothing queries inside data. `secret` and `medical` say what the
 * server must leave out for who may not see it.
 */
export const osoEntry = pgTable(
  'oso_entry',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    kind: text('kind', { enum: osoEntryKinds }).notNull(),
    entryKey: text('entry_key').notNull(),
    data: jsonb('data').notNull(),
    /** The dossier that last wrote it. */
    dossierId: uuid('dossier_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('oso_entry_key').on(t.swvId, t.studentId, t.kind, t.entryKey),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.swvId, t.dossierId],
      foreignColumns: [osoDossier.swvId, osoDossier.id],
    }).onDelete('cascade'),
    check('oso_entry_kind', sql`${t.kind} in ('contact', 'career', 'result', 'support')`),
  ],
);

/** An attachment taken in: the document it became, found again by its content's hash. */
export const osoAttachment = pgTable(
  'oso_attachment',
  {
    swvId: uuid('swv_id').notNull(),
    studentId: uuid('student_id').notNull(),
    sha256: text('sha256').notNull(),
    documentId: uuid('document_id').notNull(),
    source: text('source', { enum: osoAttachmentSources }).notNull(),
    dossierId: uuid('dossier_id').notNull(),
    medical: boolean('medical').notNull(),
  },
  (t) => [
    unique('oso_attachment_content').on(t.swvId, t.studentId, t.sha256),
    index().on(t.swvId, t.studentId),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.documentId], foreignColumns: [document.swvId, document.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.swvId, t.dossierId],
      foreignColumns: [osoDossier.swvId, osoDossier.id],
    }).onDelete('cascade'),
  ],
);
