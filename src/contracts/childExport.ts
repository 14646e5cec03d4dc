// The export of everything about a child (AVG art. 15; docs/SECURITY.md E1): the query of the download
// and the shape of its JSON. The sections hold the stored rows under their field names, so a reader
// program can rely on them; `formatVersion` changes when a field is renamed or removed.
import { z } from 'zod';
import { exportAudiences, exportSections, withheldReasons } from '../domain/childExport.ts';

export const ChildExportQuery = z.strictObject({ format: z.enum(['json', 'pdf']) });

const Row = z.record(z.string(), z.unknown());

export const ChildExport = z.strictObject({
  formatVersion: z.number().int(),
  /** "parents": what the parent portal shows them; "complete": the whole file, for a written request. */
  audience: z.enum(exportAudiences),
  madeAt: z.iso.datetime(),
  madeBy: z.strictObject({ name: z.string(), role: z.string() }),
  swv: z.strictObject({ id: z.uuid(), name: z.string() }),
  student: z.strictObject({ id: z.uuid() }),
  /** Every section, in this order, each a list of rows (empty when the file holds none). */
  sections: z.strictObject(
    Object.fromEntries(exportSections.map((s) => [s, z.array(Row)])) as {
      [K in (typeof exportSections)[number]]: z.ZodArray<typeof Row>;
    },
  ),
  /** The people and organisations the rows name by id. */
  people: z.array(z.strictObject({ id: z.uuid(), name: z.string() })),
  organisations: z.array(z.strictObject({ ref: z.string(), name: z.string() })),
  /** What the parents' export leaves out, and why (empty in the complete export). */
  withheld: z.array(
    z.strictObject({
      section: z.enum(exportSections),
      rows: z.number().int(),
      reason: z.enum(Object.keys(withheldReasons) as [keyof typeof withheldReasons]),
    }),
  ),
  /** Always left out: the documents' content, encryption keys, hashes, and the network addresses of the log. */
  notIncluded: z.array(z.string()),
});
export type ChildExport = z.infer<typeof ChildExport>;
