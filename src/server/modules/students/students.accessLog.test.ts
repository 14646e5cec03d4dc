// The access-log view through HTTP (docs/SECURITY.md A3, finding 14): repeated reads fold into one line,
// the viewer's own actions wait behind a switch, the period filter and paging keep days whole.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aGuardian,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { appendAccessLog } from '../../access/accessLog.ts';
import { queryRows } from '../../db/client.ts';

type Line = {
  day: string;
  firstAt: string;
  lastAt: string;
  count: number;
  actorName: string | null;
  actorRole: string;
  organisationName: string | null;
  isOwn: boolean;
  action: string;
  outcome: string;
  objects: Array<{ objectType: string; part: string | null; count: number }>;
};
type Page = { lines: Line[]; olderBefore: string | null };

const minutes = (n: number) => n * 60_000;

describe('the access-log view', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let ibUser: TestUser;
  let parentUser: TestUser;
  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId, { name: 'De Regenboog' })).id;
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }], { displayName: 'Fatima El Amrani' });
    parentUser = await aUser(db, swvId, [{ role: 'parent' }], { displayName: 'Mark de Vries' });
  });
  afterAll(() => t.close());

  async function aChildOfTheParent() {
    const child = await aStudent(t.database.db, swvId, schoolId, { groupName: '5A' });
    await aGuardian(t.database.db, swvId, child.id, parentUser.id);
    return child;
  }

  const logOf = async (agent: Agent, studentId: string, query = ''): Promise<Page> => {
    const response = await agent.get(`/api/students/${studentId}/access-log${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it("folds an IB'er's session into one line; a change and a refusal keep their own", async () => {
    const child = await aChildOfTheParent();
    const ib = await signIn(t, ibUser);
    const sessionStart = t.clock.now.toISOString();
    for (const url of ['', '', '/history', '', '/history']) {
      expect((await ib.get(`/api/students/${child.id}${url}`)).statusCode).toBe(200);
      t.clock.advance(minutes(2));
    }
    expect((await ib.patch(`/api/students/${child.id}`, { groupName: '5B' })).statusCode).toBe(200);
    t.clock.advance(minutes(5));
    expect((await ib.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    const sessionEnd = t.clock.now.toISOString();
    t.clock.advance(minutes(1));
    const teacher = await signIn(
      t,
      await aUser(t.database.db, swvId, [{ role: 'teacher', schoolId, groups: ['7B'] }]),
    );
    expect((await teacher.get(`/api/students/${child.id}`)).statusCode).toBe(403);
    expect((await teacher.get(`/api/students/${child.id}`)).statusCode).toBe(403);

    const parent = await signIn(t, parentUser);
    const page = await logOf(parent, child.id);
    expect(page.olderBefore).toBe(null);
    expect(page.lines.map((line) => [line.actorRole, line.action, line.outcome, line.count])).toEqual([
      ['teacher', 'read', 'denied', 1],
      ['teacher', 'read', 'denied', 1],
      ['school_ib', 'read', 'allowed', 6],
      ['school_ib', 'update', 'allowed', 1],
    ]);
    const reads = page.lines[2]!;
    expect(reads).toMatchObject({
      day: '2026-11-23',
      firstAt: sessionStart,
      lastAt: sessionEnd,
      actorName: 'Fatima El Amrani',
      organisationName: 'De Regenboog',
      isOwn: false,
      objects: [{ objectType: 'student', part: null, count: 6 }],
    });
    expect(page.lines[3]!.objects).toEqual([{ objectType: 'student', part: 'groupName', count: 1 }]);
    // The stored log keeps every row: six reads, a change, two refusals, the parent's read.
    const [stored] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from access_log where student_id = ${child.id}`,
    );
    expect(stored!.n).toBe(10);
  });

  it("leaves out the viewer's own actions unless asked, for parents and staff alike", async () => {
    const child = await aChildOfTheParent();
    const parent = await signIn(t, parentUser);
    const ib = await signIn(t, ibUser);
    expect((await ib.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    expect(await logOf(parent, child.id)).toMatchObject({ lines: [{ actorRole: 'school_ib', count: 1 }] });

    // Asked for: the parent's two reads of the log are one line, marked as their own.
    const withOwn = await logOf(parent, child.id, '?own=true');
    expect(withOwn.lines.map((line) => [line.actorRole, line.count, line.isOwn, line.objects])).toEqual([
      ['parent', 2, true, [{ objectType: 'access_log', part: null, count: 2 }]],
      ['school_ib', 1, false, [{ objectType: 'student', part: null, count: 1 }]],
    ]);
    // The IB'er sees the parent's reads of the log, and not their own.
    const ibView = await logOf(ib, child.id);
    expect(ibView.lines.map((line) => [line.actorName, line.count])).toEqual([['Mark de Vries', 2]]);
    expect((await logOf(ib, child.id, '?own=false')).lines).toHaveLength(1);
  });

  it('pages by whole days in Amsterdam, newest first, and filters by period', async () => {
    const child = await aChildOfTheParent();
    const db = t.database.db;
    // Reads by the IB'er on ten days in November, three a day, the last of them at 23:30 UTC: in
    // Amsterdam (UTC+1) that is 00:30 the next day, so each day's line holds the previous
    // evening's late read. No rows on 5 and 6 November.
    const days = [1, 2, 3, 4, 7, 8, 9, 10, 11, 12];
    let written = 0;
    for (const day of days) {
      for (const at of ['T08:00:00Z', 'T12:00:00Z', 'T23:30:00Z']) {
        const now = new Date(`2026-11-${String(day).padStart(2, '0')}${at}`);
        await appendAccessLog(
          db,
          { actorUserId: ibUser.id, requestId: `r-${day}-${at}`, clientAddress: '127.0.0.1', now },
          {
            swvId,
            studentId: child.id,
            objectType: 'student',
            objectId: child.id,
            action: 'read',
            outcome: 'allowed',
            purpose: 'IB’er of the school',
            actorRole: 'school_ib',
            actorOrganisation: `school:${schoolId}`,
          },
        );
        written += 1;
      }
    }
    const parent = await signIn(t, parentUser);
    const dayCounts = (page: Page) => page.lines.map((line) => [line.day, line.count]);

    // The parent's own reads of today stay out, so the pages hold November's reads only.
    const first = await logOf(parent, child.id);
    expect(dayCounts(first)).toEqual([
      ['2026-11-13', 1],
      ['2026-11-12', 3],
      ['2026-11-11', 3],
      ['2026-11-10', 3],
      ['2026-11-09', 3],
      ['2026-11-08', 3],
      ['2026-11-07', 2],
    ]);
    expect(first.olderBefore).toBe('2026-11-07');
    const second = await logOf(parent, child.id, `?before=${first.olderBefore}`);
    expect(dayCounts(second)).toEqual([
      ['2026-11-05', 1],
      ['2026-11-04', 3],
      ['2026-11-03', 3],
      ['2026-11-02', 3],
      ['2026-11-01', 2],
    ]);
    expect(second.olderBefore).toBe(null);
    // Every row is on exactly one line of one page.
    const total = [...first.lines, ...second.lines].reduce((sum, line) => sum + line.count, 0);
    expect(total).toBe(written);

    // A period, in Amsterdam days: 3 to 5 November, then paged within it.
    const period = await logOf(parent, child.id, '?from=2026-11-03&to=2026-11-05');
    expect(dayCounts(period)).toEqual([
      ['2026-11-05', 1],
      ['2026-11-04', 3],
      ['2026-11-03', 3],
    ]);
    expect(period.olderBefore).toBe(null);
    const periodBefore = await logOf(parent, child.id, '?from=2026-11-03&to=2026-11-05&before=2026-11-04');
    expect(dayCounts(periodBefore)).toEqual([['2026-11-03', 3]]);
    expect(await logOf(parent, child.id, '?from=2026-11-05&to=2026-11-06')).toMatchObject({
      lines: [{ day: '2026-11-05' }],
      olderBefore: null,
    });
  });

  it('refuses a period that ends before it starts, and an unknown switch value, changing nothing', async () => {
    const child = await aChildOfTheParent();
    const parent = await signIn(t, parentUser);
    const [before] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from access_log where student_id = ${child.id}`,
    );
    for (const query of ['?from=2026-11-05&to=2026-11-04', '?own=yes', '?before=2026-02-30', '?limit=10']) {
      const response = await parent.get(`/api/students/${child.id}/access-log${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code, query).toBeTypeOf('string');
    }
    const [after] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from access_log where student_id = ${child.id}`,
    );
    expect(after!.n).toBe(before!.n);
  });
});
