// Working days and the deadline of a request (docs/domain.md, "The two-week clock"). Dates are
// calendar dates as YYYY-MM-DD strings; the arithmetic runs on UTC midnights, so no time zone or
// daylight-saving change can move a day.

/** A closed period of calendar dates, e.g. a school holiday of the SWV's region. */
export type DatePeriod = { readonly from: string; readonly to: string };

/** What besides weekends and legal holidays is no working day: the SWV's school holidays, if it says so. */
export type WorkingCalendar = { readonly schoolHolidays: readonly DatePeriod[] };

export const legalHolidaysOnly: WorkingCalendar = { schoolHolidays: [] };

const dayMs = 24 * 60 * 60 * 1000;

function toDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return day;
}

function fromDay(day: number): string {
  return new Date(day).toISOString().slice(0, 10);
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromDay(Date.UTC(year, month - 1, day));
}

/**
 * The holidays of the Algemene termijnenwet (art. 3) in a year: New Year's Day, Easter Monday,
 * King's Day (27 April, or 26 April when the 27th is a Sunday), 5 May, Ascension Day, Whit Monday,
 * Christmas Day and Boxing Day. A holiday on a weekend gives no day off in its place.
 */
export function legalHolidays(year: number): string[] {
  const easter = toDay(easterSunday(year));
  const kingsDay = Date.UTC(year, 3, 27);
  const pad = (month: number, day: number) => fromDay(Date.UTC(year, month - 1, day));
  return [
    pad(1, 1),
    fromDay(easter + 1 * dayMs),
    fromDay(new Date(kingsDay).getUTCDay() === 0 ? kingsDay - dayMs : kingsDay),
    pad(5, 5),
    fromDay(easter + 39 * dayMs),
    fromDay(easter + 50 * dayMs),
    pad(12, 25),
    pad(12, 26),
  ].sort();
}

const holidaysByYear = new Map<number, ReadonlySet<string>>();

function isLegalHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = new Set(legalHolidays(year));
    holidaysByYear.set(year, holidays);
  }
  return holidays.has(date);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const weekday = new Date(toDay(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (isLegalHoliday(date)) return false;
  return !calendar.schoolHolidays.some((period) => period.from <= date && date <= period.to);
}

/**
 * The date on which `days` working days have passed after `start` (the start itself not counted):
 * a request complete on a Monday with 10 days is due on the Monday two weeks later, holidays apart.
 * Zero days: the start itself.
 */
export function addWorkingDays(start: string, days: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`not a number of days: ${days}`);
  let day = toDay(start);
  for (let left = days; left > 0; ) {
    day += dayMs;
    if (isWorkingDay(fromDay(day), calendar)) left -= 1;
  }
  return fromDay(day);
}

/**
 * Working days from `today` to `deadline`: the days still to work after today up to and including
 * the deadline (0 on the deadline itself), or, once it has passed, minus the working days since.
 */
export function workingDaysLeft(today: string, deadline: string, calendar: WorkingCalendar): number {
  const [from, to, sign] = today <= deadline ? [today, deadline, 1] : [deadline, today, -1];
  let count = 0;
  for (let day = toDay(from) + dayMs; day <= toDay(to); day += dayMs) {
    if (isWorkingDay(fromDay(day), calendar)) count += 1;
  }
  return sign * count;
}
