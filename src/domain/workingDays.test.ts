import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  easterSunday,
  isWorkingDay,
  legalHolidays,
  legalHolidaysOnly,
  type WorkingCalendar,
  workingDaysLeft,
} from './workingDays.ts';

const legal = legalHolidaysOnly;

describe('Easter Sunday', () => {
  it('falls on the dates the church calendars give, across centuries and at both extremes', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22',
      1943: '1943-04-25',
      2016: '2016-03-27',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) expect(easterSunday(Number(year))).toBe(date);
  });
});

describe('the legal holidays (Algemene termijnenwet)', () => {
  it('are the eight days of the law in 2026', () => {
    expect(legalHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-04-27', // King's Day, a Monday
      '2026-05-05',
      '2026-05-14', // Ascension Day
      '2026-05-25', // Whit Monday
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('move King’s Day to 26 April when the 27th is a Sunday, and leave it on a Saturday', () => {
    expect(legalHolidays(2025)).toContain('2025-04-26');
    expect(legalHolidays(2025)).not.toContain('2025-04-27');
    expect(legalHolidays(2024)).toContain('2024-04-27');
    expect(legalHolidays(2031)).toContain('2031-04-26');
    expect(legalHolidays(2031)).not.toContain('2031-04-27');
  });

  it('put Ascension Day on 5 May or next to it in some years, and Easter Monday next to King’s Day', () => {
    expect(legalHolidays(2027)).toEqual(expect.arrayContaining(['2027-05-05', '2027-05-06']));
    expect(legalHolidays(2035)).toEqual(expect.arrayContaining(['2035-05-03', '2035-05-05']));
    expect(legalHolidays(2038)).toEqual(expect.arrayContaining(['2038-04-26', '2038-04-27']));
  });
});

describe('the deadline: N working days after the day a request became complete', () => {
  const cases: [string, string, number, string][] = [
    ['two plain weeks, Monday to Monday', '2026-11-02', 10, '2026-11-16'],
    ['a Friday start counts from Monday', '2026-11-06', 10, '2026-11-20'],
    ['a crisis day from a Friday is the Monday', '2026-11-06', 1, '2026-11-09'],
    ['a weekend start', '2026-11-07', 1, '2026-11-09'],
    ['no days: the day itself', '2026-11-04', 0, '2026-11-04'],
    ['King’s Day on a Monday and 5 May both skipped', '2026-04-20', 10, '2026-05-06'],
    ['King’s Day on a Saturday gives no Monday off', '2024-04-22', 5, '2024-04-29'],
    ['King’s Day on a Saturday in 2030, after Easter Monday', '2030-04-19', 2, '2030-04-24'],
    ['King’s Day on Saturday 26 April when the 27th is a Sunday', '2031-04-25', 1, '2031-04-28'],
    ['King’s Day on a Monday (2026)', '2026-04-24', 1, '2026-04-28'],
    ['Easter Monday and King’s Day back to back (2038)', '2038-04-23', 1, '2038-04-28'],
    ['Christmas on a Friday, Boxing Day on the Saturday', '2026-12-21', 5, '2026-12-29'],
    ['Christmas on a weekend gives no day off', '2027-12-20', 5, '2027-12-27'],
    ['Christmas on a Sunday, Boxing Day on the Monday', '2033-12-23', 1, '2033-12-27'],
    ['across the year boundary and New Year’s Day', '2026-12-22', 10, '2027-01-07'],
    ['New Year’s Day on a Saturday gives no day off', '2027-12-31', 1, '2028-01-03'],
    ['from the last working day of a year', '2026-12-31', 1, '2027-01-04'],
    ['Ascension Day the day after 5 May', '2027-05-03', 3, '2027-05-10'],
    ['Ascension Day on 5 May counts once', '2016-05-02', 3, '2016-05-06'],
    ['Ascension Day two days before 5 May (2035)', '2035-05-02', 1, '2035-05-04'],
    ['Ascension Day on 3 May and 5 May on a Saturday (2035)', '2035-04-30', 4, '2035-05-07'],
    ['Easter Monday and Whit Monday', '2026-04-03', 1, '2026-04-07'],
    ['Whit Monday', '2026-05-22', 1, '2026-05-26'],
  ];
  for (const [name, start, days, deadline] of cases) {
    it(`${name}: ${start} + ${days} → ${deadline}`, () => {
      expect(addWorkingDays(start, days, legal)).toBe(deadline);
    });
  }

  it('skips the school holidays of the SWV’s region when it says so', () => {
    const christmasBreak: WorkingCalendar = { schoolHolidays: [{ from: '2026-12-19', to: '2027-01-03' }] };
    expect(addWorkingDays('2026-12-17', 10, christmasBreak)).toBe('2027-01-14');
    expect(addWorkingDays('2026-12-17', 10, legal)).toBe('2027-01-04');
    const springBreakSouth: WorkingCalendar = { schoolHolidays: [{ from: '2027-02-13', to: '2027-02-21' }] };
    expect(addWorkingDays('2027-02-12', 1, springBreakSouth)).toBe('2027-02-22');
    expect(isWorkingDay('2027-02-15', springBreakSouth)).toBe(false);
    expect(isWorkingDay('2027-02-15', legal)).toBe(true);
  });

  it('gives each region its own deadline in the autumn holiday, and the same at Christmas', () => {
    // Rijksoverheid, schoolvakanties 2027-2028: herfst noord and midden 16–24 October, zuid 23–31
    // October; kerst 25 December 2027 to 9 January 2028 everywhere.
    const christmas = { from: '2027-12-25', to: '2028-01-09' };
    const north: WorkingCalendar = { schoolHolidays: [{ from: '2027-10-16', to: '2027-10-24' }, christmas] };
    const south: WorkingCalendar = { schoolHolidays: [{ from: '2027-10-23', to: '2027-10-31' }, christmas] };
    expect(addWorkingDays('2027-10-15', 10, north)).toBe('2027-11-05');
    expect(addWorkingDays('2027-10-15', 10, south)).toBe('2027-11-05');
    expect(addWorkingDays('2027-10-15', 5, north)).toBe('2027-10-29');
    expect(addWorkingDays('2027-10-15', 5, south)).toBe('2027-10-22');
    expect(addWorkingDays('2027-10-15', 5, legal)).toBe('2027-10-22');
    // A request complete on the last school day before Christmas: due in the new year, after the break.
    expect(addWorkingDays('2027-12-24', 1, north)).toBe('2028-01-10');
    expect(addWorkingDays('2027-12-24', 1, legal)).toBe('2027-12-27');
    expect(workingDaysLeft('2027-12-24', '2028-01-10', south)).toBe(1);
  });

  it('refuses what is no date or no number of days', () => {
    for (const date of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '']) {
      expect(() => addWorkingDays(date, 1, legal), date).toThrow(RangeError);
    }
    for (const days of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingDays('2026-11-02', days, legal), String(days)).toThrow(RangeError);
    }
  });

  it('agrees with the days left, for every start day of three years and up to 15 days', () => {
    const region: WorkingCalendar = { schoolHolidays: [{ from: '2027-07-10', to: '2027-08-22' }] };
    // 33,000 cases: the disagreements are collected and compared once, not one expect() each.
    const disagreements: string[] = [];
    for (const calendar of [legal, region]) {
      for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2029, 0, 1); day += 24 * 60 * 60 * 1000) {
        const start = new Date(day).toISOString().slice(0, 10);
        for (let days = 1; days <= 15; days += 1) {
          const deadline = addWorkingDays(start, days, calendar);
          const left = workingDaysLeft(start, deadline, calendar);
          if (!isWorkingDay(deadline, calendar) || left !== days)
            disagreements.push(`${start} + ${days} → ${deadline} (${left} left)`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('working days left', () => {
  it('counts down to 0 on the deadline and below 0 once it has passed', () => {
    expect(workingDaysLeft('2026-11-02', '2026-11-16', legal)).toBe(10);
    expect(workingDaysLeft('2026-11-13', '2026-11-16', legal)).toBe(1);
    expect(workingDaysLeft('2026-11-14', '2026-11-16', legal)).toBe(1);
    expect(workingDaysLeft('2026-11-16', '2026-11-16', legal)).toBe(0);
    expect(workingDaysLeft('2026-11-17', '2026-11-16', legal)).toBe(-1);
    expect(workingDaysLeft('2026-11-21', '2026-11-16', legal)).toBe(-4);
  });
});
