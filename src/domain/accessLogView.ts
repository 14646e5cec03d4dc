// How the access-log view reads (docs/SECURITY.md A3): the stored log keeps every row, but a person's repeated
// reads of one day fold into one line with a count and a time range, so a parent sees who looked
// rather than every click. Changes, downloads, prints, refusals and break-glass access always keep a
// line of their own. Pure, no I/O; fetching and paging are the service's (pages hold whole days).
import { amsterdamToday } from './calendar.ts';

/** One stored access-log row, as far as the view needs it. */
export type LoggedAccess = {
  /** The row's place in the log: later rows have higher numbers. */
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorRole: string;
  /** On whose behalf: "school:<id>", "partner:<id>", "swv:<id>", "parent" or "operator". */
  actorOrganisation: string;
  action: string;
  outcome: 'allowed' | 'denied';
  objectType: string;
  part: string | null;
  breakGlass: boolean;
};

/** What a line is about: one part of the file, and how often it was touched on that line. */
export type LineObject = { objectType: string; part: string | null; count: number };

/** One line of the view: a single row, or a person's reads of one day. */
export type AccessLine = {
  /** The calendar day in Europe/Amsterdam; a line never spans two days. */
  day: string;
  firstAt: Date;
  lastAt: Date;
  /** How many stored rows the line stands for. */
  count: number;
  actorUserId: string | null;
  actorRole: string;
  actorOrganisation: string;
  action: string;
  outcome: 'allowed' | 'denied';
  breakGlass: boolean;
  /** Grouped reads: every part read, in the order first read. A single row: its own part. */
  objects: LineObject[];
};

/**
 * Whether a row may fold into the person's reads of that day: an allowed, ordinary read. A change,
 * a download (export), a print, a search, a refusal or break-glass access is worth a line of its own.
 */
export function isFoldableRead(row: LoggedAccess): boolean {
  return row.action === 'read' && row.outcome === 'allowed' && !row.breakGlass;
}

/**
 * The same person in the same role on behalf of the same organisation on the same Amsterdam day.
 * The role and organisation are part of it: reading as a teacher and as a parent are two lines.
 */
function readsKey(row: LoggedAccess, day: string): string {
  return JSON.stringify([day, row.actorUserId, row.actorRole, row.actorOrganisation]);
}

/**
 * The lines of the view, newest first by their latest row. Rows may come in any order; a group
 * needs all of its day's rows to be complete, so callers pass whole days.
 */
export function groupAccessLog(rows: readonly LoggedAccess[]): AccessLine[] {
  const chronological = [...rows].sort((a, b) => a.seq - b.seq);
  const lines: Array<AccessLine & { lastSeq: number }> = [];
  const readsOfDay = new Map<string, AccessLine & { lastSeq: number }>();
  for (const row of chronological) {
    const day = amsterdamToday(row.at);
    const key = isFoldableRead(row) ? readsKey(row, day) : null;
    const grouped = key === null ? undefined : readsOfDay.get(key);
    if (grouped) {
      grouped.count += 1;
      grouped.lastAt = row.at;
      grouped.lastSeq = row.seq;
      const object = grouped.objects.find((o) => o.objectType === row.objectType);
      if (object) object.count += 1;
      // Reads of one kind of part fold together whatever sub-part they touched.
      else grouped.objects.push({ objectType: row.objectType, part: null, count: 1 });
      continue;
    }
    const line = {
      day,
      firstAt: row.at,
      lastAt: row.at,
      count: 1,
      actorUserId: row.actorUserId,
      actorRole: row.actorRole,
      actorOrganisation: row.actorOrganisation,
      action: row.action,
      outcome: row.outcome,
      breakGlass: row.breakGlass,
      objects: [{ objectType: row.objectType, part: key === null ? row.part : null, count: 1 }],
      lastSeq: row.seq,
    };
    lines.push(line);
    if (key !== null) readsOfDay.set(key, line);
  }
  return lines.sort((a, b) => b.lastSeq - a.lastSeq).map(({ lastSeq: _lastSeq, ...line }) => line);
}

/** A page of the view holds at most this many days with rows in them… */
export const daysPerPage = 7;
/** …and, past its first day, no more stored rows than this, so a busy week still loads quickly. */
export const rowsPerPage = 2000;

/**
 * Which days a page shows, given the days with rows, newest first (at most daysPerPage + 1 are
 * needed): whole days only, so no line is split across pages, and always at least one. `olderBefore`
 * is the oldest day shown when older days remain: the next page holds the days before it.
 */
export function pageOfDays(days: ReadonlyArray<{ day: string; rows: number }>): {
  oldestDay: string | null;
  olderBefore: string | null;
} {
  let shown = 0;
  let rows = 0;
  while (
    shown < Math.min(days.length, daysPerPage) &&
    (shown === 0 || rows + days[shown]!.rows <= rowsPerPage)
  ) {
    rows += days[shown]!.rows;
    shown += 1;
  }
  const oldestDay = shown === 0 ? null : days[shown - 1]!.day;
  return { oldestDay, olderBefore: days.length > shown ? oldestDay : null };
}
