import { describe, expect, it } from 'vitest';
import {
  deliveredCategories,
  isOsoAttachment,
  normaliseParts,
  type OsoDossierInput,
  osoDossierXml,
  osoFileName,
  osoParts,
  schoolYearOf,
  xmlText,
  yearGroupOf,
} from './osoExport.ts';

const aDossierInput = (overrides: Partial<OsoDossierInput> = {}): OsoDossierInput => ({
  today: '2026-11-23',
  softwareVersion: '0.1.0',
  moveKind: 'po_vo',
  parts: [...osoParts],
  school: { name: 'De Regenboog', locationCode: '12AB00', kind: 'bao' },
  child: {
    givenName: 'Zoë',
    familyNamePrefix: 'van der',
    familyName: 'Berg & <Ünal>',
    birthDate: '2014-04-12',
  },
  report: 'Loopt goed; "rustig" begin nodig.',
  parents: [{ displayName: 'Ayşe Berg', email: 'ayse@example.nl' }],
  enrolments: [
    {
      schoolName: 'De Regenboog',
      locationCode: '12AB00',
      groupName: '8A',
      startedOn: '2018-08-20',
      endedOn: null,
    },
  ],
  support: {
    level: 3,
    plan: {
      version: 2,
      startedOn: '2026-09-15',
      evaluationDueOn: '2027-03-15',
      hasDevelopmentPerspective: true,
      strengths: 'Doorzetter',
      needs: 'Rust en structuur',
      exitDestination: 'vmbo-kader',
      goals: [
        { description: 'Leest AVI-E6', target: 'E6', targetDate: '2027-02-01', progress: 'M6 gehaald' },
      ],
      agreements: [{ action: 'Dagstart met de leerkracht', dueOn: null }],
    },
  },
  absence: [
    { kind: 'relative_long', startedOn: '2026-02-02', endedOn: '2026-04-20', withAttendanceOfficer: true },
  ],
  documents: [{ fileName: 'verslag.pdf', title: 'Verslag', packed: 'UEsDBA==' }],
  ...overrides,
});

const pack = (fileName: string, content: string) => `packed(${fileName}:${content.length})`;

describe('the OSO dossier export (docs/decisions/0030-oso-dossier-export.md)', () => {
  it('holds every consented part, the mandatory elements and escaped names', () => {
    const xml = osoDossierXml(aDossierInput(), pack);
    expect(xml).toContain('<dossier xmlns="http://www.edustandaard.nl/oso_gegevensset/2019/dossier">');
    expect(xml).toContain('<brincode>12AB</brincode><vestigingscode>00</vestigingscode>');
    expect(xml).toContain('<achternaam>Berg &amp; &lt;Ünal&gt;</achternaam><roepnaam>Zoë</roepnaam>');
    expect(xml).toContain('<voorvoegsel>van der</voorvoegsel>');
    expect(xml).toContain('<geboortedatum>2014-04-12</geboortedatum>');
    expect(xml).toContain('<overstap>POVO</overstap>');
    expect(xml).toContain('<schooljaar>2018-2019</schooljaar><groepscode>8A</groepscode>');
    expect(xml).toContain('<isgerichtop>Leest AVI-E6</isgerichtop>');
    expect(xml).toContain('<opp><opp_ingangdatum>2026-09-15</opp_ingangdatum></opp>');
    expect(xml).toContain('<contactleerplicht>true</contactleerplicht>');
    expect(xml).toContain('<bestandsnaam>verslag.pdf</bestandsnaam>');
    expect(xml).toContain('<verzorger><achternaam>Ayşe Berg</achternaam>');
    expect(xml).toContain('<cat_oudersverzorgers>VERPLICHT</cat_oudersverzorgers>');
  });

  it('leaves out every part not consented; the report and the pupil identity always go', () => {
    const xml = osoDossierXml(aDossierInput({ parts: [] }), pack);
    for (const block of [
      '<verzorger>',
      '<schoolloopbaanlijst>',
      '<onderwijsondersteuning>',
      '<verzuim>',
      'verslag.pdf',
    ])
      expect(xml).not.toContain(block);
    expect(xml).toContain('<achternaam>Berg &amp; &lt;Ünal&gt;</achternaam>');
    expect(xml).toContain('<bestandsnaam>overdrachtsverslag.txt</bestandsnaam>');
    expect(xml).toContain('<cat_verzuim>VERBODEN</cat_verzuim>');
    expect(xml).toContain('<cat_leerling>VERPLICHT</cat_leerling>');
  });

  it('includes exactly the chosen part', () => {
    for (const part of osoParts) {
      const xml = osoDossierXml(aDossierInput({ parts: [part] }), pack);
      expect(xml.includes('<verzorger>')).toBe(part === 'child_and_parents');
      expect(xml.includes('<schoolloopbaanlijst>')).toBe(part === 'school_career');
      expect(xml.includes('<onderwijsondersteuning>')).toBe(part === 'support');
      expect(xml.includes('<verzuim>')).toBe(part === 'absence');
      expect(xml.includes('<bestandsnaam>verslag.pdf')).toBe(part === 'documents');
    }
  });

  it('never writes a BSN, an education number or an address', () => {
    const xml = osoDossierXml(aDossierInput(), pack);
    for (const element of [
      '<bsn>',
      '<onderwijsnummer>',
      '<adreslijst>',
      '<adres>',
      '<postcode4adres>',
      '<adresgeheim>',
    ])
      expect(xml).not.toContain(element);
  });

  it('marks the categories delivered or not', () => {
    const categories = new Map(deliveredCategories(['support']));
    expect(categories.get('cat_onderwijsondersteuning')).toBe('VERPLICHT');
    expect(categories.get('cat_handelingsplannen')).toBe('VERPLICHT');
    expect(categories.get('cat_schoolloopbaan')).toBe('VERBODEN');
    expect(categories.get('cat_toetsresultaten')).toBe('VERBODEN');
    expect(categories.size).toBe(16);
  });

  it('drops what XML cannot carry and escapes the rest', () => {
    expect(xmlText('a\u0001b & "c" <d>\uFFFE')).toBe('ab &amp; &quot;c&quot; &lt;d&gt;');
  });

  it('takes only OSO attachment types, and normalises the parts', () => {
    expect(isOsoAttachment('verslag.pdf')).toBe(true);
    expect(isOsoAttachment('foto.WEBP')).toBe(false);
    expect(isOsoAttachment('pdf')).toBe(false);
    expect(normaliseParts(['documents', 'support', 'nonsense'])).toEqual(['support', 'documents']);
  });

  it('names the school year, the year group and the file', () => {
    expect(schoolYearOf('2026-07-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-08-01')).toBe('2026-2027');
    expect(yearGroupOf('groep 8b')).toBe('8');
    expect(yearGroupOf('Kikkers')).toBe('Kikkers');
    expect(yearGroupOf(' ')).toBe('onbekend');
    expect(
      osoFileName(
        { givenName: 'Zoë', familyNamePrefix: "d'", familyName: 'Ünal/<x>', birthDate: '' },
        '2026-11-23',
      ),
    ).toBe('OSO-Zoe-d-Unal-x-2026-11-23.xml');
  });
});
