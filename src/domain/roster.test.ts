import { describe, expect, it } from 'vitest';
import { type KnownPupil, type RosterPupil, rosterChanges, teacherMatches } from './roster.ts';

const today = '2026-12-03';
const inFile = (key: string, over: Partial<RosterPupil> = {}): RosterPupil => ({
  key,
  eckId: null,
  givenName: 'Sanne',
  familyNamePrefix: 'de',
  familyName: 'Vries',
  birthDate: '2016-04-01',
  groupName: '5A',
  leftOn: null,
  ...over,
});
const held = (id: string, over: Partial<KnownPupil> = {}): KnownPupil => ({
  id,
  schoolKey: null,
  eckId: null,
  givenName: 'Sanne',
  familyNamePrefix: 'de',
  familyName: 'Vries',
  birthDate: '2016-04-01',
  groupName: '5A',
  leftOn: null,
  ...over,
});

describe('rosterChanges', () => {
  it('adds every pupil of a first import', () => {
    const changes = rosterChanges([], [inFile('1'), inFile('2', { givenName: 'Daan' })], today);
    expect(changes.added.map((p) => [p.schoolKey, p.givenName])).toEqual([
      ['1', 'Sanne'],
      ['2', 'Daan'],
    ]);
    expect(changes.changed).toEqual([]);
  });

  it('changes nothing when the same file comes again', () => {
    const file = [inFile('1', { eckId: 'https://id.school/LL_1' })];
    const known = rosterChanges([], file, today).added.map((values, i) => ({ id: `s${i}`, ...values }));
    const again = rosterChanges(known, file, today);
    expect(again).toEqual({ added: [], changed: [], left: [], notInFile: [], unchanged: 1, skipped: [] });
  });

  it('matches on the key, then on the ECK iD, and names the fields that changed', () => {
    const known = [held('a', { schoolKey: '1' }), held('b', { schoolKey: 'old', eckId: 'E2' })];
    const changes = rosterChanges(
      known,
      [inFile('1', { groupName: '6A' }), inFile('new', { eckId: 'E2' })],
      today,
    );
    expect(changes.changed.map((c) => [c.id, c.fields])).toEqual([
      ['a', ['groupName']],
      ['b', ['schoolKey']],
    ]);
    expect(changes.added).toEqual([]);
  });

  it('links a child typed in by hand on name and birth date, only when one child fits', () => {
    const one = rosterChanges([held('a')], [inFile('7')], today);
    expect(one.changed.map((c) => [c.id, c.fields])).toEqual([['a', ['schoolKey']]]);
    const twins = rosterChanges([held('a'), held('b')], [inFile('7')], today);
    expect(twins.added).toHaveLength(1);
    expect(twins.notInFile.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('marks a pupil of the school system missing from the file as left today, once', () => {
    const changes = rosterChanges(
      [held('a', { schoolKey: '1' }), held('b', { schoolKey: '2' })],
      [inFile('1')],
      today,
    );
    expect(changes.left).toEqual([expect.objectContaining({ id: 'b', leftOn: today })]);
    const after = rosterChanges(
      [held('a', { schoolKey: '1' }), held('b', { schoolKey: '2', leftOn: today })],
      [inFile('1')],
      today,
    );
    expect(after.left).toEqual([]);
    expect(after.unchanged).toBe(1);
  });

  it('takes the leaving date the file gives', () => {
    const changes = rosterChanges(
      [held('a', { schoolKey: '1' })],
      [inFile('1', { leftOn: '2026-11-30' })],
      today,
    );
    expect(changes.changed[0]).toMatchObject({ fields: ['leftOn'], after: { leftOn: '2026-11-30' } });
  });

  it('skips pupils that cannot make a file, and a key given twice', () => {
    const changes = rosterChanges(
      [],
      [
        inFile('1', { familyName: null }),
        inFile('2', { givenName: null }),
        inFile('3', { birthDate: null }),
        inFile('4'),
        inFile('4', { givenName: 'Daan' }),
        inFile('5', { leftOn: '2025-07-18' }),
      ],
      today,
    );
    expect(changes.skipped).toEqual([
      { key: '1', reason: 'no_family_name' },
      { key: '2', reason: 'no_given_name' },
      { key: '3', reason: 'no_birth_date' },
      { key: '4', reason: 'duplicate_key' },
      { key: '5', reason: 'already_left' },
    ]);
    expect(changes.added.map((p) => p.schoolKey)).toEqual(['4']);
  });

  it('keeps the ECK iD Passend has when an older file sends none', () => {
    const changes = rosterChanges([held('a', { schoolKey: '1', eckId: 'E1' })], [inFile('1')], today);
    expect(changes.unchanged).toBe(1);
  });
});

describe('teacherMatches', () => {
  const accounts = [
    { email: 'j.devries@school.example', displayName: 'Juf Jolien', groupNames: ['Groep 4b', '5A'] },
    { email: 'm.bakker@school.example', displayName: 'Meester Mo', groupNames: ['6'] },
  ];

  it('matches by e-mail whatever its case, and groups whatever their order and case', () => {
    const matches = teacherMatches(
      [
        {
          key: 'l1',
          name: 'Jolien de Vries',
          email: 'J.deVries@School.example',
          groupNames: ['5a', 'groep 4B'],
        },
        { key: 'l2', name: 'Mo Bakker', email: 'm.bakker@school.example', groupNames: ['7', '6'] },
      ],
      accounts,
    );
    expect(matches).toEqual({
      sameGroups: 1,
      differentGroups: [
        { name: 'Mo Bakker', email: 'm.bakker@school.example', fileGroups: ['6', '7'], passendGroups: ['6'] },
      ],
      withoutAccount: [],
    });
  });

  it('names the teachers without an account, also those the file gives no e-mail', () => {
    const matches = teacherMatches(
      [
        { key: 'l3', name: 'Sanne Smit', email: 's.smit@school.example', groupNames: ['1'] },
        { key: 'l4', name: 'Piet Post', email: null, groupNames: [] },
      ],
      accounts,
    );
    expect(matches.withoutAccount).toEqual([
      { name: 'Sanne Smit', email: 's.smit@school.example' },
      { name: 'Piet Post', email: null },
    ]);
    expect(matches.sameGroups).toBe(0);
  });
});
