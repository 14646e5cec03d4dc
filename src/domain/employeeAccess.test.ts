import { describe, expect, it } from 'vitest';
import { type EmployeeAccessRow, employeeAccessDays, employeeAccessRange } from './employeeAccess.ts';

const row = (
  iso: string,
  studentId: string | null,
  action = 'read',
  outcome: 'allowed' | 'denied' = 'allowed',
) => ({ at: new Date(iso), studentId, action, outcome }) satisfies EmployeeAccessRow;

describe("an employee's access per day", () => {
  it('counts distinct children allowed, and what was done, per Amsterdam day, newest first', () => {
    const days = employeeAccessDays([
      row('2026-12-02T08:00:00Z', 'a'),
      row('2026-12-02T08:05:00Z', 'a'),
      row('2026-12-02T09:00:00Z', 'b', 'update'),
      row('2026-12-02T10:00:00Z', null, 'search'),
      row('2026-12-02T11:00:00Z', 'c', 'print'),
      row('2026-12-02T12:00:00Z', 'd', 'read', 'denied'),
      // 23:30 UTC on 2 December is 00:30 on 3 December in Amsterdam.
      row('2026-12-02T23:30:00Z', 'a', 'export'),
    ]);
    expect(days).toEqual([
      {
        day: '2026-12-03',
        children: 1,
        reads: 0,
        changes: 0,
        exports: 1,
        denied: 0,
        firstAt: new Date('2026-12-02T23:30:00Z'),
        lastAt: new Date('2026-12-02T23:30:00Z'),
      },
      {
        day: '2026-12-02',
        children: 3,
        reads: 3,
        changes: 1,
        exports: 1,
        denied: 1,
        firstAt: new Date('2026-12-02T08:00:00Z'),
        lastAt: new Date('2026-12-02T12:00:00Z'),
      },
    ]);
  });

  it('has no days without rows', () => {
    expect(employeeAccessDays([])).toEqual([]);
  });
});

describe('employeeAccessRange', () => {
  const today = '2026-12-03';
  it('defaults to the two weeks up to today, or up to the end asked for', () => {
    expect(employeeAccessRange({}, today)).toEqual({ from: '2026-11-20', to: today });
    expect(employeeAccessRange({ to: '2026-10-31' }, today)).toEqual({
      from: '2026-10-18',
      to: '2026-10-31',
    });
    expect(employeeAccessRange({ from: '2026-09-03' }, today)).toEqual({ from: '2026-09-03', to: today });
  });

  it('holds a start alone to the same limits as a start and an end', () => {
    expect(employeeAccessRange({ from: '2026-09-02' }, today)).toMatchObject({ field: 'from' });
    expect(employeeAccessRange({ from: '1900-01-01' }, today)).toMatchObject({ field: 'from' });
    expect(employeeAccessRange({ from: '2199-12-31' }, today)).toMatchObject({
      problem: 'from must not be after to',
    });
    expect(employeeAccessRange({ from: '2026-01-01', to: '2026-11-10' }, today)).toMatchObject({
      field: 'to',
    });
  });
});
