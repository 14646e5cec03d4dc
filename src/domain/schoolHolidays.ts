// The school holidays an SWV enters per school year (docs/domain.md, "The two-week clock"): when
// the SWV says so, the decision clock skips them. A school year runs from 1 August to 31 July and
// is named by its two calendar years, "2026-2027". The administrator replaces a year's list whole.
import { schoolYearBounds } from './calendar.ts';
import { type Refusal, refuse } from './refusal.ts';

/** More is a typing error: a year has five holidays per region, and a few days off besides. */
export const maxSchoolHolidays = 20;

/**
 * The longest holiday in days: the summer holiday is six weeks and may run past 31 July into the
 * next school year (regio Zuid 2027: 24 July to 5 September); longer is a typing error.
 */
export const maxSchoolHolidayDays = 70;

export const schoolHolidayRules = [
  'holiday_outside_school_year',
  'holiday_ends_before_start',
  'holiday_too_long',
  'holidays_overlap',
  'too_many_holidays',
] as const;
export type SchoolHolidayRule = (typeof schoolHolidayRules)[number];

export type SchoolHolidayInput = {
  readonly name: string;
  readonly firstDay: string;
  readonly lastDay: string;
};

const schoolYearPattern = /^(\d{4})-(\d{4})$/;

/** "2026-2027": two years, the second the one after the first. */
export function isSchoolYear(value: string): boolean {
  const match = schoolYearPattern.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

const dayMs = 24 * 60 * 60 * 1000;
const daysFrom = (firstDay: string, lastDay: string) =>
  Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / dayMs) + 1;

/**
 * Whether a school year's holidays may be stored as given: each starts within the school year,
 * ends on or after its first day and lasts at most ten weeks; no two share a day; at most 20.
 * `index` in the details is the holiday's position in the list as given.
 */
export function schoolHolidaysRefusal(
  schoolYear: string,
  holidays: readonly SchoolHolidayInput[],
): Refusal<SchoolHolidayRule> | null {
  if (holidays.length > maxSchoolHolidays) {
    return refuse('too_many_holidays', `A school year has at most ${maxSchoolHolidays} holidays`, {
      max: maxSchoolHolidays,
    });
  }
  const bounds = schoolYearBounds(schoolYear);
  const year = { firstDay: bounds.from, lastDay: bounds.to };
  for (const [index, holiday] of holidays.entries()) {
    if (holiday.firstDay < year.firstDay || holiday.firstDay > year.lastDay) {
      return refuse(
        'holiday_outside_school_year',
        `A holiday of ${schoolYear} starts between ${year.firstDay} and ${year.lastDay}`,
        { index, field: 'firstDay', ...year },
      );
    }
    if (holiday.lastDay < holiday.firstDay) {
      return refuse('holiday_ends_before_start', 'A holiday ends on or after its first day', {
        index,
        field: 'lastDay',
      });
    }
    if (daysFrom(holiday.firstDay, holiday.lastDay) > maxSchoolHolidayDays) {
      return refuse('holiday_too_long', `A holiday lasts at most ${maxSchoolHolidayDays} days`, {
        index,
        field: 'lastDay',
        max: maxSchoolHolidayDays,
      });
    }
  }
  const byStart = [...holidays.entries()].sort(([, a], [, b]) => a.firstDay.localeCompare(b.firstDay));
  for (let at = 1; at < byStart.length; at++) {
    const [earlierIndex, earlier] = byStart[at - 1]!;
    const [index, holiday] = byStart[at]!;
    if (holiday.firstDay <= earlier.lastDay) {
      return refuse('holidays_overlap', 'Two holidays share a day', {
        index: Math.max(index, earlierIndex),
        otherIndex: Math.min(index, earlierIndex),
        field: 'firstDay',
      });
    }
  }
  return null;
}
