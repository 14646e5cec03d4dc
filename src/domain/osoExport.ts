// The OSO hand-over dossier of a transition (docs/decisions/0030-oso-dossier-export.md): what of the
// child's file goes into an OSO gegevensset 2019.1 dossier, by the parts the parents consented to at
// the hand-over. Mandatory OSO elements (the metadata, the sending school, the pupil's names and
// birth date) are always there; every other block only with its part. A BSN is never written
// (Passend holds none) and neither is an address (Passend holds none; see the decision on
// `adresgeheim`). Pure: the caller packs the attachments (OSO wants each as a Base64 ZIP) and
// validates the result against the XSD before it leaves.

/** The parts of the file the parents consent to hand over, chosen at the hand-over step. */
export const osoParts = ['child_and_parents', 'school_career', 'support', 'documents', 'absence'] as const;
export type OsoPart = (typeof osoParts)[number];

export const osoNamespace = 'http://www.edustandaard.nl/oso_gegevensset/2019/dossier';
export const osoSchemaPath = 'oso/2019.1/OSO_gegevensset.xsd';

/** OSO accepts attachments of these types only (documentType/bestandsnaam). */
export const osoAttachmentExtensions = [
  'pdf',
  'jpg',
  'jpeg',
  'png',
  'doc',
  'docx',
  'odf',
  'xls',
  'xlsx',
  'txt',
  'ppt',
  'pptx',
] as const;

export type OsoDossierInput = {
  /** The day of the export (YYYY-MM-DD, Europe/Amsterdam). */
  today: string;
  softwareVersion: string;
  /** Move kind of the transition (src/domain/transitions.ts). */
  moveKind: string;
  parts: readonly OsoPart[];
  /** The sending school: BRIN + vestiging as "12AB00". */
  school: { name: string; locationCode: string; kind: string };
  child: { givenName: string; familyNamePrefix: string; familyName: string; birthDate: string };
  /** The hand-over report (overdrachtsverslag): always handed over with the move. */
  report: string;
  parents: readonly { displayName: string; email: string }[];
  enrolments: readonly {
    schoolName: string;
    locationCode: string;
    groupName: string;
    startedOn: string;
    endedOn: string | null;
  }[];
  support: {
    level: number;
    plan: {
      version: number;
      startedOn: string;
      evaluationDueOn: string;
      hasDevelopmentPerspective: boolean;
      strengths: string;
      needs: string;
      exitDestination: string;
      goals: readonly { description: string; target: string; targetDate: string; progress: string }[];
      agreements: readonly { action: string; dueOn: string | null }[];
    } | null;
  };
  absence: readonly {
    kind: string;
    startedOn: string;
    endedOn: string | null;
    withAttendanceOfficer: boolean;
  }[];
  /** The file's ordinary documents, already packed by `pack` (a Base64 ZIP). */
  documents: readonly { fileName: string; title: string; packed: string }[];
};

/** Packs one attachment as OSO wants it: the file in a ZIP, Base64. Injected (no I/O here). */
export type Pack = (fileName: string, content: string) => string;

const hasPart = (input: OsoDossierInput, part: OsoPart) => input.parts.includes(part);

/** The parts as a set in the fixed order; unknown names are dropped. */
export const normaliseParts = (parts: readonly string[]): OsoPart[] =>
  osoParts.filter((part) => parts.includes(part));

/** Whether the document can go as an OSO attachment: by the extension of its (safe) file name. */
export const isOsoAttachment = (fileName: string): boolean => {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return fileName.includes('.') && (osoAttachmentExtensions as readonly string[]).includes(extension);
};

// --- XML -----------------------------------------------------------------------------------------

/** Characters XML 1.0 cannot carry at all are dropped; the five specials escaped. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

type Node = string | null | undefined | false;

/** An element, or nothing when its text is empty (OSO's nonEmptyStringType). */
const leaf = (name: string, value: string | number | boolean | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : `<${name}>${xmlText(text)}</${name}>`;
};

const el = (name: string, ...children: Node[]): string =>
  `<${name}>${children.filter((c): c is string => typeof c === 'string' && c !== '').join('')}</${name}>`;

/** The school year a day falls in: from 1 August ("2025-2026"). */
export function schoolYearOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month >= 8 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

/** The year group of a group's name: its first number ("groep 8b" → "8"), else the name. */
export function yearGroupOf(groupName: string): string {
  return /\d+/.exec(groupName)?.[0] ?? (groupName.trim() || 'onbekend');
}

/** OSO's overstap (codelist 16) where Passend knows it for sure: PO to VO; left out otherwise. */
const overstapOf = (moveKind: string) => (moveKind === 'po_vo' ? 'POVO' : null);

/** The OSO categories (categorie_uitlevering) and the part that decides each; null: never delivered. */
const categories: readonly [string, OsoPart | 'always' | null][] = [
  ['cat_metadata', 'always'],
  ['cat_ouderinzage', 'always'],
  ['cat_school', 'always'],
  ['cat_leerling', 'always'],
  ['cat_oudersverzorgers', 'child_and_parents'],
  ['cat_vve', null],
  ['cat_schoolloopbaan', 'school_career'],
  ['cat_overstapadvies', null],
  ['cat_onderwijsondersteuning', 'support'],
  ['cat_verzuim', 'absence'],
  ['cat_eindtoetsbo', null],
  ['cat_toetsresultaten', null],
  ['cat_handelingsplannen', 'support'],
  ['cat_cijferlijsten', null],
  ['cat_vombo', null],
  ['cat_bijlagedocs', 'always'],
];

/**
 * Each OSO category as delivered (VERPLICHT: in the dossier) or not (VERBODEN: the parents did not
 * consent, or Passend holds no such data). Attachments always go: the hand-over report is one.
 */
export function deliveredCategories(parts: readonly OsoPart[]): [string, 'VERPLICHT' | 'VERBODEN'][] {
  return categories.map(([name, part]) => [
    name,
    part === 'always' || (part !== null && parts.includes(part)) ? 'VERPLICHT' : 'VERBODEN',
  ]);
}

const nl = (day: string) => `${day.slice(8, 10)}-${day.slice(5, 7)}-${day.slice(0, 4)}`;

/** The plan as a text attachment: support level, picture, goals and agreements, in Dutch. */
export function supportText(input: OsoDossierInput): string {
  const { level, plan } = input.support;
  const lines = [`Ondersteuningsniveau: ${level}`];
  if (plan) {
    lines.push(
      '',
      `${plan.hasDevelopmentPerspective ? 'Ontwikkelingsperspectiefplan (OPP)' : 'Groeidocument'}, versie ${plan.version}, sinds ${nl(plan.startedOn)}; evaluatie uiterlijk ${nl(plan.evaluationDueOn)}.`,
    );
    if (plan.strengths) lines.push('', 'Sterke kanten:', plan.strengths);
    if (plan.needs) lines.push('', 'Onderwijsbehoeften (heeft nodig):', plan.needs);
    if (plan.hasDevelopmentPerspective && plan.exitDestination)
      lines.push('', 'Verwachte uitstroombestemming:', plan.exitDestination);
    if (plan.goals.length > 0) {
      lines.push('', 'Doelen:');
      for (const goal of plan.goals) {
        lines.push(`- ${goal.description} (streefdatum ${nl(goal.targetDate)})`);
        if (goal.target) lines.push(`  Streefniveau: ${goal.target}`);
        if (goal.progress) lines.push(`  Voortgang: ${goal.progress}`);
      }
    }
    if (plan.agreements.length > 0) {
      lines.push('', 'Afspraken (handelingsdeel):');
      for (const agreement of plan.agreements)
        lines.push(`- ${agreement.action}${agreement.dueOn ? ` (uiterlijk ${nl(agreement.dueOn)})` : ''}`);
    }
  } else lines.push('', 'Geen groeidocument of OPP in het dossier.');
  return `${lines.join('\n')}\n`;
}

const absenceKindNames: Record<string, string> = {
  absolute: 'absoluut verzuim (nergens ingeschreven)',
  relative_long: 'langdurig relatief verzuim',
  exemption: 'vrijstelling',
  authorised_long: 'langdurig geoorloofd verzuim',
};

/** The child's absence cases (thuiszitterssituaties) as a text attachment, in Dutch. */
export function absenceText(input: OsoDossierInput): string {
  const lines = ['Verzuim en thuiszitten volgens Passend (geen dagdelen geregistreerd):', ''];
  for (const item of input.absence)
    lines.push(
      `- ${absenceKindNames[item.kind] ?? item.kind}: van ${nl(item.startedOn)}${item.endedOn ? ` tot ${nl(item.endedOn)}` : ', loopt nog'}${item.withAttendanceOfficer ? '; leerplicht betrokken' : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

const documentEl = (fileName: string, description: string, packed: string) =>
  el(
    'document',
    leaf('bestandsnaam', fileName),
    leaf('omschrijving', description),
    leaf('bestandsinhoud', packed),
  );

/** The dossier as XML, with exactly the consented parts; the caller validates it against the XSD. */
export function osoDossierXml(input: OsoDossierInput, pack: Pack): string {
  const { child, school } = input;
  const brin = school.locationCode.slice(0, 4);
  const vestiging = school.locationCode.slice(4, 6);
  const plan = input.support.plan;

  const metadata = el(
    'metadata',
    leaf('deeldossier', 'LASLVS'),
    leaf('pakketnaam', 'Passend'),
    leaf('pakketversie', input.softwareVersion),
    leaf('datum', input.today),
    leaf('standaardversie', '2019.1'),
    leaf('validatieversie', '2019.1.1'),
    el(
      'categorie_uitlevering',
      ...deliveredCategories(input.parts).map(([name, value]) => leaf(name, value)),
    ),
    leaf('overstap', overstapOf(input.moveKind)),
  );

  // The parents consented to this hand-over (a consent to hand over must be in force to export).
  const inzage = el('inzage', leaf('voorlopigdossier', false), leaf('toestemming', 'Ja'));

  const career =
    hasPart(input, 'school_career') && input.enrolments.length > 0
      ? el(
          'schoolloopbaanlijst',
          ...input.enrolments.map((e) =>
            el(
              'schoolloopbaan',
              leaf('schooljaar', schoolYearOf(e.startedOn)),
              leaf('groepscode', e.groupName.trim() || 'onbekend'),
              leaf('groepsnaam', e.groupName),
              leaf('jaargroep', yearGroupOf(e.groupName)),
              leaf('begindatum', e.startedOn),
              leaf('einddatum', e.endedOn),
              leaf('brincode', e.locationCode.slice(0, 4)),
              leaf('vestigingscode', e.locationCode.slice(4, 6)),
            ),
          ),
        )
      : null;

  const support = hasPart(input, 'support')
    ? el(
        'onderwijsondersteuning',
        el(
          'toelichting_onderwijsbehoeften',
          documentEl(
            'ondersteuning.txt',
            'Ondersteuningsniveau en groeidocument/OPP',
            pack('ondersteuning.txt', supportText(input)),
          ),
        ),
        ...(plan
          ? plan.goals.map((goal) =>
              el(
                'handelingsplan',
                leaf('startdatum', plan.startedOn),
                leaf('einddatum', goal.targetDate >= plan.startedOn ? goal.targetDate : null),
                leaf('isgerichtop', goal.description),
              ),
            )
          : []),
        plan?.hasDevelopmentPerspective ? el('opp', leaf('opp_ingangdatum', plan.startedOn)) : null,
      )
    : null;

  const absence =
    hasPart(input, 'absence') && input.absence.length > 0
      ? el(
          'verzuim',
          leaf(
            'contactleerplicht',
            input.absence.some((item) => item.withAttendanceOfficer),
          ),
          el(
            'documentLijst',
            documentEl('verzuim.txt', 'Verzuim en thuiszitten', pack('verzuim.txt', absenceText(input))),
          ),
        )
      : null;

  const attachments = [
    input.report.trim()
      ? documentEl(
          'overdrachtsverslag.txt',
          'Overdrachtsverslag',
          pack('overdrachtsverslag.txt', `${input.report.trim()}\n`),
        )
      : null,
    ...(hasPart(input, 'documents')
      ? input.documents
          .filter((d) => isOsoAttachment(d.fileName))
          .map((d) => documentEl(d.fileName, d.title, d.packed))
      : []),
  ].filter((d): d is string => d !== null);

  const parents = hasPart(input, 'child_and_parents')
    ? input.parents
        .filter((p) => p.displayName.trim() !== '')
        .map((p) =>
          el(
            'verzorger',
            // Passend keeps a parent's name as one field: it goes whole as the achternaam.
            leaf('achternaam', p.displayName),
            p.email
              ? el('communicatielijst', el('communicatie', leaf('soort', 'e-mail'), leaf('nummer', p.email)))
              : null,
            leaf('wettigevertegenwoordiger', true),
          ),
        )
    : [];

  const leerling = el(
    'leerling',
    leaf('voorvoegsel', child.familyNamePrefix),
    leaf('achternaam', child.familyName),
    leaf('roepnaam', child.givenName),
    leaf('geboortedatum', child.birthDate),
    career,
    support,
    absence,
    attachments.length > 0 ? el('overigdocumentlijst', ...attachments) : null,
    ...parents,
  );

  const huidigeschool = el(
    'huidigeschool',
    leaf('naam', school.name),
    leaf('brincode', brin),
    leaf('vestigingscode', vestiging),
    leaf('aanleverpunt', '0'),
    leaf('soort', school.kind.toUpperCase()),
    leerling,
  );

  return `<?xml version="1.0" encoding="UTF-8"?>\n<dossier xmlns="${osoNamespace}">${metadata}${leaf('overdrachtsoort', 'overstapdossier')}${inzage}${huidigeschool}</dossier>\n`;
}

/** The download's file name: OSO-<name>-<date>.xml, the name in safe characters only. */
export function osoFileName(child: OsoDossierInput['child'], today: string): string {
  const name = [child.givenName, child.familyNamePrefix, child.familyName]
    .join(' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `OSO-${name || 'leerling'}-${today}.xml`;
}
