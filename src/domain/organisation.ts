// The closed lists of the organisation model (docs/domain.md, "Organisation").

export const schoolKinds = ['bao', 'sbo', 'so', 'vo', 'vso', 'opdc'] as const;
export type SchoolKind = (typeof schoolKinds)[number];

export const partnerKinds = ['buurtteam', 'jgz', 'leerplicht', 'other'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

/** The school holiday regions of the Dutch government's calendar. */
export const holidayRegions = ['noord', 'midden', 'zuid'] as const;
