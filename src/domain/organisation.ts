// The closed lists and rules of the organisation model (docs/domain.md, "The SWV and its sector").
import { type Refusal, refuse } from './refusal.ts';

/** PO: primary (basisonderwijs, SBO, SO); VO: secondary (VO, VSO, PrO). The sector picks the web app's words. */
export const sectors = ['PO', 'VO'] as const;
export type Sector = (typeof sectors)[number];

export const schoolKinds = ['bao', 'sbo', 'so', 'vo', 'vso', 'opdc'] as const;
export type SchoolKind = (typeof schoolKinds)[number];

export const partnerKinds = ['buurtteam', 'jgz', 'leerplicht', 'other'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

/** The school holiday regions of the Dutch government's calendar. */
export const holidayRegions = ['noord', 'midden', 'zuid'] as const;

/**
 * A school location's code (DUO vestigingscode): the school's BRIN, 2 digits and 2 letters, then the
 * vestiging, 2 digits, e.g. "12AB00". The database checks the same pattern (school_location_code).
 */
export const locationCodePattern = /^[0-9]{2}[A-Z]{2}[0-9]{2}$/;

/** Why a location code is no BRIN and vestiging, or null when it is one (upper case, as DUO writes it). */
export function locationCodeRefusal(locationCode: string): Refusal<'brin_location_code'> | null {
  return locationCodePattern.test(locationCode)
    ? null
    : refuse('brin_location_code', 'BRIN and vestiging, like 12AB00');
}

/** The BRIN of a school location: its code without the vestiging. */
export const brinOf = (locationCode: string): string => locationCode.slice(0, 4);
