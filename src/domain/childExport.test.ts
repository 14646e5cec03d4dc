import { describe, expect, it } from 'vitest';
import {
  dutchFieldLabel,
  exportFileName,
  exportSections,
  exportSectionTitles,
  exportValueText,
  fieldLabel,
} from './childExport.ts';

describe('the export’s file name', () => {
  it('names the child and the Amsterdam day, in ASCII for old browsers and as written for the rest', () => {
    const name = exportFileName(
      { givenName: 'Łukasz', familyNamePrefix: 'van der', familyName: 'Şahin' },
      new Date('2026-12-02T23:30:00Z'),
      'pdf',
    );
    // 23:30 UTC on 2 December is already 3 December in Amsterdam.
    expect(name.utf8).toBe('inzage-Łukasz-van-der-Şahin-2026-12-03.pdf');
    expect(name.ascii).toBe('inzage-_ukasz-van-der-Sahin-2026-12-03.pdf');
  });

  it('keeps slashes and quotes out of the name', () => {
    const name = exportFileName(
      { givenName: 'A/B', familyNamePrefix: '', familyName: 'C"D' },
      new Date(0),
      'json',
    );
    expect(name.utf8).toBe('inzage-A-B-C-D-1970-01-01.json');
    expect(name.ascii).not.toMatch(/["/\\]/);
  });
});

describe('a value of the export on paper', () => {
  it('shows an instant in Amsterdam time and a calendar date as written', () => {
    expect(exportValueText('2026-07-01T22:15:00.000Z')).toBe('2026-07-02 00:15');
    expect(exportValueText('2026-12-01')).toBe('2026-12-01');
  });

  it('reads empties, booleans, lists and objects', () => {
    expect(exportValueText(null)).toBe('—');
    expect(exportValueText('')).toBe('—');
    expect(exportValueText(true)).toBe('ja');
    expect(exportValueText(false)).toBe('nee');
    expect(exportValueText(['5A', '5B'])).toBe('5A, 5B');
    expect(exportValueText([])).toBe('—');
    expect(exportValueText([{ name: 'Ineke' }])).toBe('[{"name":"Ineke"}]');
  });

  it('names a field in Dutch where it knows it, and spells the rest out', () => {
    expect(dutchFieldLabel('givenName')).toBe('voornaam');
    expect(dutchFieldLabel('evaluatedByUserId')).toBe('evaluated by');
    expect(dutchFieldLabel('programmeDeviations')).toBe('programme deviations');
  });

  it('spells a field name out', () => {
    expect(fieldLabel('evaluationDueOn')).toBe('evaluation due on');
    expect(fieldLabel('state')).toBe('state');
  });
});

describe('the sections', () => {
  it('have a Dutch and an English title each, and end with the access log', () => {
    for (const section of exportSections) {
      expect(exportSectionTitles[section].nl).not.toBe('');
      expect(exportSectionTitles[section].en).not.toBe('');
    }
    expect(exportSections.at(-1)).toBe('accessLog');
    expect(exportSections[0]).toBe('student');
  });
});
