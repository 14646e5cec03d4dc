// docs/SECURITY.md A3, staff side: the SWV's administrator sees per day how many children's data an
// employee opened and what they did — counts only, no child named, since administrators see no
// children's data — and that reading it is logged.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSchool, aStudent, aSwv, aUser, signIn, type TestUser } from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { accessLog } from '../../db/schema/index.ts';

describe("an employee's access, for the administrator", () => {
  let t: TestApp;
  let swvId: string;
  let ib: TestUser;
  let admin: TestUser;
  const children: { id: string; familyName: string }[] = [];

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    const school = await aSchool(db, swvId);
    for (const familyName of ['Zwanenburg', 'Oudshoorn', 'Verbeek']) {
      children.push({ id: (await aStudent(db, swvId, school.id, { familyName })).id, familyName });
    }
    ib = await aUser(db, swvId, [{ role: 'school_ib', schoolId: school.id }]);
    admin = await aUser(db, swvId, [{ role: 'swv_admin' }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts the children opened per day and what was done, and names no child', async () => {
    const reader = await signIn(t, ib);
    for (const child of children)
      expect((await reader.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    expect((await reader.get(`/api/students/${children[0]!.id}`)).statusCode).toBe(200);
    expect((await reader.patch(`/api/students/${children[1]!.id}`, { groupName: '7B' })).statusCode).toBe(
      200,
    );
    t.clock.advance(24 * 60 * 60 * 1000);
    const nextDay = await signIn(t, ib);
    expect((await nextDay.get(`/api/students/${children[2]!.id}`)).statusCode).toBe(200);

    const administrator = await signIn(t, admin);
    const answer = await administrator.get(`/api/users/${ib.id}/access`);
    expect(answer.statusCode, answer.body).toBe(200);
    const view = answer.json();
    expect(view.to).toBe('2026-11-24');
    expect(view.from).toBe('2026-11-11');
    expect(
      view.days.map((day: { day: string; children: number; reads: number; changes: number }) => [
        day.day,
        day.children,
        day.reads,
        day.changes,
      ]),
    ).toEqual([
      ['2026-11-24', 1, 1, 0],
      ['2026-11-23', 3, 4, 1],
    ]);
    for (const child of children) {
      expect(answer.body).not.toContain(child.id);
      expect(answer.body).not.toContain(child.familyName);
    }
    // A range in the past holds nothing of it.
    const earlier = await administrator.get(`/api/users/${ib.id}/access?from=2026-11-01&to=2026-11-22`);
    expect(earlier.json().days).toEqual([]);

    const logged = await t.database.db
      .select({ actorUserId: accessLog.actorUserId, objectId: accessLog.objectId })
      .from(accessLog)
      .where(and(eq(accessLog.swvId, swvId), eq(accessLog.objectType, 'employee_access')));
    expect(logged).toEqual([
      { actorUserId: admin.id, objectId: ib.id },
      { actorUserId: admin.id, objectId: ib.id },
    ]);
  });

  it('refuses a range the wrong way round or longer than 92 days', async () => {
    const administrator = await signIn(t, admin);
    for (const query of [
      'from=2026-11-20&to=2026-11-10',
      'from=2026-01-01&to=2026-11-10',
      'from=0000-01-01',
      // A start alone: the end is today, and the same limits hold (an outside probe asked 127 years).
      'from=1900-01-01',
      'from=2199-12-31',
    ]) {
      const answer = await administrator.get(`/api/users/${ib.id}/access?${query}`);
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json().error.code).toBe('validation_failed');
    }
  });
});
