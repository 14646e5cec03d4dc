import { describe, expect, it } from 'vitest';
import {
  daysPerPage,
  groupAccessLog,
  isFoldableRead,
  type LoggedAccess,
  pageOfDays,
  rowsPerPage,
} from './accessLogView.ts';

const ib = { actorUserId: 'ib-1', actorRole: 'school_ib', actorOrganisation: 'school:s1' };
const partner = { actorUserId: 'p-1', actorRole: 'partner', actorOrganisation: 'partner:o1' };

let seq = 0;
/** A row at an instant (UTC), an allowed read of the child's data unless said otherwise. */
function row(at: string, overrides: Partial<LoggedAccess> = {}): LoggedAccess {
  seq += 1;
  return {
    seq,
    at: new Date(at),
    ...ib,
    action: 'read',
    outcome: 'allowed',
    objectType: 'student',
    part: null,
    breakGlass: false,
    ...overrides,
  };
}

describe('which rows fold together', () => {
  it('folds only allowed, ordinary reads', () => {
    expect(isFoldableRead(row('2026-11-23T09:00:00Z'))).toBe(true);
    expect(isFoldableRead(row('2026-11-23T09:00:00Z', { outcome: 'denied' }))).toBe(false);
    expect(isFoldableRead(row('2026-11-23T09:00:00Z', { breakGlass: true }))).toBe(false);
    for (const action of ['create', 'update', 'delete', 'export', 'print', 'search']) {
      expect(isFoldableRead(row('2026-11-23T09:00:00Z', { action })), action).toBe(false);
    }
  });
});

describe('grouping the access log into lines', () => {
  it("folds one person's reads of a day into one line with a count, a time range and what was read", () => {
    const rows = [
      row('2026-11-23T08:12:00Z'),
      row('2026-11-23T08:13:00Z', { objectType: 'plan', part: 'goals' }),
      row('2026-11-23T08:14:00Z'),
      row('2026-11-23T08:47:30Z', { objectType: 'document_list' }),
      row('2026-11-23T08:50:00Z', { objectType: 'plan' }),
    ];
    expect(groupAccessLog(rows)).toEqual([
      {
        day: '2026-11-23',
        firstAt: new Date('2026-11-23T08:12:00Z'),
        lastAt: new Date('2026-11-23T08:50:00Z'),
        count: 5,
        ...ib,
        action: 'read',
        outcome: 'allowed',
        breakGlass: false,
        objects: [
          { objectType: 'student', part: null, count: 2 },
          { objectType: 'plan', part: null, count: 2 },
          { objectType: 'document_list', part: null, count: 1 },
        ],
      },
    ]);
  });

  it('keeps changes, downloads, prints and refusals as lines of their own, newest first', () => {
    const rows = [
      row('2026-11-23T08:00:00Z'),
      row('2026-11-23T08:01:00Z', { action: 'update', part: 'groupName' }),
      row('2026-11-23T08:02:00Z', { action: 'export', objectType: 'document' }),
      row('2026-11-23T08:03:00Z', { action: 'print', objectType: 'plan' }),
      row('2026-11-23T08:04:00Z', { ...partner, outcome: 'denied' }),
      row('2026-11-23T08:05:00Z', { ...partner, outcome: 'denied' }),
      row('2026-11-23T08:06:00Z'),
    ];
    const lines = groupAccessLog(rows);
    expect(lines.map((line) => [line.actorRole, line.action, line.outcome, line.count])).toEqual([
      ['school_ib', 'read', 'allowed', 2],
      ['partner', 'read', 'denied', 1],
      ['partner', 'read', 'denied', 1],
      ['school_ib', 'print', 'allowed', 1],
      ['school_ib', 'export', 'allowed', 1],
      ['school_ib', 'update', 'allowed', 1],
    ]);
    // A change keeps what it changed.
    expect(lines.at(-1)!.objects).toEqual([{ objectType: 'student', part: 'groupName', count: 1 }]);
  });

  it('never folds break-glass reads', () => {
    const rows = [
      row('2026-11-23T08:00:00Z', { breakGlass: true }),
      row('2026-11-23T08:01:00Z', { breakGlass: true }),
    ];
    expect(groupAccessLog(rows).map((line) => [line.count, line.breakGlass])).toEqual([
      [1, true],
      [1, true],
    ]);
  });

  it('starts a new line at midnight in Amsterdam, not at midnight UTC', () => {
    // 22:59 and 23:30 UTC on 23 November are 23:59 on the 23rd and 00:30 on the 24th in Amsterdam
    // (CET, UTC+1); in summer (CEST, UTC+2) 21:30 and 22:30 UTC are 23:30 on the 22nd and 00:30 on the 23rd.
    const winter = groupAccessLog([
      row('2026-11-23T20:00:00Z'),
      row('2026-11-23T22:59:00Z'),
      row('2026-11-23T23:30:00Z'),
    ]);
    expect(winter.map((line) => [line.day, line.count])).toEqual([
      ['2026-11-24', 1],
      ['2026-11-23', 2],
    ]);
    const summer = groupAccessLog([row('2026-06-22T21:30:00Z'), row('2026-06-22T22:30:00Z')]);
    expect(summer.map((line) => [line.day, line.count])).toEqual([
      ['2026-06-23', 1],
      ['2026-06-22', 1],
    ]);
  });

  it('keeps different people, and one person in different roles or organisations, apart', () => {
    const rows = [
      row('2026-11-23T08:00:00Z'),
      row('2026-11-23T08:01:00Z', { actorUserId: 'ib-2' }),
      row('2026-11-23T08:02:00Z', { actorRole: 'teacher' }),
      row('2026-11-23T08:03:00Z', { actorOrganisation: 'school:s2' }),
      row('2026-11-23T08:04:00Z'),
      row('2026-11-23T08:05:00Z', { actorUserId: 'ib-2' }),
    ];
    expect(groupAccessLog(rows).map((line) => [line.actorUserId, line.actorRole, line.count])).toEqual([
      ['ib-2', 'school_ib', 2],
      ['ib-1', 'school_ib', 2],
      ['ib-1', 'school_ib', 1],
      ['ib-1', 'teacher', 1],
    ]);
  });

  it('orders by the log, whatever order the rows come in', () => {
    const rows = [
      row('2026-11-23T08:00:00Z'),
      row('2026-11-23T08:01:00Z', { action: 'update' }),
      row('2026-11-23T08:02:00Z', { ...partner }),
    ];
    expect(groupAccessLog([...rows].reverse())).toEqual(groupAccessLog(rows));
    expect(groupAccessLog([])).toEqual([]);
  });
});

describe('the days on a page of the view', () => {
  /** Days with rows, newest first: 30, 29, … November. */
  const daysWith = (...rows: number[]) => rows.map((count, i) => ({ day: `2026-11-${30 - i}`, rows: count }));

  it('shows up to a week of days with rows, and where the next page starts', () => {
    expect(daysPerPage).toBe(7);
    expect(pageOfDays(daysWith(3, 1, 4, 1, 5, 9, 2, 6))).toEqual({
      oldestDay: '2026-11-24',
      olderBefore: '2026-11-24',
    });
    // Seven days or fewer in all: the last page.
    expect(pageOfDays(daysWith(3, 1, 4, 1, 5, 9, 2))).toEqual({ oldestDay: '2026-11-24', olderBefore: null });
    expect(pageOfDays(daysWith(3))).toEqual({ oldestDay: '2026-11-30', olderBefore: null });
    expect(pageOfDays([])).toEqual({ oldestDay: null, olderBefore: null });
  });

  it('stops before a day that would take the page past the row limit, but always shows one day', () => {
    expect(pageOfDays(daysWith(1000, rowsPerPage - 1000, 1))).toEqual({
      oldestDay: '2026-11-29',
      olderBefore: '2026-11-29',
    });
    expect(pageOfDays(daysWith(1000, rowsPerPage - 999, 1))).toEqual({
      oldestDay: '2026-11-30',
      olderBefore: '2026-11-30',
    });
    // A day busier than the limit is shown whole, on a page of its own.
    expect(pageOfDays(daysWith(rowsPerPage * 3, 1))).toEqual({
      oldestDay: '2026-11-30',
      olderBefore: '2026-11-30',
    });
  });
});
