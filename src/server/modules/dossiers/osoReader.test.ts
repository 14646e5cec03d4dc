// The OSO reader on Edustandaard's official example dossiers (2019.1, PaO and OV), the 2017 one,
// and hostile or broken variants made here: each refused whole with one clear reason.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { osoMaxBytes } from '../../../domain/oso.ts';
import { XmlFileRefused } from '../../xml/xsd.ts';
import { unzipSingleFile } from '../../zip.ts';
import { readOsoDossier } from './osoReader.ts';

const example = (name: string) =>
  readFileSync(new URL(`../../../../test/support/files/oso/${name}`, import.meta.url));
const pao = example('Voorbeelddossier_PaO_POSWV_full.xml');
const ov = example('Voorbeelddossier_OV_POVO_full.xml');
const v2017 = example('Voorbeelddossier_2017.1_PaO_POSWV_full.xml');

function refusal(content: Uint8Array): XmlFileRefused {
  try {
    readOsoDossier(content);
  } catch (error) {
    if (error instanceof XmlFileRefused) return error;
    throw error;
  }
  throw new Error('the dossier was not refused');
}

/** A ZIP (stored or deflated) of the given files, as the standard packs an attachment. */
function zipOf(files: { name: string; content: Buffer; deflate?: boolean; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = file.deflate ? deflateRawSync(file.content) : file.content;
    const name = Buffer.from(file.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(file.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(file.declaredSize ?? file.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(file.deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(file.declaredSize ?? file.content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The PaO example with its first attachment (Toelichting.pdf) replaced by this ZIP. */
function withAttachment(zip: Buffer): Buffer {
  const text = pao.toString('utf8');
  const start = text.indexOf('<bestandsinhoud>') + '<bestandsinhoud>'.length;
  const end = text.indexOf('</bestandsinhoud>', start);
  return Buffer.from(text.slice(0, start) + zip.toString('base64') + text.slice(end));
}

const pdf = Buffer.from('%PDF-1.4\n% a report\n%%EOF\n');

describe('reading an OSO 2019.1 dossier', () => {
  it('reads the PaO example: the school, the pupil, parents with their secrecy, career, results, support', () => {
    const { dossier, attachments } = readOsoDossier(pao);
    expect(dossier.kind).toBe('swv-dossier');
    expect(dossier.transfer).toBe('POSWV');
    expect(dossier.sendingSchool).toEqual({ locationCode: '00YY00', name: 'Testschool' });
    expect(dossier.pupil).toMatchObject({
      givenName: 'Daan',
      familyNamePrefix: 'van de',
      familyName: 'Berg',
      birthDate: '2003-03-17',
      schoolKey: 'LN094837',
      addressSecret: false,
    });
    expect(dossier.contacts.map((c) => [c.givenName, c.relationCode, c.deceased])).toEqual([
      ['Pieter', '1', false],
      ['Tanja', '6', false],
      ['Wilma', '7', false],
      ['Paul', '5', true],
      ['Fokke', '3', true],
    ]);
    const tanja = dossier.contacts[1]!;
    expect(tanja.communications.find((c) => c.value === 'geheim@geheim.geheim')?.secret).toBe(true);
    expect(dossier.career).toHaveLength(10);
    expect(dossier.career[3]).toMatchObject({
      schoolYear: '2009-2010',
      locationCode: '14AI02',
      groupCode: '3',
    });
    expect(dossier.results.map((r) => [r.testCode, r.psychological])).toEqual([
      ['DREM8', false],
      ['NIO2004', true],
      ['RW2006-12-155', false],
      ['BLZ07-20-138', false],
      ['WISC3NL2005', true],
    ]);
    expect(dossier.results[4]!.parts.map((p) => p.code)).toEqual(['WISC3NL2005V', 'WISC3NL2005P']);
    expect(dossier.support.map((s) => s.kind)).toEqual([
      'needs',
      'diagnosis',
      'diagnosis',
      'medication',
      'action_plan',
      'development_plan',
      'tlv',
      'arrangement',
      'arrangement',
      'absence',
    ]);
    expect(dossier.support.find((s) => s.kind === 'tlv')).toMatchObject({
      startedOn: '2016-04-04',
      endedOn: '2018-07-31',
      summary: 'L',
      details: { tlvswvnummer: 'PO00YY', tlvbeschikkingsnummer: '55667788abcd' },
    });
    // Attachments: the ZIP's one file, checked by content; text files and broken ZIPs are not kept.
    const taken = attachments.filter((a) => a.problem === null);
    expect(taken.map((a) => [a.fileName, a.mediaType, a.source])).toEqual([
      [
        'opp.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'development_plan',
      ],
      ['drem8.jpg', 'image/jpeg', 'test'],
      ['diagram.png', 'image/png', 'other'],
    ]);
    expect(attachments.find((a) => a.fileName === 'groepsplan.txt')?.problem).toBe('unknown_type');
    expect(attachments.find((a) => a.fileName === 'Toelichting.pdf')?.problem).toBe('not_zip');
    expect(attachments.filter((a) => a.source === 'diagnosis')).toHaveLength(2);
  });

  it('reads the OV example (PO to VO) and never the BSN, which it carries', () => {
    expect(ov.toString('utf8')).toContain('<bsn>269326728</bsn>');
    const read = readOsoDossier(ov);
    expect(read.dossier.kind).toBe('overstapdossier');
    expect(read.dossier.transfer).toBe('POVO');
    // The final test of primary school is a result too.
    expect(read.dossier.results.map((r) => r.testCode)).toContain('eindtoets 0011');
    const everything = JSON.stringify({
      ...read,
      attachments: read.attachments.map((a) => ({ ...a, content: null })),
    });
    expect(everything).not.toContain('269326728');
    expect(everything).not.toContain('NL51RABO0307495248');
  });
});

describe('refusing a dossier whole', () => {
  it('refuses version 2017 with a clear message', () => {
    const refused = refusal(v2017);
    expect(refused.reason).toBe('version');
    expect(refused.message).toMatch(/2017 is not supported; only version 2019.1/);
  });

  it('refuses a file that is not XML', () => {
    expect(refusal(Buffer.from('%PDF-1.4 not a dossier')).reason).toBe('not_xml');
  });

  it('refuses a DOCTYPE and entities before parsing, never resolving them', () => {
    const hostile = Buffer.from(
      pao
        .toString('utf8')
        .replace(
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE dossier [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        )
        .replace('<naam>Testschool</naam>', '<naam>&xxe;</naam>'),
    );
    expect(refusal(hostile).reason).toBe('doctype');
  });

  // The guard once looked at the first 4096 bytes as latin1: past a long comment, or in UTF-16, a
  // DOCTYPE was parsed and libxml2 read its internal subset.
  it('refuses a DOCTYPE wherever it stands and in any encoding', () => {
    const text = pao.toString('utf8');
    const rest = text
      .slice(text.indexOf('?>') + 2)
      .replace('<achternaam>Berg</achternaam>', '<achternaam>&x;</achternaam>');
    const doctype = '<!DOCTYPE dossier [<!ENTITY x "Injected">]>';
    const padded = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><!--${' '.repeat(5000)}-->${doctype}${rest}`,
    );
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${doctype}${rest}`, 'utf16le'),
    ]);
    expect(refusal(padded).reason).toBe('doctype');
    // UTF-16 is refused before it is parsed (we take UTF-8).
    expect(refusal(utf16).reason).toBe('encoding');
  });

  // The API refuses these in a name or group (Line, src/contracts/common.ts); so does the import.
  it('refuses a name or group that is not one plain line, naming the element and record', () => {
    const refused = refusal(
      Buffer.from(
        pao
          .toString('utf8')
          .replace('<roepnaam>Daan</roepnaam>', '<roepnaam>Da&#x202E;an</roepnaam>')
          .replace(/(<verzorger>[\s\S]*?<achternaam>)Berg</, '$1Be&#10;rg<')
          .replace('<groepsnaam>groep 2</groepsnaam>', '<groepsnaam>groep&#9;2</groepsnaam>'),
      ),
    );
    expect(refused.reason).toBe('invalid');
    expect(refused.problems.map((problem) => [problem.element, problem.record])).toEqual([
      ['/dossier/huidigeschool/leerling/roepnaam', null],
      ['/dossier/huidigeschool/leerling/verzorger[1]/achternaam', 'verzorger 1'],
      [
        '/dossier/huidigeschool/leerling/schoolloopbaanlijst/schoolloopbaan[3]/groepsnaam',
        'schoolloopbaan 3',
      ],
    ]);
  });

  it(`refuses a file above ${osoMaxBytes / 1024 / 1024} MB before reading it`, () => {
    const big = Buffer.alloc(osoMaxBytes + 1, 0x20);
    pao.copy(big);
    expect(refusal(big).reason).toBe('too_large');
  });

  it('refuses an encoding school systems do not write', () => {
    const utf16 = Buffer.from(pao.toString('utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"'));
    expect(refusal(utf16).reason).toBe('encoding');
  });

  it('refuses a dossier the XSD does not accept, naming the line and the element', () => {
    const invalid = Buffer.from(
      pao
        .toString('utf8')
        .replace('<geboortedatum>2003-03-17</geboortedatum>', '<geboortedatum>17-03-2003</geboortedatum>'),
    );
    const refused = refusal(invalid);
    expect(refused.reason).toBe('invalid');
    expect(refused.problems[0]).toMatchObject({ element: expect.stringContaining('geboortedatum') });
    expect(refused.problems[0]!.line).toBeGreaterThan(1);
  });

  it('refuses XML of another standard', () => {
    const edexml = readFileSync(
      new URL('../../../../test/support/files/edexml/EDEXML.Voorbeeld.2.1.xml', import.meta.url),
    );
    expect(refusal(edexml).message).toMatch(/not an OSO dossier/);
  });
});

describe('attachments', () => {
  it('takes a PDF from its ZIP, stored or deflated', () => {
    for (const deflate of [false, true]) {
      const { attachments } = readOsoDossier(
        withAttachment(zipOf([{ name: 'Toelichting.pdf', content: pdf, deflate }])),
      );
      expect(attachments[0]).toMatchObject({
        fileName: 'Toelichting.pdf',
        mediaType: 'application/pdf',
        problem: null,
      });
      expect(Buffer.from(attachments[0]!.content!).equals(pdf)).toBe(true);
    }
  });

  it('does not keep a program, two files in one ZIP, or a ZIP that unpacks beyond its word', () => {
    const program = zipOf([{ name: 'Toelichting.pdf', content: Buffer.from('MZ\x90\x00 a program') }]);
    expect(readOsoDossier(withAttachment(program)).attachments[0]!.problem).toBe('executable');
    const two = zipOf([
      { name: 'a.pdf', content: pdf },
      { name: 'b.pdf', content: pdf },
    ]);
    expect(readOsoDossier(withAttachment(two)).attachments[0]!.problem).toBe('zip_not_single_file');
    // A bomb: 10 MB of zeros in 10 kB, or a file declaring less than it inflates to.
    const zeros = Buffer.alloc(10 * 1024 * 1024);
    expect(
      unzipSingleFile(zipOf([{ name: 'a.pdf', content: zeros, deflate: true }]), 50 * 1024 * 1024),
    ).toEqual({
      problem: 'archive_bomb',
    });
    expect(
      unzipSingleFile(zipOf([{ name: 'a.pdf', content: zeros, deflate: true, declaredSize: 100 }]), 1e9),
    ).toEqual({
      problem: 'damaged',
    });
    expect(unzipSingleFile(Buffer.from('not a zip'), 1e9)).toEqual({ problem: 'not_zip' });
  });
});
