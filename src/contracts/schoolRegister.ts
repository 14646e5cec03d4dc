// DUO's school register taken in by the SWV's administrator (docs/domain.md, "The school
// register"): the CSV file as the raw body, the preview or the result for the administrator's SWV.
import { z } from 'zod';
import { schoolKinds } from '../domain/organisation.ts';
import { registerFields } from '../domain/schoolRegister.ts';

export const SchoolRegisterImportQuery = z.strictObject({
  /** The kind of the file's schools: DUO publishes one file per kind. */
  kind: z.enum(schoolKinds),
  /** false: the preview, nothing is written; true: the same file again, applied. */
  apply: z.stringbool().default(false),
});

export const SchoolRegisterImportBody = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'send the DUO file as text/csv')
  .meta({ type: 'string', format: 'binary', description: 'the DUO register file’s bytes' });

const RegisterLocationView = z.object({
  locationCode: z.string(),
  name: z.string(),
  city: z.string(),
});

export const SchoolRegisterImportResult = z.object({
  applied: z.boolean(),
  created: z.array(RegisterLocationView),
  updated: z.array(RegisterLocationView.extend({ fields: z.array(z.enum(registerFields)) })),
  unchanged: z.number().int(),
  /** Locations of the file that belong to other SWVs, by their postcode. */
  elsewhere: z.number().int(),
  /** Location codes whose postcode the region table does not know. */
  unknownPostcode: z.array(z.string()),
  /** Rows that could not be read, each with its reason. */
  refused: z.array(z.string()),
});
