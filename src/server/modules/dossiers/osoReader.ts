// Reads an OSO dossier (version 2019.1) as a school system exports it (docs/domain.md, "Hand-over
// dossiers (OSO)", docs/decisions/0029-oso-dossier-import.md). Checked against the official XSD
// (standards/oso/2019.1/) before anything is read; an invalid, hostile or 2017 dossier is refused
// whole. What each element becomes is said in src/domain/oso.ts. The BSN (leerling/bsn), the
// education number, the GBA names, the pupil's weight, the family doctor, the IBAN and the pre-school
// programme codes are in the file but never read. Attachments (base64 of a ZIP of one file) are
// decoded, unpacked with limits and checked by content like an upload; a refused one is reported, not kept.
import { createHash } from 'node:crypto';
import { type XmlDocument, XmlElement } from 'libxml2-wasm';
import {
  isIntelligenceTest,
  type OsoAddress,
  type OsoAttachment,
  type OsoAttachmentProblem,
  type OsoAttachmentSource,
  type OsoCareerEntry,
  type OsoCommunication,
  type OsoContact,
  type OsoDossier,
  type OsoPerson,
  type OsoScore,
  type OsoSupportEntry,
  type OsoTestResult,
  osoAttachmentSourceByElement,
  osoMaxBytes,
  osoNamespace,
  osoNamespace2017,
  osoSupportBlocks,
  osoVersion,
} from '../../../domain/oso.ts';
import { nameProblems, parseXml, schemaProblems, XmlFileRefused } from '../../xml/xsd.ts';
import { unzipSingleFile } from '../../zip.ts';
import { checkDocumentContent } from '../documents/documents.commands.ts';

export const osoSchema = 'oso/2019.1/OSO_gegevensset.xsd';

/** One attachment unpacked: its bytes and media type, or why it is not taken in. */
export type ReadAttachment = OsoAttachment & {
  content: Uint8Array | null;
  mediaType: string | null;
  sha256: string | null;
  problem: OsoAttachmentProblem | null;
};

export type ReadDossier = { dossier: OsoDossier; attachments: ReadAttachment[] };

/** An attachment larger than this (unpacked) is not taken in; the documents module's own upload limit is lower. */
export const osoAttachmentMaxBytes = 25 * 1024 * 1024;

const elementsOf = (element: XmlElement | undefined | null, name?: string): XmlElement[] => {
  const found: XmlElement[] = [];
  for (let node = element?.firstChild; node; node = node.next) {
    if (node instanceof XmlElement && (name === undefined || node.name === name)) found.push(node);
  }
  return found;
};
const childOf = (element: XmlElement | undefined | null, name: string): XmlElement | undefined =>
  elementsOf(element, name)[0];
const textOf = (element: XmlElement | undefined | null): string | null => {
  const text = element?.content.trim();
  return text ? text : null;
};
const text = (element: XmlElement | undefined | null, name: string) => textOf(childOf(element, name));
const flag = (element: XmlElement | undefined | null, name: string): boolean | null => {
  const value = text(element, name);
  return value === null ? null : value === 'true' || value === '1';
};

function addresses(element: XmlElement): OsoAddress[] {
  return elementsOf(childOf(element, 'adreslijst'), 'adres').map((address) => ({
    street: text(address, 'straat'),
    number: text(address, 'nummer'),
    addition: text(address, 'toevoeging'),
    postcode: text(address, 'postcode'),
    place: text(address, 'plaats'),
    country: childOf(address, 'land')?.attr('omschrijving')?.value ?? text(address, 'land'),
  }));
}

function communications(element: XmlElement): OsoCommunication[] {
  return elementsOf(childOf(element, 'communicatielijst'), 'communicatie').flatMap((entry) => {
    const value = text(entry, 'nummer');
    if (!value) return [];
    return [
      {
        kind: text(entry, 'soort') ?? 'telefoon',
        label: text(entry, 'aanduiding'),
        value,
        secret: flag(entry, 'geheim') === true,
        emergency: flag(entry, 'noodnummer') === true,
      },
    ];
  });
}

function person(element: XmlElement): OsoPerson {
  const givenNames = elementsOf(element, 'voornaam')
    .map(textOf)
    .filter((name): name is string => !!name);
  return {
    givenName: text(element, 'roepnaam') ?? givenNames[0] ?? text(element, 'voorletters-1') ?? '',
    familyNamePrefix: text(element, 'voorvoegsel') ?? '',
    familyName: text(element, 'achternaam') ?? '',
    initials: text(element, 'voorletters-1'),
    addressSecret: flag(element, 'adresgeheim') === true,
    addresses: addresses(element),
    communications: communications(element),
  };
}

function contact(element: XmlElement): OsoContact {
  return {
    ...person(element),
    relationCode: text(element, 'relatietotkind'),
    legalRepresentative: flag(element, 'wettigevertegenwoordiger'),
    deceased: flag(element, 'overleden') === true,
  };
}

function career(element: XmlElement): OsoCareerEntry[] {
  return elementsOf(childOf(element, 'schoolloopbaanlijst'), 'schoolloopbaan').map((entry) => {
    const brin = text(entry, 'brincode');
    return {
      schoolYear: text(entry, 'schooljaar') ?? '',
      groupCode: text(entry, 'groepscode') ?? '',
      groupName: text(entry, 'groepsnaam'),
      yearGroup: text(entry, 'jaargroep'),
      startedOn: text(entry, 'begindatum') ?? '',
      endedOn: text(entry, 'einddatum'),
      locationCode: brin ? `${brin}${text(entry, 'vestigingscode') ?? '00'}`.toUpperCase() : null,
      schoolKind: text(entry, 'schoolsoort'),
      schoolType: text(entry, 'schooltype'),
    };
  });
}

function scores(element: XmlElement | undefined): OsoScore[] {
  return elementsOf(element, 'referentiescore').map((score) => ({
    code: text(score, 'codereferentiescore') ?? '',
    comparedWith: text(score, 'codevergelijkingsgroep'),
    value: text(score, 'waarde') ?? '',
    qualification: text(score, 'kwalificatie'),
  }));
}

function testResults(element: XmlElement): OsoTestResult[] {
  const tests = elementsOf(childOf(element, 'toetslijst'), 'toets').map((test): OsoTestResult => {
    const id = childOf(test, 'toetsidentificatie');
    const taken = childOf(test, 'afname');
    const result = childOf(test, 'resultaat');
    const own = scores(result);
    const parts = elementsOf(test, 'toetsonderdeel').map((part) => ({
      code: text(part, 'eldonderdeelcode'),
      name: text(part, 'onderdeelnaam'),
      scores: scores(childOf(part, 'resultaat')),
    }));
    const subject = text(id, 'leergebied');
    return {
      testCode: text(id, 'eldtoetscode') ?? text(id, 'toetsnaam') ?? '',
      testName: text(id, 'toetsnaam'),
      subject,
      version: text(id, 'toetsversie'),
      takenOn: text(taken, 'afnamedatum') ?? '',
      yearGroup: text(taken, 'jaargroep'),
      takenBy: text(childOf(taken, 'afgenomendoor'), 'functie'),
      correct: text(childOf(result, 'toetsscore'), 'aantalgoed'),
      abilityScore: text(childOf(result, 'toetsscore'), 'vaardigheidsscore'),
      scores: own,
      parts,
      psychological: isIntelligenceTest(
        subject,
        [...own, ...parts.flatMap((part) => part.scores)].map((score) => score.code),
      ),
    };
  });
  // The final test of primary school (eindtoets), when the dossier carries it.
  const finals = elementsOf(childOf(element, 'eindtoets_basisonderwijs'), 'eindtoetsresultaat').map(
    (final): OsoTestResult => ({
      testCode: `eindtoets ${text(final, 'toetssoort') ?? ''}`.trim(),
      testName: text(final, 'toetsomschrijving'),
      subject: null,
      version: text(final, 'toetsniveau'),
      takenOn: text(final, 'datum_afname') ?? '',
      yearGroup: '8',
      takenBy: null,
      correct: null,
      abilityScore: text(final, 'standaardscore'),
      scores: [
        ...(text(final, 'toets_advies')
          ? [{ code: 'advies', comparedWith: null, value: text(final, 'toets_advies')!, qualification: null }]
          : []),
      ],
      parts: elementsOf(childOf(final, 'onderdelen'), 'onderdeel').map((part) => ({
        code: text(part, 'onderdeelcode'),
        name: text(part, 'onderdeelomschrijving'),
        scores: text(part, 'ond_referentieniveau')
          ? [
              {
                code: 'referentieniveau',
                comparedWith: null,
                value: text(part, 'ond_referentieniveau')!,
                qualification: null,
              },
            ]
          : [],
      })),
      psychological: false,
    }),
  );
  return [...tests, ...finals];
}

function leafFields(element: XmlElement, skip: ReadonlySet<string>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const child of elementsOf(element)) {
    if (skip.has(child.name) || child.name === 'document' || child.name === 'documentLijst') continue;
    if (elementsOf(child).length > 0) continue;
    const value = textOf(child);
    if (value !== null) fields[child.name] = fields[child.name] ? `${fields[child.name]}, ${value}` : value;
  }
  return fields;
}

function support(element: XmlElement): OsoSupportEntry[] {
  const entries: OsoSupportEntry[] = [];
  for (const block of elementsOf(childOf(element, 'onderwijsondersteuning'))) {
    if (block.name === 'medicijngebruik') {
      if (textOf(block) === 'true')
        entries.push({
          kind: 'medication',
          startedOn: null,
          endedOn: null,
          summary: null,
          details: {},
          medical: true,
        });
      continue;
    }
    const known = osoSupportBlocks[block.name];
    if (!known) continue;
    const first = (names: string[]) => names.map((name) => text(block, name)).find(Boolean) ?? null;
    const used = new Set([...known.start, ...known.end, ...known.summary]);
    const summary =
      first(known.summary) ??
      elementsOf(block, 'document')
        .map((document) => text(document, 'omschrijving'))
        .find(Boolean) ??
      null;
    entries.push({
      kind: known.kind,
      startedOn: first(known.start),
      endedOn: first(known.end),
      summary,
      details: leafFields(block, used),
      medical: known.kind === 'diagnosis',
    });
  }
  const absence = childOf(element, 'verzuim');
  if (absence)
    entries.push({
      kind: 'absence',
      startedOn: null,
      endedOn: null,
      summary: null,
      details: leafFields(absence, new Set()),
      medical: false,
    });
  return entries;
}

// --- Attachments ------------------------------------------------------------------------------

/** Every `document` under the pupil, with the block it belongs to. */
function attachmentElements(pupil: XmlElement, results: OsoTestResult[], testElements: XmlElement[]) {
  const found: { element: XmlElement; source: OsoAttachmentSource; psychological: boolean }[] = [];
  const visit = (element: XmlElement, source: OsoAttachmentSource, psychological: boolean) => {
    for (const child of elementsOf(element)) {
      if (child.name === 'document') {
        found.push({ element: child, source, psychological });
        continue;
      }
      const testIndex = child.name === 'toets' ? testElements.indexOf(child) : -1;
      visit(
        child,
        osoAttachmentSourceByElement[child.name] ?? source,
        testIndex >= 0 ? (results[testIndex]?.psychological ?? false) : psychological,
      );
    }
  };
  visit(pupil, 'other', false);
  return found;
}

function attachment(found: {
  element: XmlElement;
  source: OsoAttachmentSource;
  psychological: boolean;
}): ReadAttachment {
  const meta = {
    source: found.source,
    fileName: text(found.element, 'bestandsnaam') ?? 'bijlage',
    description: text(found.element, 'omschrijving'),
    psychological: found.psychological,
  };
  const refused = (problem: OsoAttachmentProblem): ReadAttachment => ({
    ...meta,
    content: null,
    mediaType: null,
    sha256: null,
    problem,
  });
  const encoded = (text(found.element, 'bestandsinhoud') ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return refused('not_base64');
  const unzipped = unzipSingleFile(Buffer.from(encoded, 'base64'), osoAttachmentMaxBytes);
  if ('problem' in unzipped) return refused(unzipped.problem);
  const checked = checkDocumentContent(unzipped.content);
  if (!checked.ok) return refused(checked.reason);
  return {
    ...meta,
    content: unzipped.content,
    mediaType: checked.mediaType,
    sha256: createHash('sha256').update(unzipped.content).digest('hex'),
    problem: null,
  };
}

// --- The dossier ------------------------------------------------------------------------------

const refusedAs = (element: string | null, message: string, line: number | null = null) =>
  new XmlFileRefused('invalid', [{ line, element, message }]);

/**
 * libxml2 names an element of a namespaced document by position (star steps such as "*[4]"); this names
 * it by the standard's element names, with the position among its namesakes where there are
 * several ("/dossier/huidigeschool/leerling/toetslijst/toets[2]/afname").
 */
function namedPath(document: XmlDocument, xpath: string | null): string | null {
  if (!xpath) return null;
  const steps = xpath.split('/').filter(Boolean);
  if (steps.length === 0 || !steps.every((step) => /^\*(\[\d+\])?$/.test(step))) return xpath;
  let element: XmlElement = document.root;
  const names = [`/${element.name}`];
  for (const step of steps.slice(1)) {
    const index = Number(/\[(\d+)\]/.exec(step)?.[1] ?? '1');
    const next = elementsOf(element)[index - 1];
    if (!next) return xpath;
    const namesakes = elementsOf(element, next.name);
    names.push(namesakes.length > 1 ? `${next.name}[${namesakes.indexOf(next) + 1}]` : next.name);
    element = next;
  }
  return names.join('/');
}

/** The record a problem is in: "toets 2" for …/toetslijst/toets[2]/…. */
function recordOf(element: string | null): string | null {
  const found = element && /\/(verzorger|schoolloopbaan|toets|diagnose|document)\[(\d+)\]/.exec(element);
  return found ? `${found[1]} ${found[2]}` : null;
}

/** Validates and reads a dossier; throws XmlFileRefused for one not taken in. */
export function readOsoDossier(content: Uint8Array): ReadDossier {
  const document: XmlDocument = parseXml(content, osoMaxBytes);
  try {
    const root = document.root;
    if (
      root.name !== 'dossier' ||
      (root.namespaceUri !== osoNamespace && root.namespaceUri !== osoNamespace2017)
    )
      throw refusedAs(
        `/${root.name}`,
        'This is not an OSO dossier (no dossier of the OSO namespace)',
        root.line,
      );
    if (root.namespaceUri === osoNamespace2017)
      throw new XmlFileRefused('version', [
        {
          line: root.line,
          element: '/dossier',
          message: `OSO version 2017 is not supported; only version ${osoVersion} is: ask the school to export the dossier again`,
        },
      ]);
    const problems = schemaProblems(document, osoSchema);
    if (problems.length > 0)
      throw new XmlFileRefused(
        'invalid',
        problems.map((problem) => {
          const element = namedPath(document, problem.element);
          return { ...problem, element, record: recordOf(element) };
        }),
      );
    const metadata = childOf(root, 'metadata');
    const school = childOf(root, 'huidigeschool')!;
    const pupil = childOf(school, 'leerling')!;
    const brin = text(school, 'brincode') ?? '';
    // Names and groups as the API takes them (one line, no direction override), or the file is refused.
    const persons = ['roepnaam', 'voornaam', 'voorletters-1', 'voorvoegsel', 'achternaam'];
    const names = [
      ...nameProblems([school], ['naam']),
      ...nameProblems([pupil, ...elementsOf(pupil, 'verzorger')], persons),
      ...nameProblems(elementsOf(childOf(pupil, 'schoolloopbaanlijst'), 'schoolloopbaan'), [
        'groepscode',
        'groepsnaam',
        'jaargroep',
      ]),
    ];
    if (names.length > 0)
      throw new XmlFileRefused(
        'invalid',
        names.map((problem) => ({ ...problem, record: recordOf(problem.element) })),
      );
    const results = testResults(pupil);
    const testElements = elementsOf(childOf(pupil, 'toetslijst'), 'toets');
    const dossier: OsoDossier = {
      version: osoVersion,
      kind: text(root, 'overdrachtsoort') ?? '',
      transfer: text(metadata, 'overstap'),
      exportedOn: text(metadata, 'datum'),
      packageName: text(metadata, 'pakketnaam'),
      sendingSchool: {
        locationCode: `${brin}${text(school, 'vestigingscode') ?? '00'}`.toUpperCase(),
        name: text(school, 'naam'),
      },
      pupil: {
        ...person(pupil),
        schoolKey: text(pupil, 'leerlingid'),
        // xs:date may carry a time zone (2003-03-17+01:00): the day is what counts.
        birthDate: /^\d{4}-\d{2}-\d{2}/.exec(text(pupil, 'geboortedatum') ?? '')?.[0] ?? '',
        enrolledOn: text(pupil, 'datuminschrijving'),
        leftOn: text(pupil, 'datumuitschrijving'),
      },
      contacts: elementsOf(pupil, 'verzorger').map(contact),
      career: career(pupil),
      results,
      support: support(pupil),
    };
    return { dossier, attachments: attachmentElements(pupil, results, testElements).map(attachment) };
  } finally {
    document.dispose();
  }
}
