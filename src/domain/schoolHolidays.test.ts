import { describe, expect, it } from 'vitest';
import {
  isSchoolYear,
  maxSchoolHolidays,
  type SchoolHolidayInput,
  schoolHolidaysRefusal,
} from './schoolHolidays.ts';

// Regio Midden 2026-2027, as the government publishes them (see src/server/db/demo/schoolHolidays.ts).
const midden: SchoolHolidayInput[] = [
  { name: 'Herfstvakantie', firstDay: '2026-10-17', lastDay: '2026-10-25' },
  { name: 'Kerstvakantie', firstDay: '2026-12-19', lastDay: '2027-01-03' },
  { name: 'Voorjaarsvakantie', firstDay: '2027-02-20', lastDay: '2027-02-28' },
  { name: 'Meivakantie', firstDay: '2027-04-24', lastDay: '2027-05-02' },
  { name: 'Zomervakantie', firstDay: '2027-07-17', lastDay: '2027-08-29' },
];

describe('the school year', () => {
  it('is two calendar years, the second after the first', () => {
    expect(isSchoolYear('2026-2027')).toBe(true);
    for (const bad of ['2026-2026', '2026-2028', '2027-2026', '2026/2027', '26-27', '2026-2027 ']) {
      expect(isSchoolYear(bad), bad).toBe(false);
    }
  });
});

describe('a school year’s holidays', () => {
  it('take the five holidays of a region, the summer running past 31 July, and none at all', () => {
    expect(schoolHolidaysRefusal('2026-2027', midden)).toBeNull();
    expect(schoolHolidaysRefusal('2026-2027', [])).toBeNull();
    // One day, on the first and on the last day of the school year.
    expect(
      schoolHolidaysRefusal('2026-2027', [
        { name: 'Studiedag', firstDay: '2026-08-01', lastDay: '2026-08-01' },
        { name: 'Laatste dag', firstDay: '2027-07-31', lastDay: '2027-07-31' },
      ]),
    ).toBeNull();
  });

  it('refuses a holiday that starts outside the school year, naming it', () => {
    for (const firstDay of ['2026-07-31', '2027-08-01', '2025-10-17']) {
      const refusal = schoolHolidaysRefusal('2026-2027', [
        ...midden,
        { name: 'Te vroeg of te laat', firstDay, lastDay: firstDay },
      ]);
      expect(refusal, firstDay).toMatchObject({
        rule: 'holiday_outside_school_year',
        details: { index: 5, field: 'firstDay', firstDay: '2026-08-01', lastDay: '2027-07-31' },
      });
    }
  });

  it('refuses a holiday that ends before it starts, or lasts longer than ten weeks', () => {
    expect(
      schoolHolidaysRefusal('2026-2027', [
        { name: 'Omgedraaid', firstDay: '2026-10-25', lastDay: '2026-10-17' },
      ]),
    ).toMatchObject({ rule: 'holiday_ends_before_start', details: { index: 0, field: 'lastDay' } });
    expect(
      schoolHolidaysRefusal('2026-2027', [
        { name: 'Tien weken', firstDay: '2027-07-01', lastDay: '2027-09-08' },
      ]),
    ).toBeNull();
    expect(
      schoolHolidaysRefusal('2026-2027', [
        { name: 'Te lang', firstDay: '2027-07-01', lastDay: '2027-09-09' },
      ]),
    ).toMatchObject({ rule: 'holiday_too_long', details: { index: 0, max: 70 } });
  });

  it('refuses two holidays that share a day, in any order, and names the later one in the list', () => {
    const touching = [
      { name: 'Kerstvakantie', firstDay: '2026-12-19', lastDay: '2027-01-03' },
      { name: 'Extra', firstDay: '2027-01-04', lastDay: '2027-01-04' },
    ];
    expect(schoolHolidaysRefusal('2026-2027', touching)).toBeNull();
    const sharing = [{ name: 'Extra', firstDay: '2027-01-03', lastDay: '2027-01-05' }, ...midden];
    expect(schoolHolidaysRefusal('2026-2027', sharing)).toMatchObject({
      rule: 'holidays_overlap',
      details: { index: 2, otherIndex: 0 },
    });
    const inside = [...midden, { name: 'Binnen de zomer', firstDay: '2027-07-20', lastDay: '2027-07-21' }];
    expect(schoolHolidaysRefusal('2026-2027', inside)).toMatchObject({
      rule: 'holidays_overlap',
      details: { index: 5, otherIndex: 4 },
    });
  });

  it(`refuses more than ${maxSchoolHolidays} holidays`, () => {
    const days = (count: number) =>
      Array.from({ length: count }, (_, i) => {
        const day = `2026-09-${String(i + 1).padStart(2, '0')}`;
        return { name: `Dag ${i + 1}`, firstDay: day, lastDay: day };
      });
    expect(schoolHolidaysRefusal('2026-2027', days(maxSchoolHolidays))).toBeNull();
    expect(schoolHolidaysRefusal('2026-2027', days(maxSchoolHolidays + 1))).toMatchObject({
      rule: 'too_many_holidays',
    });
  });
});
