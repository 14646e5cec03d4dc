// The EDEXML reader on the official example files of each version, and on broken and hostile files:
// each refused whole with a reason, the line and the element or record where that helps.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XmlFileRefused } from '../../xml/xsd.ts';
import { readEdexml } from './edexml.ts';

const example = (name: string) =>
  readFileSync(new URL(`../../../../test/support/files/edexml/${name}`, import.meta.url));
const v21 = () => example('EDEXML.Voorbeeld.2.1.xml').toString('utf8');

function refusal(content: string | Buffer): XmlFileRefused {
  try {
    readEdexml(typeof content === 'string' ? Buffer.from(content) : content);
  } catch (error) {
    if (error instanceof XmlFileRefused) return error;
    throw error;
  }
  throw new Error('The file was not refused');
}

describe('readEdexml', () => {
  it.each([
    ['EDEXML.Voorbeeld.2.1.xml', '2.1', '99ZZ00', 3, 'Wimpie'],
    ['EDEXML.Voorbeeld.2.0.xml', '2.0', '99ZZ00', 3, 'Wimpie'],
    ['EDEXML.Voorbeeld.1.03.xml', '1.0.3', '99ZZ01', 3, 'Wimpie'],
    // The Flemish variant has an instellingsnummer, no BRIN: the school is the one named on import.
    ['EDEXML.Voorbeeld.2.1-Vla.xml', '2.1', null, 3, 'Wimpie'],
  ])('reads the official example %s', (file, version, locationCode, pupils, firstName) => {
    const roster = readEdexml(example(file));
    expect(roster).toMatchObject({ version, locationCode });
    expect(roster.pupils).toHaveLength(pupils);
    expect(roster.pupils[0]!.givenName).toBe(firstName);
  });

  it('reads a pupil: key, ECK iD, names, birth date, the group by its name, the leaving date', () => {
    const roster = readEdexml(Buffer.from(v21()));
    expect(roster.pupils[0]).toEqual({
      key: '00001',
      eckId: expect.stringMatching(/^https:\/\/id\.school\/LL_/),
      givenName: 'Wimpie',
      familyNamePrefix: 'imp',
      familyName: 'ie',
      birthDate: '2006-06-21',
      groupName: '4B',
      leftOn: null,
    });
    // No roepnaam: the first of the given names; no group: the year group.
    expect(roster.pupils[1]).toMatchObject({ givenName: 'Ismaël', groupName: '4', birthDate: null });
    expect(roster.pupils[2]).toMatchObject({ familyNamePrefix: "van 't", leftOn: '2014-07-18' });
    expect(roster.teachers[0]).toMatchObject({ key: 'LK1', name: 'Julia van Bemmel', groupNames: ['4A'] });
  });

  it('refuses a value against the XSD, naming the line, the element and the record', () => {
    const refused = refusal(v21().replace('<geboortedatum>2006-06-21', '<geboortedatum>21-06-2006'));
    expect(refused.reason).toBe('invalid');
    expect(refused.problems[0]).toMatchObject({
      line: expect.any(Number),
      element: '/EDEX/leerlingen/leerling[1]/geboortedatum',
      record: 'leerling 00001',
      message: expect.stringContaining("'21-06-2006' is not a valid value"),
    });
  });

  it('refuses pupils whose group is not in the file (key and keyref)', () => {
    const refused = refusal(v21().replace('<groep key="GRP4B"/>', '<groep key="NOPE"/>'));
    expect(refused.reason).toBe('invalid');
    expect(refused.problems[0]!.message).toMatch(/No match found for key-sequence \['NOPE'\]/);
  });

  it('refuses a DOCTYPE: no entity is ever expanded or fetched', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE EDEX [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><EDEX>&b;</EDEX>`;
    expect(refusal(laughs).reason).toBe('doctype');
    const external = `<?xml version="1.0"?><!DOCTYPE EDEX [<!ENTITY x SYSTEM "file:///etc/passwd">]><EDEX>&x;</EDEX>`;
    expect(refusal(external).reason).toBe('doctype');
    expect(
      refusal('<?xml version="1.0"?><!DOCTYPE EDEX SYSTEM "http://example.test/x.dtd"><EDEX/>').reason,
    ).toBe('doctype');
  });

  // The guard once looked at the first 4096 bytes as latin1: past a long comment, or in UTF-16, a
  // DOCTYPE was parsed and its entity reached the XSD check, which failed as a 500.
  it('refuses a DOCTYPE wherever it stands and in any encoding', () => {
    const body = v21().replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>&x;</roepnaam>');
    const rest = body.slice(body.indexOf('?>') + 2);
    const doctype = '<!DOCTYPE EDEX [<!ENTITY x "Injected">]>';
    const declaration = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?>`;
    const padded = `${declaration('UTF-8')}<!--${' '.repeat(5000)}-->${doctype}${rest}`;
    const unused = `${declaration('UTF-8')}<!--${' '.repeat(5000)}-->${doctype}${v21().slice(v21().indexOf('?>') + 2)}`;
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${declaration('UTF-16')}${doctype}${rest}`, 'utf16le'),
    ]);
    for (const file of [padded, unused]) expect(refusal(file).reason).toBe('doctype');
    // UTF-16 is refused before it is parsed (we take UTF-8).
    expect(refusal(utf16).reason).toBe('encoding');
  });

  // The API refuses these in a name or group (Line, src/contracts/common.ts); so does the import.
  it('refuses a name or group that is not one plain line, naming the record and element', () => {
    const refused = refusal(
      v21()
        .replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>Wim&#x202E;eipmi</roepnaam>')
        .replace(
          '<achternaam>ie</achternaam>',
          '<achternaam>ie&#10;level=error msg=forged&#9;x</achternaam>',
        ),
    );
    expect(refused.reason).toBe('invalid');
    expect(refused.problems).toEqual([
      expect.objectContaining({
        element: '/EDEX/leerlingen/leerling[1]/achternaam',
        record: 'leerling 00001',
        line: expect.any(Number),
        message: expect.stringMatching(/one line of plain text/),
      }),
      expect.objectContaining({ element: '/EDEX/leerlingen/leerling[1]/roepnaam', record: 'leerling 00001' }),
    ]);
    const group = refusal(v21().replace('<naam>Kabouters</naam>', '<naam>Kabouters&#x2066;</naam>'));
    expect(group.problems[0]).toMatchObject({ element: expect.stringMatching(/^\/EDEX\/groepen\/groep/) });
  });

  it('refuses what is not XML, another root, an unknown version and an unsupported encoding', () => {
    expect(refusal('%PDF-1.7 not xml').reason).toBe('not_xml');
    expect(refusal(Buffer.alloc(0)).reason).toBe('not_xml');
    expect(refusal('<?xml version="1.0"?><OSO/>').problems[0]!.message).toMatch(/no EDEX root/);
    expect(
      refusal(v21().replace('<xsdversie>2.1</xsdversie>', '<xsdversie>3.0</xsdversie>')).problems[0]!.message,
    ).toMatch(/version 3\.0 is not supported/);
    expect(refusal(v21().replace('encoding="UTF-8"', 'encoding="UTF-16"')).reason).toBe('encoding');
  });

  it('reads a file in windows-1252 as it declares', () => {
    const latin = Buffer.from(v21().replace('encoding="UTF-8"', 'encoding="windows-1252"'), 'latin1');
    expect(readEdexml(latin).pupils[1]!.givenName).toBe('Ismaël');
  });
});
