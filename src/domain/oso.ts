// OSO dossiers (Overstapservice Onderwijs, version 2019.1) taken into a child's file (docs/domain.md,
// "Hand-over dossiers (OSO)"; docs/decisions/0029-oso-dossier-import.md). The one place that says
// what an element of the standard means in Passend: the relation codes, which support blocks are
// kept as what, which attachments are medical-psychological. And the rules: which child a dossier is
// of, what an import adds or changes (by the keys the dossier identifies its entries with), and who
// sees a secret address. Pure: the XML is read in src/server/modules/dossiers/osoReader.ts.
import type { DocumentClassification } from './childFile.ts';
import { type Refusal, refuse } from './refusal.ts';

/** The only version read; 2017.1 dossiers (namespace …/2017/dossier) are refused. */
export const osoVersion = '2019.1';
export const osoNamespace = 'http://www.edustandaard.nl/oso_gegevensset/2019/dossier';
export const osoNamespace2017 = 'http://www.edustandaard.nl/oso_gegevensset/2017/dossier';

/**
 * A dossier with its attachments is refused above this size. OSO's own transport limits a dossier
 * to about 20 MB of attachments; base64 adds a third: 32 MB.
 */
export const osoMaxBytes = 32 * 1024 * 1024;

export const osoRules = [
  'oso_refused',
  'oso_version',
  'oso_other_school',
  'oso_child_uncertain',
  'oso_child_mismatch',
  'oso_child_incomplete',
] as const;
export type OsoRule = (typeof osoRules)[number];

export type OsoAddress = {
  street: string | null;
  number: string | null;
  addition: string | null;
  postcode: string | null;
  place: string | null;
  country: string | null;
};

/** A phone number or e-mail address; `secret` ones are shown as a secret address is. */
export type OsoCommunication = {
  kind: string;
  label: string | null;
  value: string;
  secret: boolean;
  emergency: boolean;
};

/** The pupil or a parent/guardian (verzorger) as the dossier names them. */
export type OsoPerson = {
  givenName: string;
  familyNamePrefix: string;
  familyName: string;
  initials: string | null;
  /** adresgeheim: the address is shown only to who may see secret addresses. */
  addressSecret: boolean;
  addresses: OsoAddress[];
  communications: OsoCommunication[];
};

export type OsoContact = OsoPerson & {
  /** Code of OSO codelijst 41 "Relatie tot kind" (1 father, 2 mother, 3 guardian, …). */
  relationCode: string | null;
  legalRepresentative: boolean | null;
  deceased: boolean;
};

export type OsoPupil = OsoPerson & {
  /** leerlingid: the school administration system's key (the LAS key, EDEXML leerling/@key). */
  schoolKey: string | null;
  birthDate: string;
  enrolledOn: string | null;
  leftOn: string | null;
};

export type OsoCareerEntry = {
  schoolYear: string;
  groupCode: string;
  groupName: string | null;
  yearGroup: string | null;
  startedOn: string;
  endedOn: string | null;
  locationCode: string | null;
  schoolKind: string | null;
  schoolType: string | null;
};

export type OsoScore = {
  code: string;
  comparedWith: string | null;
  value: string;
  qualification: string | null;
};

export type OsoTestResult = {
  testCode: string;
  testName: string | null;
  subject: string | null;
  version: string | null;
  takenOn: string;
  yearGroup: string | null;
  takenBy: string | null;
  correct: string | null;
  abilityScore: string | null;
  scores: OsoScore[];
  parts: { code: string | null; name: string | null; scores: OsoScore[] }[];
  /** An intelligence test (IQ): medical-psychological, shown only to who may read such reports. */
  psychological: boolean;
};

export const osoSupportKinds = [
  'needs',
  'diagnosis',
  'medication',
  'action_plan',
  'development_plan',
  'tlv',
  'arrangement',
  'absence',
] as const;
export type OsoSupportKind = (typeof osoSupportKinds)[number];

/** Support already given (onderwijsondersteuning, verzuim): one block of the dossier. */
export type OsoSupportEntry = {
  kind: OsoSupportKind;
  startedOn: string | null;
  endedOn: string | null;
  /** The block's own words: a diagnosis's name, a plan's aim, an arrangement's mark. */
  summary: string | null;
  details: Record<string, string>;
  /** Diagnoses and medication: medical-psychological. */
  medical: boolean;
};

/** Where an attachment sits in the dossier; decides its classification. */
export const osoAttachmentSources = [
  'needs',
  'diagnosis',
  'action_plan',
  'development_plan',
  'tlv',
  'absence',
  'test',
  'other',
] as const;
export type OsoAttachmentSource = (typeof osoAttachmentSources)[number];

export type OsoAttachmentProblem =
  | 'not_base64'
  | 'not_zip'
  | 'zip_not_single_file'
  | 'archive_bomb'
  | 'too_large'
  | 'empty'
  | 'unknown_type'
  | 'executable'
  | 'macros'
  | 'damaged';

export type OsoAttachment = {
  source: OsoAttachmentSource;
  fileName: string;
  description: string | null;
  /** The test the attachment belongs to, for a test's attachment (its classification). */
  psychological: boolean;
};

export type OsoDossier = {
  version: typeof osoVersion;
  /** overdrachtsoort: "swv-dossier" (PaO, to the SWV) or "overstapdossier" (OV, to the next school). */
  kind: string;
  /** overstap: POSWV, POPO, POVO, VOVO, … */
  transfer: string | null;
  exportedOn: string | null;
  packageName: string | null;
  /** The school that exported it (huidigeschool): BRIN + vestigingscode. */
  sendingSchool: { locationCode: string; name: string | null };
  pupil: OsoPupil;
  contacts: OsoContact[];
  career: OsoCareerEntry[];
  results: OsoTestResult[];
  support: OsoSupportEntry[];
};

// --- Mapping the standard's codes -------------------------------------------------------------

/** Codelijst 41 "Relatie tot kind": the codes the standard's own documentation names. */
const relationWords: Record<string, 'father' | 'mother' | 'guardian'> = {
  '1': 'father',
  '2': 'mother',
  '3': 'guardian',
};
export type OsoRelation = 'father' | 'mother' | 'guardian' | 'other';
export const relationOf = (code: string | null): OsoRelation =>
  (code !== null && relationWords[code]) || 'other';

/** The "passend onderwijs" hand-over to the SWV (PaO) or a school-to-school one (OV). */
export const handOverOf = (kind: string): 'pao' | 'ov' => (kind === 'swv-dossier' ? 'pao' : 'ov');

/**
 * onderwijsondersteuning's blocks, by element: which kind of support, which fields give its start,
 * end and name (medicijngebruik and verzuim are read as a whole by the reader).
 */
export const osoSupportBlocks: Record<
  string,
  { kind: OsoSupportKind; start: string[]; end: string[]; summary: string[] }
> = {
  toelichting_onderwijsbehoeften: { kind: 'needs', start: [], end: [], summary: ['omschrijving'] },
  diagnose: { kind: 'diagnosis', start: ['datum'], end: [], summary: ['naam'] },
  handelingsplan: {
    kind: 'action_plan',
    start: ['startdatum'],
    end: ['einddatum'],
    summary: ['isgerichtop'],
  },
  opp: { kind: 'development_plan', start: ['opp_ingangdatum'], end: ['opp_einddatum'], summary: [] },
  tlv: { kind: 'tlv', start: ['tlvingangdatum'], end: ['tlveinddatum'], summary: ['tlvcategorie'] },
  arrangement_cluster12: {
    kind: 'arrangement',
    start: ['arrangement_datum'],
    end: [],
    summary: ['arrangement_brin'],
  },
  arrangement_pao: {
    kind: 'arrangement',
    start: ['arrangement_datum'],
    end: ['arrangement_einddatum'],
    summary: ['arrangement_kenmerk'],
  },
};

/** The block an attached `document` sits in, by element; anywhere else it is 'other'. */
export const osoAttachmentSourceByElement: Record<string, OsoAttachmentSource> = {
  toelichting_onderwijsbehoeften: 'needs',
  diagnose: 'diagnosis',
  handelingsplan: 'action_plan',
  opp: 'development_plan',
  tlv: 'tlv',
  verzuim: 'absence',
  toets: 'test',
  eindtoets_basisonderwijs: 'test',
};

/** Medical-psychological: diagnoses, and an intelligence test's results and reports (docs/SECURITY.md C6). */
export function attachmentClassification(attachment: OsoAttachment): DocumentClassification {
  if (attachment.source === 'diagnosis') return 'medical_psychological';
  if (attachment.source === 'test' && attachment.psychological) return 'medical_psychological';
  return 'ordinary';
}

/** An intelligence test: its subject or one of its reference scores says IQ. */
export const isIntelligenceTest = (subject: string | null, scoreCodes: readonly string[]): boolean =>
  /^iq$/i.test(subject ?? '') || scoreCodes.some((code) => /^iq$/i.test(code));

// --- Keys: what the dossier identifies, so importing it twice adds nothing --------------------

const norm = (value: string | null | undefined) => (value ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

export const contactKey = (
  contact: Pick<OsoContact, 'givenName' | 'familyNamePrefix' | 'familyName' | 'relationCode'>,
) =>
  [
    'contact',
    contact.relationCode ?? '',
    norm(contact.givenName),
    norm(contact.familyNamePrefix),
    norm(contact.familyName),
  ].join('|');
export const pupilContactKey = 'pupil';
export const careerKey = (entry: OsoCareerEntry) =>
  ['career', entry.schoolYear, norm(entry.locationCode), norm(entry.groupCode), entry.startedOn].join('|');
export const resultKey = (result: OsoTestResult) =>
  ['result', norm(result.testCode), norm(result.version), result.takenOn].join('|');
export const supportKey = (entry: OsoSupportEntry) =>
  ['support', entry.kind, entry.startedOn ?? '', norm(entry.summary)].join('|');

export type EntryKind = 'contact' | 'career' | 'result' | 'support';
export type KeyedEntry = { kind: EntryKind; key: string; data: unknown };

/** Every entry of a dossier with its key; the pupil's own address and numbers are a contact too. */
export function entriesOf(dossier: OsoDossier): KeyedEntry[] {
  const {
    schoolKey: _key,
    birthDate: _birth,
    enrolledOn: _in,
    leftOn: _out,
    ...pupilContact
  } = dossier.pupil;
  const entries: KeyedEntry[] = [
    {
      kind: 'contact',
      key: pupilContactKey,
      data: {
        ...pupilContact,
        relationCode: null,
        legalRepresentative: null,
        deceased: false,
        isPupil: true,
      },
    },
    ...dossier.contacts.map((contact) => ({
      kind: 'contact' as const,
      key: contactKey(contact),
      data: { ...contact, isPupil: false },
    })),
    ...dossier.career.map((entry) => ({ kind: 'career' as const, key: careerKey(entry), data: entry })),
    ...dossier.results.map((result) => ({ kind: 'result' as const, key: resultKey(result), data: result })),
    ...dossier.support.map((entry) => ({ kind: 'support' as const, key: supportKey(entry), data: entry })),
  ];
  // A key twice in one dossier (the same test entered twice): the first counts.
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const id = `${entry.kind}:${entry.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** JSON with sorted keys, so two equal entries compare equal however they were built. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

export type EntryChanges = {
  added: KeyedEntry[];
  changed: KeyedEntry[];
  unchanged: number;
};

/** What importing the entries adds and changes, given the child's entries (kind:key → stable JSON). */
export function compareEntries(
  incoming: readonly KeyedEntry[],
  known: ReadonlyMap<string, string>,
): EntryChanges {
  const changes: EntryChanges = { added: [], changed: [], unchanged: 0 };
  for (const entry of incoming) {
    const before = known.get(`${entry.kind}:${entry.key}`);
    if (before === undefined) changes.added.push(entry);
    else if (before !== stableJson(entry.data)) changes.changed.push(entry);
    else changes.unchanged++;
  }
  return changes;
}

// --- Which child ------------------------------------------------------------------------------

export type KnownChild = {
  id: string;
  schoolKey: string | null;
  givenName: string;
  familyNamePrefix: string;
  familyName: string;
  birthDate: string;
};

export type ChildMatch =
  | { certainty: 'certain'; studentId: string; by: 'school_key' | 'name_and_birth_date' }
  | { certainty: 'uncertain'; candidates: string[] }
  | { certainty: 'none' };

const sameName = (a: { givenName: string; familyNamePrefix: string; familyName: string }, b: typeof a) =>
  norm(a.familyName) === norm(b.familyName) &&
  norm(a.familyNamePrefix) === norm(b.familyNamePrefix) &&
  norm(a.givenName) === norm(b.givenName);

/**
 * The child of the school the dossier is of. Certain: the school's key and the birth date agree,
 * or exactly one child has the name and the birth date. Uncertain (the user chooses): the key
 * agrees but not the birth date, several children agree, or only the family name and birth date
 * agree. None: the user chooses a child or creates one.
 */
export function matchChild(pupil: OsoPupil, children: readonly KnownChild[]): ChildMatch {
  const byKey = pupil.schoolKey ? children.filter((child) => child.schoolKey === pupil.schoolKey) : [];
  const keyAndBirth = byKey.filter((child) => child.birthDate === pupil.birthDate);
  if (keyAndBirth.length === 1)
    return { certainty: 'certain', studentId: keyAndBirth[0]!.id, by: 'school_key' };
  const nameAndBirth = children.filter(
    (child) => child.birthDate === pupil.birthDate && sameName(child, pupil),
  );
  if (nameAndBirth.length === 1 && byKey.length === 0)
    return { certainty: 'certain', studentId: nameAndBirth[0]!.id, by: 'name_and_birth_date' };
  const alike = children.filter(
    (child) =>
      byKey.includes(child) ||
      nameAndBirth.includes(child) ||
      (child.birthDate === pupil.birthDate && norm(child.familyName) === norm(pupil.familyName)),
  );
  if (alike.length > 0) return { certainty: 'uncertain', candidates: alike.map((child) => child.id) };
  return { certainty: 'none' };
}

/**
 * The child the import goes to: the user's choice, a new child, or a certain match; otherwise the
 * user must choose. A chosen child must be one of the school's.
 */
export function chosenChild(
  match: ChildMatch,
  choice: { studentId: string | null; createChild: boolean },
  schoolChildIds: ReadonlySet<string>,
): { studentId: string | null; create: boolean } | Refusal<OsoRule> {
  if (choice.studentId !== null) {
    if (!schoolChildIds.has(choice.studentId))
      return refuse('oso_child_mismatch', 'The chosen child is not a child of this school');
    return { studentId: choice.studentId, create: false };
  }
  if (choice.createChild) return { studentId: null, create: true };
  if (match.certainty === 'certain') return { studentId: match.studentId, create: false };
  return refuse(
    'oso_child_uncertain',
    'Choose the child this dossier is of, or create the child',
    match.certainty === 'uncertain' ? { candidates: match.candidates } : { candidates: [] },
  );
}

/**
 * The school a dossier may be imported at: a PaO dossier (to the SWV) only at the school that
 * exported it; a school-to-school dossier at the receiving school, so not at the sending school.
 */
export function otherSchoolRefusal(
  dossier: Pick<OsoDossier, 'kind' | 'sendingSchool'>,
  schoolLocationCode: string | null,
): Refusal<OsoRule> | null {
  const sending = dossier.sendingSchool.locationCode.toUpperCase();
  const here = (schoolLocationCode ?? '').toUpperCase();
  if (handOverOf(dossier.kind) === 'pao' && sending !== here)
    return refuse(
      'oso_other_school',
      `The dossier is of school ${sending}, not of ${here || 'this school'}`,
      {
        fileLocationCode: sending,
        schoolLocationCode: here || null,
      },
    );
  if (handOverOf(dossier.kind) === 'ov' && sending === here)
    return refuse(
      'oso_other_school',
      `The dossier was sent by this school (${sending}); import it at the receiving school`,
      {
        fileLocationCode: sending,
        schoolLocationCode: here,
      },
    );
  return null;
}

/** A child is made from the dossier only with a given name and a birth date (the XSD allows a month). */
export function newChildRefusal(pupil: Pick<OsoPupil, 'givenName' | 'birthDate'>): Refusal<OsoRule> | null {
  if (pupil.givenName.trim() === '' || !/^\d{4}-\d{2}-\d{2}$/.test(pupil.birthDate))
    return refuse(
      'oso_child_incomplete',
      'The dossier gives no first name or no birth date of the pupil: choose the child, or add the child by hand first',
    );
  return null;
}

// --- Secrecy ----------------------------------------------------------------------------------

/**
 * A person as the reader may see them: without a secret address (adresgeheim) and without secret
 * numbers (geheim) for who may not see them. Only the IB'er of the child's school and the SWV's
 * consultant may; never partners, teachers or parents.
 */
export function withoutSecrets<T extends OsoPerson>(
  person: T,
  maySeeSecrets: boolean,
): T & { addressHidden: boolean } {
  if (maySeeSecrets) return { ...person, addressHidden: false };
  return {
    ...person,
    addresses: person.addressSecret ? [] : person.addresses,
    communications: person.communications.filter((communication) => !communication.secret),
    addressHidden: person.addressSecret,
  };
}
