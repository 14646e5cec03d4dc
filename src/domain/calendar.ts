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
