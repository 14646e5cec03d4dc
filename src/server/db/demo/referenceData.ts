// The real school locations the demo is built on: small extracts of DUO's open data (CC0), copied
// unchanged into ./reference (not ./data: .gitignore drops every data/ folder), so a fresh clone
// needs nothing else. Reading only; choosing which schools to use is plan.ts's work.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { SchoolKind } from '../../../domain/organisation.ts';
import { titleCase } from '../../../domain/schoolRegister.ts';
import { projectPath } from '../../paths.ts';

export type ReferenceSchool = {
  kind: SchoolKind;
  brin: string;
  locationCode: string;
  name: string;
  /** DUO "bevoegd gezag nummer"; the VO extract has none. */
  boardCode: string | null;
  denomination: string | null;
  municipality: string;
  postcode: string | null;
  /** DUO pupil count of 2025; null where DUO counts none at this location. */
  pupils2025: number | null;
  /** VO tracks, e.g. ["HAVO", "VWO"]. */
  tracks: string[];
  /** VO: exam candidates 2023/24, the only size the VO extract has. */
  examCandidates: number | null;
};

const cache = new Map<string, Record<string, string>[]>();
function readData(fileName: string): Record<string, string>[] {
  let rows = cache.get(fileName);
  if (!rows) {
    rows = parse(readFileSync(projectPath('src', 'server', 'db', 'demo', 'reference', fileName)), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    cache.set(fileName, rows);
  }
  return rows;
}

function count(value: string | undefined): number | null {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : null;
}

/** Regular primary schools (BO) of a PO SWV in DUO notation, e.g. "PO 26-01". */
export function primarySchools(swvCode: string): ReferenceSchool[] {
  return readData('bo-vestigingen-utrecht-swv-po26.csv')
    .filter((row) => row.swv_po === swvCode)
    .map((row) => ({
      kind: 'bao',
      brin: row.instellingscode!,
      locationCode: row.vestigingscode!,
      name: row.vestigingsnaam!,
      boardCode: row.bevoegd_gezag_nummer || null,
      denomination: row.denominatie || null,
      municipality: titleCase(row.gemeentenaam!),
      postcode: row.postcode || null,
      pupils2025: count(row.leerlingen_2025),
      tracks: [],
      examCandidates: null,
    }));
}

/** SBO, SO and VSO locations by vestiging code, in the order asked, as the given kind. */
export function specialSchools(locationCodes: readonly string[], kind: SchoolKind): ReferenceSchool[] {
  const rows = readData('sbo-so-vso-vestigingen-utrecht-regio.csv');
  return locationCodes.map((code) => {
    const row = rows.find((r) => r.vestigingscode === code);
    if (!row) throw new Error(`Demo reference data: no special school ${code}`);
    return {
      kind,
      brin: row.instellingscode!,
      locationCode: row.vestigingscode!,
      name: row.naam!,
      boardCode: row.bevoegd_gezag_nummer || null,
      denomination: row.denominatie || null,
      municipality: titleCase(row.gemeentenaam!),
      postcode: null,
      pupils2025: count(row.leerlingen_2025),
      tracks: [],
      examCandidates: null,
    };
  });
}

/** Regular secondary schools of a VO SWV in DUO notation, e.g. "VO 26-01". */
export function secondarySchools(swvCode: string): ReferenceSchool[] {
  return readData('vo-vestigingen-utrecht-regio.csv')
    .filter((row) => row.swv_vo_gemeente === swvCode)
    .map((row) => ({
      kind: 'vo',
      brin: row.instellingscode!,
      locationCode: row.vestigingscode!,
      name: row.naam!,
      boardCode: null,
      denomination: null,
      municipality: titleCase(row.gemeentenaam!),
      postcode: null,
      pupils2025: null,
      tracks: row.onderwijstypes ? row.onderwijstypes.split(';') : [],
      examCandidates: count(row.examenkandidaten_2023_2024),
    }));
}
