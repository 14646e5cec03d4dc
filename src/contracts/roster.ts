// A school's roster taken in from its administration system through the web app (docs/domain.md,
// "Rosters from the school's system"): the EDEXML file as the raw body, the preview or the result.
import { z } from 'zod';
import { rosterFields } from '../domain/roster.ts';

export const RosterImportQuery = z.strictObject({
  /** false: the preview, nothing is written; true: the same file again, applied. */
  apply: z.stringbool().default(false),
});

export const RosterImportBody = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'send the EDEXML file as application/xml')
  .meta({ type: 'string', format: 'binary', description: 'the EDEXML file’s bytes' });

/**
 * One pupil in the preview. The file's own key always; the name, birth date and group only for who
 * may read the school's children (the IB'er), never for the SWV administrator (docs/SECURITY.md).
 */
export const RosterPupilView = z.object({
  /** The school system's key; null for a child typed in by hand. */
  key: z.string().nullable(),
  name: z.string().nullable(),
  birthDate: z.string().nullable(),
  groupName: z.string().nullable(),
});

export const RosterField = z.enum(rosterFields);

export const RosterImportResult = z.object({
  applied: z.boolean(),
  /** Whether the lists carry names (the IB'er) or only the file's keys (the SWV administrator). */
  withNames: z.boolean(),
  version: z.string(),
  schoolYear: z.string().nullable(),
  locationCode: z.string().nullable(),
  pupilsInFile: z.number().int(),
  added: z.array(RosterPupilView),
  changed: z.array(
    z.object({
      pupil: RosterPupilView,
      fields: z.array(
        z.object({ field: RosterField, before: z.string().nullable(), after: z.string().nullable() }),
      ),
    }),
  ),
  left: z.array(z.object({ pupil: RosterPupilView, leftOn: z.string() })),
  /** Children typed in by hand the file does not have: to check, not changed. */
  notInFile: z.array(RosterPupilView),
  skipped: z.array(z.object({ key: z.string(), reason: z.string() })),
  unchanged: z.number().int(),
  /**
   * The file's teachers against the teacher accounts at the school (by e-mail). Staff data, not a
   * child's: shown to the IB'er and the administrator alike. Passend changes no account from it.
   */
  teachers: z.object({
    inFile: z.number().int(),
    sameGroups: z.number().int(),
    differentGroups: z.array(
      z.object({
        name: z.string(),
        email: z.string(),
        fileGroups: z.array(z.string()),
        passendGroups: z.array(z.string()),
      }),
    ),
    withoutAccount: z.array(z.object({ name: z.string(), email: z.string().nullable() })),
  }),
});
