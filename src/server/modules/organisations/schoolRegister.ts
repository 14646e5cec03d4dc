// The DUO school register taken in (docs/domain.md, "The school register"): a DUO address file of
// school locations (`;`-separated, windows-1252 as DUO publishes it or UTF-8, current or older
// column names), each location assigned to its SWV by postcode (standards/swv/), and every SWV
// in Passend given its locations: created or updated, in one transaction. Schools are never deleted
// here: a school that closed keeps its children's files.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { SchoolRegisterImportResult } from '../../../contracts/schoolRegister.ts';
import type { SchoolKind } from '../../../domain/organisation.ts';
import {
  type HeldSchool,
  missingRegisterColumns,
  type PostcodeRegions,
  type RegisterChanges,
  type RegisterSchool,
  registerChanges,
  registerCodeKey,
  registerSchoolOf,
  sectorOfKind,
  swvOfLocation,
} from '../../../domain/schoolRegister.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { appendAdminEvent } from '../../access/adminLog.ts';
import { authorize } from '../../access/authorize.ts';
import type { Database, Tx } from '../../db/client.ts';
import { board, school, swv } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { projectPath } from '../../paths.ts';

/** The register file cannot be read as DUO's: the message names what is wrong. */
export class RegisterFileRefused extends Error {}

/** DUO publishes windows-1252; a file that is valid UTF-8 (as re-saved by many tools) is read as that. */
function decode(content: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    text = new TextDecoder('windows-1252').decode(content);
  }
  return text.replace(/^\uFEFF/, '');
}

export type RegisterFile = { locations: RegisterSchool[]; refused: string[] };

/** Reads a DUO address file of school locations. */
export function readRegisterFile(content: Uint8Array): RegisterFile {
  let rows: Record<string, string>[];
  let header: string[] = [];
  const text = decode(content);
  // DUO separates with semicolons; a file re-saved elsewhere may use commas. The header decides.
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  try {
    rows = parse(text, {
      delimiter: firstLine.includes(';') ? ';' : ',',
      columns: (names: string[]) => {
        header = names.map((name) => name.trim().toUpperCase());
        return header;
      },
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
    });
  } catch (error) {
    throw new RegisterFileRefused(`Not a DUO register file: ${(error as Error).message.split('\n')[0]}`);
  }
  const missing = missingRegisterColumns(header);
  if (missing.length > 0)
    throw new RegisterFileRefused(`Not a DUO register file: no column ${missing.join(', ')}`);
  const locations: RegisterSchool[] = [];
  const refused: string[] = [];
  for (const row of rows) {
    const found = registerSchoolOf(row);
    if ('refused' in found) refused.push(found.refused);
    else locations.push(found);
  }
  return { locations, refused };
}

let regions: PostcodeRegions | undefined;

/** The ministerial region table (Regeling regio-indeling, 2015): 4-digit postcode → PO and VO SWV. */
export function postcodeRegions(): PostcodeRegions {
  if (regions) return regions;
  const rows: Record<string, string>[] = parse(
    readFileSync(projectPath('standards', 'swv', 'regio-indeling-swv-pc4-2015.csv')),
    { columns: true, skip_empty_lines: true },
  );
  regions = new Map(
    rows.map((row) => [
      row.pc4!,
      { PO: registerCodeKey(row.po_swv_code ?? ''), VO: registerCodeKey(row.vo_swv_code ?? '') },
    ]),
  );
  return regions;
}

export type SwvRegisterResult = { registerCode: string; name: string } & RegisterChanges;

export type RegisterResult = {
  swvs: SwvRegisterResult[];
  /** Locations of SWVs not in Passend, or whose postcode the region table does not know. */
  elsewhere: number;
  unknownPostcode: string[];
  refused: string[];
};

async function heldSchools(tx: Tx, swvId: string): Promise<HeldSchool[]> {
  return tx
    .select({
      id: school.id,
      locationCode: school.locationCode,
      name: school.name,
      boardCode: board.code,
      street: school.street,
      postcode: school.postcode,
      city: school.city,
      municipality: school.municipality,
      denomination: school.denomination,
      holidayRegion: school.holidayRegion,
    })
    .from(school)
    .leftJoin(board, and(eq(board.swvId, school.swvId), eq(board.id, school.boardId)))
    .where(eq(school.swvId, swvId));
}

/** The SWV's board with this DUO number, made (named by its number) when it is new. */
async function boardIdOf(tx: Tx, swvId: string, code: string | null): Promise<string | null> {
  if (code === null) return null;
  const [found] = await tx
    .select({ id: board.id })
    .from(board)
    .where(and(eq(board.swvId, swvId), eq(board.code, code)));
  if (found) return found.id;
  const id = uuidv7();
  await tx.insert(board).values({ swvId, id, code, name: `Bevoegd gezag ${code}` });
  return id;
}

/**
 * Gives every SWV in Passend (or only `onlyRegisterCode`'s) the locations of `file` that its
 * postcodes hold, as schools of `kind`; writes only when `apply`.
 */
export async function importSchoolRegister(
  database: Database,
  file: RegisterFile,
  options: {
    kind: SchoolKind;
    apply: boolean;
    onlyRegisterCode: string | null;
    /** Who applies it (null: the operator at the command line), for the administrators' trail. */
    actorUserId: string | null;
    now: Date;
  },
): Promise<RegisterResult> {
  const sector = sectorOfKind(options.kind);
  const table = postcodeRegions();
  return database.db.transaction(async (tx) => {
    const swvs = await tx
      .select({ id: swv.id, name: swv.name, registerCode: swv.registerCode })
      .from(swv)
      .where(eq(swv.sector, sector));
    const chosen = swvs.filter(
      (row) =>
        options.onlyRegisterCode === null ||
        registerCodeKey(row.registerCode) === registerCodeKey(options.onlyRegisterCode),
    );
    const byKey = new Map(chosen.map((row) => [registerCodeKey(row.registerCode), row]));
    const bySwv = new Map<string, RegisterSchool[]>();
    const result: RegisterResult = { swvs: [], elsewhere: 0, unknownPostcode: [], refused: file.refused };
    for (const location of file.locations) {
      const key = swvOfLocation(location, sector, table);
      if (key === null) result.unknownPostcode.push(location.locationCode);
      else if (!byKey.has(key)) result.elsewhere += 1;
      else bySwv.set(key, [...(bySwv.get(key) ?? []), location]);
    }
    for (const [key, target] of byKey) {
      const changes = registerChanges(await heldSchools(tx, target.id), bySwv.get(key) ?? []);
      result.swvs.push({ registerCode: target.registerCode, name: target.name, ...changes });
      if (!options.apply || changes.created.length + changes.updated.length === 0) continue;
      await appendAdminEvent(tx, {
        swvId: target.id,
        actorUserId: options.actorUserId,
        kind: 'school_register_imported',
        details: { kind: options.kind, created: changes.created.length, updated: changes.updated.length },
        at: options.now,
      });
      for (const location of changes.created) {
        await tx.insert(school).values({
          swvId: target.id,
          id: uuidv7(),
          boardId: await boardIdOf(tx, target.id, location.boardCode),
          brin: location.locationCode.slice(0, 4),
          locationCode: location.locationCode,
          name: location.name,
          kind: options.kind,
          // The wijk is the SWV's own division: DUO does not know it; the administrator sets it.
          wijk: '',
          municipality: location.municipality,
          street: location.street,
          postcode: location.postcode,
          city: location.city,
          denomination: location.denomination,
          holidayRegion: location.holidayRegion,
        });
      }
      for (const { id, school: location, fields } of changes.updated) {
        const values: Partial<typeof school.$inferInsert> = {};
        for (const field of fields) {
          if (field === 'boardCode') values.boardId = await boardIdOf(tx, target.id, location.boardCode);
          else (values as Record<string, unknown>)[field] = location[field];
        }
        await tx
          .update(school)
          .set(values)
          .where(and(eq(school.swvId, target.id), inArray(school.id, [id])));
      }
    }
    return result;
  });
}

/**
 * The administrator's import (`POST /api/swv/school-register`): the locations of the file that
 * belong to the administrator's own SWV, previewed or applied. Other SWVs are only counted.
 */
export async function importRegisterForOwnSwv(
  ctx: Context,
  content: Uint8Array,
  query: { kind: SchoolKind; apply: boolean },
): Promise<z.infer<typeof SchoolRegisterImportResult>> {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  const [own] = await ctx.database.db
    .select({ registerCode: swv.registerCode, sector: swv.sector })
    .from(swv)
    .where(eq(swv.id, swvId));
  if (!own) throw notFound();
  if (sectorOfKind(query.kind) !== own.sector)
    throw new AppError(
      'rule_violated',
      `Schools of kind ${query.kind} are not served by a ${own.sector} SWV`,
      {
        rule: 'register_kind_of_other_sector',
        kind: query.kind,
        sector: own.sector,
      },
    );
  let file: RegisterFile;
  try {
    file = readRegisterFile(content);
  } catch (error) {
    if (!(error instanceof RegisterFileRefused)) throw error;
    throw new AppError('rule_violated', error.message, { rule: 'register_file_refused' });
  }
  const result = await importSchoolRegister(ctx.database, file, {
    kind: query.kind,
    apply: query.apply,
    onlyRegisterCode: own.registerCode,
    actorUserId: ctx.actor.userId,
    now: ctx.now,
  });
  const changes = result.swvs[0] ?? { created: [], updated: [], unchanged: 0 };
  const view = ({ locationCode, name, city }: RegisterSchool) => ({ locationCode, name, city });
  return {
    applied: query.apply,
    created: changes.created.map(view),
    updated: changes.updated.map(({ school, fields }) => ({ ...view(school), fields })),
    unchanged: changes.unchanged,
    elsewhere: result.elsewhere,
    unknownPostcode: result.unknownPostcode,
    refused: result.refused,
  };
}
