import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { lookup } from './lookup.ts';
import { type MessageKey, nl } from './nl.ts';
import { secondaryEn } from './secondary.en.ts';
import { secondaryNl } from './secondary.ts';

const dutch = { messages: nl, secondary: secondaryNl };
const english = { messages: en, secondary: secondaryEn };

describe('the words of the sector', () => {
  it('says intern begeleider, leerkracht and groep in PO, zorgcoördinator, mentor and klas in VO', () => {
    expect(lookup(dutch, 'PO', 'role.school_ib')).toBe('Intern begeleider');
    expect(lookup(dutch, 'VO', 'role.school_ib')).toBe('Zorgcoördinator');
    expect(lookup(dutch, 'PO', 'role.teacher')).toBe('Leerkracht');
    expect(lookup(dutch, 'VO', 'role.teacher')).toBe('Mentor');
    expect(lookup(dutch, 'VO', 'home.groups.title', { school: 'Het Amadeus Lyceum' })).toBe(
      'Uw klassen op Het Amadeus Lyceum',
    );
    expect(lookup(english, 'VO', 'student.list.group')).toBe('Class');
    expect(lookup(english, 'PO', 'student.list.group')).toBe('Group');
  });

  it('speaks as in PO without an SWV (the operator), and where VO has no words of its own', () => {
    expect(lookup(dutch, null, 'role.school_ib')).toBe('Intern begeleider');
    expect(lookup(dutch, 'VO', 'supportLevel.4')).toBe(lookup(dutch, 'PO', 'supportLevel.4'));
  });

  it('fills in the named values, and leaves a value it was not given visible', () => {
    expect(lookup(dutch, 'PO', 'home.groups.intro', { groups: '5A, 5B' })).toBe(
      'Leerlingen van groep 5A, 5B met ondersteuningsniveau 2 of hoger.',
    );
    expect(lookup(dutch, 'VO', 'home.groups.intro')).toBe(
      'Leerlingen van klas {groups} met ondersteuningsniveau 2 of hoger.',
    );
  });

  it('has a VO wording for every Dutch message that names a primary-school word', () => {
    const primaryWords = /\b(groep|groepen|leerkracht|leerkrachten|leraar|intern begeleider)\b/i;
    const missed = (Object.keys(nl) as MessageKey[]).filter(
      (key) => primaryWords.test(nl[key]) && !(key in secondaryNl),
    );
    expect(missed).toEqual([]);
  });

  it('says something else in VO for every key it words differently, with the same named values', () => {
    for (const [key, text] of Object.entries(secondaryNl) as [MessageKey, string][]) {
      expect(text, key).not.toBe(nl[key]);
      const names = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(names(text), key).toEqual(names(nl[key]));
      expect(names(secondaryEn[key as keyof typeof secondaryEn]), key).toEqual(names(en[key]));
    }
  });
});

describe('the support levels', () => {
  it('have one name each, the same in Dutch and English for every level', () => {
    const names = [1, 2, 3, 4].map((level) => nl[`supportLevel.${level}` as MessageKey]);
    expect(new Set(names).size).toBe(4);
    expect(names[3]).toContain('extra ondersteuning');
    // No second set of level names elsewhere in the messages.
    const otherNames = Object.entries(nl).filter(
      ([key, text]) => !key.startsWith('supportLevel.') && /^Niveau [1-4] —/.test(text),
    );
    expect(otherNames).toEqual([]);
  });
});
