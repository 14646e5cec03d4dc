// The staff-side view of the access log (docs/SECURITY.md A3): per day, how many children's data one
// employee opened and what they did, for the SWV's administrators — who see no children's data
// themselves, so the view counts and never names a child. Pure: no I/O.
import { addDays, amsterdamToday } from './calendar.ts';

/** One stored access-log row of the employee, as far as the view needs it. */
export type EmployeeAccessRow = {
  at: Date;
  studentId: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
};

export type EmployeeAccessDay = {
  /** The calendar day in Europe/Amsterdam. */
  day: string;
  /** Distinct children whose data they were allowed, that day. */
  children: number;
  /** Allowed reads, lists and searches included. */
  reads: number;
  /** Allowed creations, changes and deletions. */
  changes: number;
  /** Allowed downloads, exports and prints. */
  exports: number;
  /** Refusals of any kind. */
  denied: number;
  firstAt: Date;
  lastAt: Date;
};

const changeActions = new Set(['create', 'update', 'delete']);
const exportActions = new Set(['export', 'print']);

/** The employee's days, the newest first. */
export function employeeAccessDays(rows: readonly EmployeeAccessRow[]): EmployeeAccessDay[] {
  const days = new Map<string, EmployeeAccessDay & { seen: Set<string> }>();
  for (const row of rows) {
    const day = amsterdamToday(row.at);
    let entry = days.get(day);
    if (!entry) {
      entry = {
        day,
        children: 0,
        reads: 0,
        changes: 0,
        exports: 0,
        denied: 0,
        firstAt: row.at,
        lastAt: row.at,
        seen: new Set(),
      };
      days.set(day, entry);
    }
    if (row.at < entry.firstAt) entry.firstAt = row.at;
    if (row.at > entry.lastAt) entry.lastAt = row.at;
    if (row.outcome === 'denied') {
      entry.denied++;
      continue;
    }
    if (row.studentId !== null) entry.seen.add(row.studentId);
    if (changeActions.has(row.action)) entry.changes++;
    else if (exportActions.has(row.action)) entry.exports++;
    else entry.reads++;
  }
  return [...days.values()]
    .sort((a, b) => (a.day < b.day ? 1 : -1))
    .map(({ seen, ...day }) => ({ ...day, children: seen.size }));
}

/** The longest range of days one view covers. */
export const employeeAccessMaxDays = 92;

/**
 * The days a view covers: as asked, by default the two weeks up to today (a missing end is today,
 * a missing start two weeks before the end); at most `employeeAccessMaxDays`, the start not after
 * the end. Checked after the defaults, so a start alone is held to the same limit.
 */
export function employeeAccessRange(
  asked: { from?: string; to?: string },
  today: string,
): { from: string; to: string } | { problem: string; field: 'from' | 'to' } {
  const to = asked.to ?? today;
  const from = asked.from ?? addDays(to, -13);
  if (from > to) return { problem: 'from must not be after to', field: 'from' };
  if (addDays(from, employeeAccessMaxDays - 1) < to)
    return { problem: `at most ${employeeAccessMaxDays} days at a time`, field: asked.to ? 'to' : 'from' };
  return { from, to };
}
