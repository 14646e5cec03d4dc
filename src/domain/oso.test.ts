import { describe, expect, it } from 'vitest';
import {
  attachmentClassification,
  chosenChild,
  compareEntries,
  entriesOf,
  isIntelligenceTest,
  type KnownChild,
  matchChild,
  newChildRefusal,
  type OsoDossier,
  type OsoPupil,
  otherSchoolRefusal,
  relationOf,
  stableJson,
  withoutSecrets,
} from './oso.ts';

const pupil: OsoPupil = {
  givenName: 'Daan',
  familyNamePrefix: 'van de',
  familyName: 'Berg',
  initials: 'L.J.M.F.',
  addressSecret: true,
  addresses: [
    {
      street: 'Hoofdstraat',
      number: '136',
      addition: null,
      postcode: '7311BA',
      place: 'Apeldoorn',
      country: null,
    },
  ],
  communications: [
    { kind: 'telefoon', label: 'prive', value: '0555', secret: false, emergency: false },
    { kind: 'e-mail', label: 'prive', value: 'geheim@example.test', secret: true, emergency: false },
  ],
  schoolKey: 'LN094837',
  birthDate: '2003-03-17',
  enrolledOn: null,
  leftOn: null,
};

const child = (id: string, overrides: Partial<KnownChild> = {}): KnownChild => ({
  id,
  schoolKey: null,
  givenName: 'Daan',
  familyNamePrefix: 'van de',
  familyName: 'Berg',
  birthDate: '2003-03-17',
  ...overrides,
});

describe('matching a dossier to a child of the school', () => {
  it('is certain by the school key and the birth date', () => {
    const children = [child('a', { schoolKey: 'LN094837', givenName: 'Björn' }), child('b')];
    expect(matchChild(pupil, children)).toEqual({ certainty: 'certain', studentId: 'a', by: 'school_key' });
  });

  it('is certain by name and birth date when exactly one child has them and no key names another', () => {
    expect(matchChild(pupil, [child('b'), child('c', { birthDate: '2004-01-01' })])).toEqual({
      certainty: 'certain',
      studentId: 'b',
      by: 'name_and_birth_date',
    });
  });

  it('is uncertain when the key agrees but not the birth date, or two children are alike', () => {
    expect(matchChild(pupil, [child('a', { schoolKey: 'LN094837', birthDate: '2003-03-18' })])).toEqual({
      certainty: 'uncertain',
      candidates: ['a'],
    });
    expect(matchChild(pupil, [child('b'), child('c')])).toEqual({
      certainty: 'uncertain',
      candidates: ['b', 'c'],
    });
    // Only the family name and the birth date: a sibling's twin? The user decides.
    expect(matchChild(pupil, [child('d', { givenName: 'Bram' })])).toEqual({
      certainty: 'uncertain',
      candidates: ['d'],
    });
  });

  it('finds none when no child is alike', () => {
    expect(matchChild(pupil, [child('e', { familyName: 'Jansen' })])).toEqual({ certainty: 'none' });
  });

  it('takes the user’s choice of a child of the school, a new child, or a certain match', () => {
    const ids = new Set(['a', 'b']);
    const certain = { certainty: 'certain', studentId: 'a', by: 'school_key' } as const;
    expect(chosenChild(certain, { studentId: null, createChild: false }, ids)).toEqual({
      studentId: 'a',
      create: false,
    });
    expect(chosenChild(certain, { studentId: 'b', createChild: false }, ids)).toEqual({
      studentId: 'b',
      create: false,
    });
    expect(chosenChild({ certainty: 'none' }, { studentId: null, createChild: true }, ids)).toEqual({
      studentId: null,
      create: true,
    });
    expect(
      chosenChild(
        { certainty: 'uncertain', candidates: ['a'] },
        { studentId: null, createChild: false },
        ids,
      ),
    ).toMatchObject({
      rule: 'oso_child_uncertain',
      details: { candidates: ['a'] },
    });
    expect(chosenChild(certain, { studentId: 'z', createChild: false }, ids)).toMatchObject({
      rule: 'oso_child_mismatch',
    });
  });
});

describe('a new child from the dossier', () => {
  it('needs a first name and a whole birth date', () => {
    expect(newChildRefusal(pupil)).toBeNull();
    expect(newChildRefusal({ ...pupil, birthDate: '' })).toMatchObject({ rule: 'oso_child_incomplete' });
    expect(newChildRefusal({ ...pupil, givenName: ' ' })).toMatchObject({ rule: 'oso_child_incomplete' });
  });
});

describe('the school a dossier belongs to', () => {
  const sending = { locationCode: '00YY00', name: 'Testschool' };
  it('takes a PaO dossier only at the school that exported it', () => {
    expect(otherSchoolRefusal({ kind: 'swv-dossier', sendingSchool: sending }, '00YY00')).toBeNull();
    expect(otherSchoolRefusal({ kind: 'swv-dossier', sendingSchool: sending }, '11AA00')).toMatchObject({
      rule: 'oso_other_school',
      details: { fileLocationCode: '00YY00', schoolLocationCode: '11AA00' },
    });
  });
  it('takes a school-to-school dossier at the receiving school, not at the sender', () => {
    expect(otherSchoolRefusal({ kind: 'overstapdossier', sendingSchool: sending }, '11AA00')).toBeNull();
    expect(otherSchoolRefusal({ kind: 'overstapdossier', sendingSchool: sending }, '00yy00')).toMatchObject({
      rule: 'oso_other_school',
    });
  });
});

describe('secret addresses and numbers', () => {
  it('are left out for who may not see them, and kept for who may', () => {
    const hidden = withoutSecrets(pupil, false);
    expect(hidden.addresses).toEqual([]);
    expect(hidden.addressHidden).toBe(true);
    expect(hidden.communications.map((c) => c.value)).toEqual(['0555']);
    const shown = withoutSecrets(pupil, true);
    expect(shown.addresses).toHaveLength(1);
    expect(shown.communications).toHaveLength(2);
    expect(shown.addressHidden).toBe(false);
  });
  it('leave an address that is not secret in place', () => {
    const open = withoutSecrets({ ...pupil, addressSecret: false }, false);
    expect(open.addresses).toHaveLength(1);
    expect(open.addressHidden).toBe(false);
  });
});

describe('mapping the standard’s codes', () => {
  it('names the relations codelijst 41 documents, and the rest as other', () => {
    expect([relationOf('1'), relationOf('2'), relationOf('3'), relationOf('7'), relationOf(null)]).toEqual([
      'father',
      'mother',
      'guardian',
      'other',
      'other',
    ]);
  });
  it('classifies diagnoses and intelligence tests as medical-psychological', () => {
    expect(
      attachmentClassification({
        source: 'diagnosis',
        fileName: 'a',
        description: null,
        psychological: false,
      }),
    ).toBe('medical_psychological');
    expect(
      attachmentClassification({ source: 'test', fileName: 'a', description: null, psychological: true }),
    ).toBe('medical_psychological');
    expect(
      attachmentClassification({ source: 'test', fileName: 'a', description: null, psychological: false }),
    ).toBe('ordinary');
    expect(
      attachmentClassification({
        source: 'development_plan',
        fileName: 'a',
        description: null,
        psychological: false,
      }),
    ).toBe('ordinary');
    expect(isIntelligenceTest('IQ', [])).toBe(true);
    expect(isIntelligenceTest(null, ['AE', 'IQ'])).toBe(true);
    expect(isIntelligenceTest('rekenen', ['AE'])).toBe(false);
  });
});

describe('what an import adds', () => {
  const dossier: OsoDossier = {
    version: '2019.1',
    kind: 'swv-dossier',
    transfer: 'POSWV',
    exportedOn: '2016-01-02',
    packageName: null,
    sendingSchool: { locationCode: '00YY00', name: null },
    pupil,
    contacts: [
      {
        ...pupil,
        givenName: 'Pieter',
        relationCode: '1',
        legalRepresentative: true,
        deceased: false,
      },
    ],
    career: [
      {
        schoolYear: '2015-2016',
        groupCode: '8',
        groupName: 'groep 8',
        yearGroup: '8',
        startedOn: '2015-08-01',
        endedOn: null,
        locationCode: '00YY00',
        schoolKind: null,
        schoolType: null,
      },
    ],
    results: [],
    support: [
      { kind: 'tlv', startedOn: '2016-04-04', endedOn: null, summary: 'L', details: {}, medical: false },
      { kind: 'tlv', startedOn: '2016-04-04', endedOn: null, summary: 'L', details: {}, medical: false },
    ],
  };

  it('keys every entry by what the dossier identifies it with, once', () => {
    const entries = entriesOf(dossier);
    expect(entries.map((entry) => entry.kind)).toEqual(['contact', 'contact', 'career', 'support']);
    expect(entries[0]!.key).toBe('pupil');
    expect(entries[1]!.key).toBe('contact|1|pieter|van de|berg');
  });

  it('adds what is new, changes what differs and leaves the rest: twice adds nothing', () => {
    const entries = entriesOf(dossier);
    const first = compareEntries(entries, new Map());
    expect(first.added).toHaveLength(4);
    const known = new Map(entries.map((entry) => [`${entry.kind}:${entry.key}`, stableJson(entry.data)]));
    expect(compareEntries(entries, known)).toEqual({ added: [], changed: [], unchanged: 4 });
    const moved = entriesOf({ ...dossier, contacts: [{ ...dossier.contacts[0]!, addresses: [] }] });
    expect(compareEntries(moved, known).changed.map((entry) => entry.key)).toEqual([
      'contact|1|pieter|van de|berg',
    ]);
  });

  it('compares JSON whatever the order of its keys', () => {
    expect(stableJson({ b: 1, a: [{ d: 2, c: null }] })).toBe(stableJson({ a: [{ c: null, d: 2 }], b: 1 }));
  });
});
