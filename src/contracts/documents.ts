// Documents in the child's file (docs/domain.md, "Document", docs/SECURITY.md C6 and D2): the list (never the
// content), the upload's metadata and the reasons an upload is refused. The file itself travels
// as the raw request body (application/octet-stream) and comes back as an attachment.
import { z } from 'zod';
import { documentClassifications } from '../domain/childFile.ts';
import { Id, Text } from './common.ts';

/** What may be uploaded, by the type the content shows (never the name): media type → extensions. */
export const documentMediaTypes = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/msword': ['doc'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
} as const satisfies Record<string, readonly string[]>;
export type DocumentMediaType = keyof typeof documentMediaTypes;

export const DocumentClassification = z.enum(documentClassifications);

/**
 * Why the content was refused, in `details.reason`: empty (400), or (415) a type we do not take,
 * a program, a Word file with macros, a damaged file, or an archive that unpacks to far more than
 * it weighs (a ZIP bomb). Too large answers 413 before the content is read.
 */
export const contentRefusals = [
  'empty',
  'unknown_type',
  'executable',
  'macros',
  'damaged',
  'archive_bomb',
] as const;
export type ContentRefusal = (typeof contentRefusals)[number];

export const StudentDocumentParams = z.strictObject({ id: Id });
export const DocumentParams = z.strictObject({ documentId: Id });

/** The file name as the user's computer named it; a path before it is dropped by the server. */
const FileName = Text(255).pipe(z.string().min(1));

/**
 * POST /api/students/:id/documents?title=…&fileName=…&classification=…&sharedWithParents=true, the
 * body the file's bytes. Medical-psychological reports are never shared with parents (docs/SECURITY.md C6).
 */
export const UploadDocumentQuery = z
  .strictObject({
    title: Text(200).pipe(z.string().min(1)),
    fileName: FileName,
    classification: DocumentClassification,
    sharedWithParents: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
  })
  .refine((query) => !(query.sharedWithParents && query.classification === 'medical_psychological'), {
    path: ['sharedWithParents'],
    message: 'a medical-psychological document is not shared with parents',
  });

/** The raw file; the route's own content-type parser reads it into bytes (a Buffer on the server). */
export const UploadDocumentBody = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'send the file as application/octet-stream')
  .meta({ type: 'string', format: 'binary', description: 'the file’s bytes' });

export const DocumentView = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  classification: DocumentClassification,
  sharedWithParents: z.boolean(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});

/**
 * PATCH /api/documents/:documentId: corrects the title, the sharing with parents or the
 * classification; only what is named changes (no defaults). A medical-psychological document is
 * never shared with parents: in the body 400, against what is stored 422 (rule
 * `medical_not_shared`).
 */
export const UpdateDocumentBody = z
  .strictObject({
    title: Text(200).pipe(z.string().min(1)),
    sharedWithParents: z.boolean(),
    classification: DocumentClassification,
  })
  .partial()
  .refine((body) => !(body.sharedWithParents && body.classification === 'medical_psychological'), {
    path: ['sharedWithParents'],
    message: 'a medical-psychological document is not shared with parents',
  });

/** A document in the list, and whether this user may change it. */
export const DocumentListItem = DocumentView.extend({ mayChange: z.boolean() });

/**
 * GET /api/students/:id/documents: the documents this user may read, newest first, and what this
 * user may upload (the classifications the policy allows; empty: no upload) up to which size.
 */
export const DocumentList = z.object({
  documents: z.array(DocumentListItem),
  uploadClassifications: z.array(DocumentClassification),
  maxUploadBytes: z.number().int(),
});
