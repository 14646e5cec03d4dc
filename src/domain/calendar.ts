// Calendar dates in Europe/Amsterdam as YYYY-MM-DD strings (never a JS Date at local midnight).

const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Amsterdam at instant `now`. */
export function amsterdamToday(now: Date): string {
  return amsterdamDate.format(now);
}

/** The school year a date falls in, "2026-2027": from 1 August to 31 July. */
export function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const first = date.slice(5) >= '08-01' ? year : year - 1;
  return `${first}-${first + 1}`;
}

/** The first and last day of a school year "2026-2027". */
export function schoolYearBounds(schoolYear: string): { from: string; to: string } {
  const first = Number(schoolYear.slice(0, 4));
  return { from: `${first}-08-01`, to: `${first + 1}-07-31` };
}

/** A date plus a number of calendar days (YYYY-MM-DD, in UTC so no daylight saving shifts it). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
