// The DUO school register (docs/domain.md, "The school register"): DUO's open data on school
// locations, read in either column naming, each location assigned to its SWV by its postcode
// (the ministerial region table), compared with the schools Passend holds. Pure: no I/O.
import type { SchoolKind, Sector } from './organisation.ts';
import { locationCodePattern } from './organisation.ts';

/** One school location as DUO publishes it, in Passend's terms. */
export type RegisterSchool = {
  locationCode: string;
  name: string;
  boardCode: string | null;
  street: string;
  postcode: string | null;
  city: string;
  municipality: string;
  denomination: string | null;
  holidayRegion: 'noord' | 'midden' | 'zuid' | null;
};

/** DUO's column names, current first, then the older ones. */
const columns = {
  brin: ['INSTELLINGSCODE', 'BRIN NUMMER'],
  location: ['VESTIGINGSCODE', 'VESTIGINGSNUMMER'],
  name: ['VESTIGINGSNAAM', 'INSTELLINGSNAAM VESTIGING', 'NAAM'],
  board: ['BEVOEGD GEZAG NUMMER', 'BEVOEGD GEZAG'],
  street: ['STRAATNAAM'],
  number: ['HUISNUMMER-TOEVOEGING', 'HUISNUMMER'],
  postcode: ['POSTCODE'],
  city: ['PLAATSNAAM'],
  municipality: ['GEMEENTENAAM'],
  denomination: ['DENOMINATIE'],
  holidayRegion: ['VAKANTIEREGIO'],
} as const;

type Row = Record<string, string>;

const cellOf = (row: Row, names: readonly string[]): string => {
  for (const name of names) {
    const value = row[name];
    if (value !== undefined) return value.trim();
  }
  return '';
};

/** The columns a register file must have, by either naming; empty when it has them all. */
export function missingRegisterColumns(header: readonly string[]): string[] {
  const has = new Set(header.map((name) => name.trim()));
  return (['brin', 'location', 'name', 'postcode', 'municipality'] as const)
    .filter((column) => !columns[column].some((name) => has.has(name)))
    .map((column) => columns[column][0]);
}

/** "STICHTSE VECHT" → "Stichtse Vecht"; DUO writes names of places in capitals. */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * A DUO row as a school location, or the reason it cannot be one. The older files name the
 * vestiging by its number only ("0"), the newer by the whole code ("03LX00").
 */
export function registerSchoolOf(row: Row): RegisterSchool | { refused: string } {
  const brin = cellOf(row, columns.brin).toUpperCase();
  const location = cellOf(row, columns.location).toUpperCase();
  const locationCode = /^\d{1,2}$/.test(location) ? `${brin}${location.padStart(2, '0')}` : location;
  if (!locationCodePattern.test(locationCode))
    return { refused: `no location code (${locationCode || 'empty'})` };
  const name = cellOf(row, columns.name);
  if (!name) return { refused: `${locationCode}: no name` };
  const postcode = cellOf(row, columns.postcode).replace(/\s+/g, ' ').toUpperCase();
  const region = cellOf(row, columns.holidayRegion).toLowerCase();
  return {
    locationCode,
    name,
    boardCode: cellOf(row, columns.board) || null,
    street: [cellOf(row, columns.street), cellOf(row, columns.number)].filter(Boolean).join(' '),
    postcode: /^\d{4} ?[A-Z]{2}$/.test(postcode) ? postcode.replace(/^(\d{4}) ?/, '$1 ') : null,
    city: titleCase(cellOf(row, columns.city)),
    municipality: titleCase(cellOf(row, columns.municipality)),
    denomination: cellOf(row, columns.denomination) || null,
    holidayRegion: region === 'noord' || region === 'midden' || region === 'zuid' ? region : null,
  };
}

/** "PO 26.04", "PO 26-04" and "PO2604" name the same SWV. */
export const registerCodeKey = (code: string): string => code.replace(/[\s.-]/g, '').toUpperCase();

/** The sector whose SWV serves a school of this kind. */
export const sectorOfKind = (kind: SchoolKind): Sector =>
  kind === 'bao' || kind === 'sbo' || kind === 'so' ? 'PO' : 'VO';

/** The ministerial table: a 4-digit postcode's PO and VO SWV (register-code keys). */
export type PostcodeRegions = ReadonlyMap<string, { PO: string; VO: string }>;

/** The SWV (register-code key) a location belongs to, by its postcode; null when unknown. */
export function swvOfLocation(
  school: Pick<RegisterSchool, 'postcode'>,
  sector: Sector,
  regions: PostcodeRegions,
): string | null {
  if (school.postcode === null) return null;
  return regions.get(school.postcode.slice(0, 4))?.[sector] ?? null;
}

/** What Passend holds of a school that the register keeps up to date. */
export type HeldSchool = {
  id: string;
  locationCode: string;
  name: string;
  boardCode: string | null;
  street: string;
  postcode: string | null;
  city: string;
  municipality: string;
  denomination: string | null;
  holidayRegion: string | null;
};

export const registerFields = [
  'name',
  'boardCode',
  'street',
  'postcode',
  'city',
  'municipality',
  'denomination',
  'holidayRegion',
] as const;
export type RegisterField = (typeof registerFields)[number];

export type RegisterChanges = {
  created: RegisterSchool[];
  updated: { id: string; school: RegisterSchool; fields: RegisterField[] }[];
  unchanged: number;
};

/** One SWV's changes: its locations in the register against the schools it holds. */
export function registerChanges(
  held: readonly HeldSchool[],
  locations: readonly RegisterSchool[],
): RegisterChanges {
  const byCode = new Map(held.map((school) => [school.locationCode, school]));
  const changes: RegisterChanges = { created: [], updated: [], unchanged: 0 };
  for (const school of locations) {
    const found = byCode.get(school.locationCode);
    if (!found) {
      changes.created.push(school);
      continue;
    }
    // The register says nothing of what it leaves empty: Passend keeps what it has there.
    const fields = registerFields.filter(
      (field) => school[field] !== null && school[field] !== '' && school[field] !== found[field],
    );
    if (fields.length === 0) changes.unchanged += 1;
    else changes.updated.push({ id: found.id, school, fields });
  }
  return changes;
}
