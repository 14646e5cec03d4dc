// OSO hand-over dossiers (docs/domain.md, "Hand-over dossiers (OSO)"): the dossier as the raw XML
// body of the import (a preview unless `apply`), and what the child's file holds of them.
import { z } from 'zod';
import { documentClassifications } from '../domain/childFile.ts';
import { osoAttachmentSources, osoSupportKinds } from '../domain/oso.ts';

export const OsoImportQuery = z.strictObject({
  /** false: the preview, nothing is written; true: the same file again, applied. */
  apply: z.stringbool().default(false),
  /** The child the user chose, when the match is not certain. */
  studentId: z.uuid().optional(),
  /** Make a new child of the dossier's pupil at the school. */
  createChild: z.stringbool().default(false),
});

export const OsoImportBody = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'send the OSO dossier as application/xml')
  .meta({ type: 'string', format: 'binary', description: 'the OSO dossier’s bytes' });

const Counts = z.object({ added: z.number().int(), changed: z.number().int(), unchanged: z.number().int() });

export const OsoChildView = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: z.string(),
  groupName: z.string(),
  schoolKey: z.string().nullable(),
});

export const OsoImportResult = z.object({
  applied: z.boolean(),
  dossier: z.object({
    kind: z.string(),
    handOver: z.enum(['pao', 'ov']),
    transfer: z.string().nullable(),
    exportedOn: z.string().nullable(),
    packageName: z.string().nullable(),
    sendingSchool: z.object({ locationCode: z.string(), name: z.string().nullable() }),
  }),
  pupil: z.object({ name: z.string(), birthDate: z.string(), schoolKey: z.string().nullable() }),
  match: z.object({
    certainty: z.enum(['certain', 'uncertain', 'none']),
    by: z.enum(['school_key', 'name_and_birth_date']).nullable(),
    candidates: z.array(OsoChildView),
  }),
  /** The child it goes (or went) to; null while the user must still choose. `created`: a new child. */
  child: z.object({ id: z.string().nullable(), name: z.string(), created: z.boolean() }).nullable(),
  /** The same file was imported for this child before: applying adds nothing. */
  alreadyImported: z.boolean(),
  counts: z.object({
    contacts: Counts,
    career: Counts,
    results: Counts,
    support: Counts,
    documents: z.object({ added: z.number().int(), known: z.number().int(), refused: z.number().int() }),
  }),
  attachments: z.array(
    z.object({
      fileName: z.string(),
      description: z.string().nullable(),
      source: z.enum(osoAttachmentSources),
      classification: z.enum(documentClassifications),
      status: z.enum(['new', 'known', 'refused']),
      problem: z.string().nullable(),
    }),
  ),
  /** Whether the user may create the child (the IB'er of the school). */
  mayCreateChild: z.boolean(),
});

const Address = z.object({
  street: z.string().nullable(),
  number: z.string().nullable(),
  addition: z.string().nullable(),
  postcode: z.string().nullable(),
  place: z.string().nullable(),
  country: z.string().nullable(),
});
const Score = z.object({
  code: z.string(),
  comparedWith: z.string().nullable(),
  value: z.string(),
  qualification: z.string().nullable(),
});

export const OsoContactView = z.object({
  isPupil: z.boolean(),
  givenName: z.string(),
  familyNamePrefix: z.string(),
  familyName: z.string(),
  relation: z.enum(['father', 'mother', 'guardian', 'other']).nullable(),
  relationCode: z.string().nullable(),
  legalRepresentative: z.boolean().nullable(),
  deceased: z.boolean(),
  /** The address is secret and this user may not see it: `addresses` is empty. */
  addressHidden: z.boolean(),
  addresses: z.array(Address),
  communications: z.array(
    z.object({
      kind: z.string(),
      label: z.string().nullable(),
      value: z.string(),
      secret: z.boolean(),
      emergency: z.boolean(),
    }),
  ),
});

export const OsoDossierView = z.object({
  dossiers: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      handOver: z.enum(['pao', 'ov']),
      transfer: z.string(),
      exportedOn: z.string().nullable(),
      sendingLocationCode: z.string(),
      sendingSchoolName: z.string(),
      importedAt: z.string(),
      importedByName: z.string().nullable(),
    }),
  ),
  contacts: z.array(OsoContactView),
  career: z.array(
    z.object({
      schoolYear: z.string(),
      groupCode: z.string(),
      groupName: z.string().nullable(),
      yearGroup: z.string().nullable(),
      startedOn: z.string(),
      endedOn: z.string().nullable(),
      locationCode: z.string().nullable(),
      schoolKind: z.string().nullable(),
      schoolType: z.string().nullable(),
    }),
  ),
  results: z.array(
    z.object({
      testCode: z.string(),
      testName: z.string().nullable(),
      subject: z.string().nullable(),
      version: z.string().nullable(),
      takenOn: z.string(),
      yearGroup: z.string().nullable(),
      takenBy: z.string().nullable(),
      correct: z.string().nullable(),
      abilityScore: z.string().nullable(),
      scores: z.array(Score),
      parts: z.array(
        z.object({ code: z.string().nullable(), name: z.string().nullable(), scores: z.array(Score) }),
      ),
      psychological: z.boolean(),
    }),
  ),
  support: z.array(
    z.object({
      kind: z.enum(osoSupportKinds),
      startedOn: z.string().nullable(),
      endedOn: z.string().nullable(),
      summary: z.string().nullable(),
      details: z.record(z.string(), z.string()),
      medical: z.boolean(),
    }),
  ),
  documents: z.array(
    z.object({
      documentId: z.string(),
      title: z.string(),
      fileName: z.string(),
      source: z.enum(osoAttachmentSources),
      classification: z.enum(documentClassifications),
    }),
  ),
  /** Test results, diagnoses and reports left out because they are medical-psychological. */
  hiddenMedical: z.number().int(),
});
