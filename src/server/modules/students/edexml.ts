// Reads a school's roster from an EDEXML file (1.0.3, 2.0 or 2.1), as a school administration
// system exports it (docs/domain.md, "Rosters from the school's system"). The file is checked
// against the official XSD of its version (standards/edexml/) before anything is read from it;
// an invalid file is refused whole. The BSN, ethnicity and the rest are never read: Passend keeps
// only what a child's file needs (docs/SECURITY.md, data minimisation).
import { type XmlDocument, XmlElement } from 'libxml2-wasm';
import type { RosterPupil, RosterTeacher } from '../../../domain/roster.ts';
import { nameProblems, parseXml, schemaProblems, XmlFileRefused } from '../../xml/xsd.ts';

export const edexmlVersions = ['2.1', '2.0', '1.0.3'] as const;
export type EdexmlVersion = (typeof edexmlVersions)[number];

/** An EDEXML file above this size is refused before parsing (an SWV-sized roster is ~30 MB). */
export const edexmlMaxBytes = 200 * 1024 * 1024;

export type Roster = {
  version: EdexmlVersion;
  /** BRIN + dependancecode, as Passend's location code (e.g. "03LX00"); null when the file has none. */
  locationCode: string | null;
  schoolYear: string | null;
  pupils: RosterPupil[];
  groups: { key: string; name: string }[];
  teachers: RosterTeacher[];
};

/** The XSD version a file names in school/xsdversie; a file that names none is read as 2.1. */
function versionNamed(named: string | null): EdexmlVersion | null {
  if (named === null || named === '' || named.startsWith('2.1')) return '2.1';
  if (named.startsWith('2.0') || named === '2') return '2.0';
  if (/^1\.0?3/.test(named)) return '1.0.3';
  return null;
}

/** The element children of `element` by name (the first of each name; lists are read apart). */
function childrenOf(element: XmlElement): Map<string, XmlElement> {
  const children = new Map<string, XmlElement>();
  for (let node = element.firstChild; node; node = node.next) {
    if (node instanceof XmlElement && !children.has(node.name)) children.set(node.name, node);
  }
  return children;
}

function elementsOf(element: XmlElement | undefined, name?: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (let node = element?.firstChild; node; node = node.next) {
    if (node instanceof XmlElement && (name === undefined || node.name === name)) found.push(node);
  }
  return found;
}

const textOf = (element: XmlElement | undefined): string | null => {
  const text = element?.content.trim();
  return text ? text : null;
};

/** The record a problem is in, by its key: "leerling 00001" for /EDEX/leerlingen/leerling[1]/…. */
function recordOf(document: XmlDocument, element: string | null): string | null {
  const record =
    element && /^\/EDEX\/(?:leerlingen|groepen|leerkrachten|vestigingen)\/[a-z_]+\[\d+\]/.exec(element);
  if (!record) return null;
  const node = document.get(record[0]);
  const key = node instanceof XmlElement ? node.attr('key')?.value : undefined;
  return node instanceof XmlElement ? `${node.name}${key ? ` ${key}` : ''}` : null;
}

const fullName = (parts: (string | null)[]) => parts.filter(Boolean).join(' ');

/**
 * Validates and reads a roster. Throws XmlFileRefused (with the element, the record and the line
 * of each problem) for a file that is not XML, hostile, of an unknown version or invalid.
 */
export function readEdexml(content: Uint8Array): Roster {
  const document = parseXml(content, edexmlMaxBytes);
  try {
    const root = document.root;
    if (root.name !== 'EDEX')
      throw new XmlFileRefused('invalid', [
        { line: root.line, element: `/${root.name}`, message: 'This is not an EDEXML file (no EDEX root)' },
      ]);
    const top = childrenOf(root);
    const school = top.get('school') ? childrenOf(top.get('school')!) : new Map<string, XmlElement>();
    const named = textOf(school.get('xsdversie'));
    const version = versionNamed(named);
    if (version === null)
      throw new XmlFileRefused('invalid', [
        {
          line: school.get('xsdversie')?.line ?? null,
          element: '/EDEX/school/xsdversie',
          message: `EDEXML version ${named} is not supported (2.1, 2.0 and 1.0.3 are)`,
        },
      ]);
    const problems = schemaProblems(document, `edexml/${version}/EDEXML.structuur.xsd`);
    if (problems.length > 0)
      throw new XmlFileRefused(
        'invalid',
        problems.map((problem) => ({ ...problem, record: recordOf(document, problem.element) })),
      );
    // Names and groups as the API takes them (one line, no direction override), or the file is refused.
    const names = [
      ...nameProblems(elementsOf(top.get('leerlingen'), 'leerling'), [
        'roepnaam',
        'voornamen',
        'voorletters-1',
        'voorvoegsel',
        'achternaam',
        'jaargroep',
      ]),
      ...nameProblems(elementsOf(top.get('groepen')), ['naam']),
      ...nameProblems(elementsOf(top.get('leerkrachten'), 'leerkracht'), [
        'roepnaam',
        'voorletters-1',
        'voorvoegsel',
        'achternaam',
      ]),
    ];
    if (names.length > 0)
      throw new XmlFileRefused(
        'invalid',
        names.map((problem) => ({ ...problem, record: recordOf(document, problem.element) })),
      );

    const brin = textOf(school.get('brincode'));
    const dependance = textOf(school.get('dependancecode')) ?? '00';
    const groups = elementsOf(top.get('groepen')).map((group) => ({
      key: group.attr('key')?.value ?? '',
      name: textOf(childrenOf(group).get('naam')) ?? '',
    }));
    const groupNames = new Map(groups.map((group) => [group.key, group.name]));
    const pupils = elementsOf(top.get('leerlingen'), 'leerling').map((pupil): RosterPupil => {
      const fields = childrenOf(pupil);
      const groupKey = fields.get('groep')?.attr('key')?.value;
      const firstNames = textOf(fields.get('voornamen'));
      return {
        key: pupil.attr('key')?.value ?? '',
        eckId: pupil.attr('eckid')?.value ?? null,
        givenName:
          textOf(fields.get('roepnaam')) ??
          firstNames?.split(/\s+/)[0] ??
          textOf(fields.get('voorletters-1')),
        familyNamePrefix: textOf(fields.get('voorvoegsel')) ?? '',
        familyName: textOf(fields.get('achternaam')),
        birthDate: textOf(fields.get('geboortedatum')),
        // The group's name as the school uses it; without a group, the year group (jaargroep).
        groupName: (groupKey ? groupNames.get(groupKey) : undefined) ?? textOf(fields.get('jaargroep')) ?? '',
        leftOn: textOf(fields.get('uitstroomdatum')),
      };
    });
    const teachers = elementsOf(top.get('leerkrachten'), 'leerkracht').map((teacher) => {
      const fields = childrenOf(teacher);
      return {
        key: teacher.attr('key')?.value ?? '',
        name: fullName([
          textOf(fields.get('roepnaam')) ?? textOf(fields.get('voorletters-1')),
          textOf(fields.get('voorvoegsel')),
          textOf(fields.get('achternaam')),
        ]),
        email: textOf(fields.get('emailadres')),
        groupNames: elementsOf(fields.get('groepen'))
          .map((group) => groupNames.get(group.attr('key')?.value ?? ''))
          .filter((name): name is string => Boolean(name)),
      };
    });
    return {
      version,
      locationCode: brin ? `${brin}${dependance}`.toUpperCase() : null,
      schoolYear: textOf(school.get('schooljaar')),
      pupils,
      groups,
      teachers,
    };
  } finally {
    document.dispose();
  }
}
