// docs/SECURITY.md A4: break-glass access. The operator reads one child's file only through an open
// window with a reason, read only and for a bounded time; every row made under it is flagged and
// carries the reason; the SWV's administrators are told at once and see the window; the parents
// see it in their child's access log as lines of their own.
import { eq, sql } from 'drizzle-orm';
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
import { queryRows } from '../../db/client.ts';
import { breakGlassWindow, notification } from '../../db/schema/index.ts';

const reason = 'Storingsmelding 4412: het plan van dit kind opent niet bij de IB’er';

describe('break-glass access', () => {
  let t: TestApp;
  let swvId: string;
  let otherSwvId: string;
  let schoolId: string;
  let otherSchoolId: string;
  let operator: Agent;
  let otherOperator: Agent;
  let admin: TestUser;
  let adminAgent: Agent;
  let otherAdmin: TestUser;
  let parent: Agent;
  let parentUserId: string;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    otherSwvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    otherSchoolId = (await aSchool(db, otherSwvId)).id;
    operator = await signIn(
      t,
      await aUser(db, null, [{ role: 'operator' }], { displayName: 'Olga Operator' }),
    );
    otherOperator = await signIn(t, await aUser(db, null, [{ role: 'operator' }]));
    admin = await aUser(db, swvId, [{ role: 'swv_admin' }]);
    adminAgent = await signIn(t, admin);
    otherAdmin = await aUser(db, otherSwvId, [{ role: 'swv_admin' }]);
    const parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    parent = await signIn(t, parentUser);
    parentUserId = parentUser.id;
  });
  afterAll(() => t.close());

  const aChild = async (ofParent = false) => {
    const child = await aStudent(t.database.db, swvId, schoolId, {
      givenName: 'Noortje',
      familyName: 'Zandbergen',
    });
    if (ofParent) await aGuardian(t.database.db, swvId, child.id, parentUserId);
    return child;
  };
  const open = (studentId: string, extra: Record<string, unknown> = {}, inSwv = swvId) =>
    operator.post('/api/break-glass', { swvId: inSwv, studentId, reason, ...extra });
  const logRows = (studentId: string) =>
    queryRows<{
      action: string;
      outcome: string;
      purpose: string;
      break_glass: boolean;
      actor_role: string;
      object_type: string;
    }>(
      t.database.db,
      sql`select action, outcome, purpose, break_glass, actor_role, object_type from access_log
           where student_id = ${studentId}::uuid order by id`,
    );

  it('gives the operator no child data without a window', async () => {
    const child = await aChild();
    expect((await operator.get(`/api/students/${child.id}`)).statusCode).toBe(404);
    expect(await logRows(child.id)).toEqual([
      expect.objectContaining({ outcome: 'denied', break_glass: false, actor_role: 'operator' }),
    ]);
  });

  it('opens a window with a reason, tells the administrators at once, and lets the operator read the file', async () => {
    const child = await aChild(true);
    const opened = await open(child.id, { minutes: 30 });
    expect(opened.statusCode, opened.body).toBe(201);
    const window = opened.json();
    expect(window).toMatchObject({
      studentId: child.id,
      swvId,
      operatorName: 'Olga Operator',
      reason,
      state: 'open',
      minutes: 30,
      closedAt: null,
    });
    expect(new Date(window.closesAt).getTime() - new Date(window.openedAt).getTime()).toBe(30 * 60_000);

    // The administrators of that SWV, and only they, get a notice that names no child.
    const notices = await t.database.db
      .select()
      .from(notification)
      .where(eq(notification.subjectId, window.id));
    expect(notices.map((n) => n.userId)).toEqual([admin.id]);
    expect(notices[0]).toMatchObject({
      kind: 'break_glass',
      firstName: '',
      link: '/admin/break-glass',
      emailState: 'pending',
    });
    expect(notices.some((n) => n.userId === otherAdmin.id)).toBe(false);

    const read = await operator.get(`/api/students/${child.id}`);
    expect(read.statusCode, read.body).toBe(200);
    // Read only: the server offers no change, and refuses one.
    expect(read.json().permissions).toMatchObject({ edit: false, startPlan: false });
    expect(read.json().permissions.parts).toMatchObject({ documents: false, accessLog: false });
    expect((await operator.patch(`/api/students/${child.id}`, { groupName: '6B' })).statusCode).toBe(404);

    const rows = await logRows(child.id);
    expect(rows.slice(0, 2)).toEqual([
      {
        action: 'create',
        outcome: 'allowed',
        purpose: `break-glass: ${reason}`,
        break_glass: true,
        actor_role: 'operator',
        object_type: 'break_glass',
      },
      {
        action: 'read',
        outcome: 'allowed',
        purpose: `break-glass: ${reason}`,
        break_glass: true,
        actor_role: 'operator',
        object_type: 'student',
      },
    ]);
    expect(rows[2]).toMatchObject({ action: 'update', outcome: 'denied', break_glass: false });

    // The parents see the opening and the read as lines of their own, marked.
    const log = await parent.get(`/api/students/${child.id}/access-log`);
    expect(log.statusCode, log.body).toBe(200);
    const marked = log.json().lines.filter((line: { breakGlass: boolean }) => line.breakGlass);
    expect(marked).toHaveLength(2);
    expect(marked.map((line: { actorRole: string }) => line.actorRole)).toEqual(['operator', 'operator']);

    // The administrator's list: who, when, how long, why, the child by record id and never by name.
    const list = await adminAgent.get('/api/swv/break-glass');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().windows).toEqual([
      expect.objectContaining({
        id: window.id,
        studentId: child.id,
        reason,
        operatorName: 'Olga Operator',
        state: 'open',
        accesses: 1,
      }),
    ]);
    expect(list.body).not.toContain('Noortje');
    expect(list.body).not.toContain('Zandbergen');
    // The other SWV's administrator sees nothing of it.
    const other = await signIn(t, otherAdmin);
    expect((await other.get('/api/swv/break-glass')).json().windows).toEqual([]);
    // The operator's own list.
    expect(
      (await operator.get('/api/break-glass')).json().windows.map((w: { id: string }) => w.id),
    ).toContain(window.id);

    // One open window per child: a second is refused, and nothing is stored for it.
    const again = await open(child.id);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.rule).toBe('break_glass_already_open');

    // Closing ends the access at once; a closed window cannot be closed again.
    const closed = await operator.post(`/api/break-glass/${window.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed' });
    expect((await operator.get(`/api/students/${child.id}`)).statusCode).toBe(404);
    const twice = await operator.post(`/api/break-glass/${window.id}/close`);
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details).toMatchObject({ rule: 'break_glass_not_open', state: 'closed' });
  });

  it('ends by itself when its time is up', async () => {
    const child = await aChild();
    const window = (await open(child.id, { minutes: 5 })).json();
    expect((await operator.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    t.clock.advance(5 * 60_000);
    expect((await operator.get(`/api/students/${child.id}`)).statusCode).toBe(404);
    const list = (await adminAgent.get('/api/swv/break-glass')).json().windows;
    expect(list.find((w: { id: string }) => w.id === window.id)).toMatchObject({
      state: 'expired',
      minutes: 5,
    });
    // After it expired, a new window (with a new reason) may be opened.
    expect((await open(child.id)).statusCode).toBe(201);
  });

  it('lasts 60 minutes unless asked for less, and never longer', async () => {
    const child = await aChild();
    expect((await open(child.id)).json().minutes).toBe(60);
    expect((await open((await aChild()).id, { minutes: 61 })).statusCode).toBe(400);
  });

  it('finds no child of another SWV than the one named, and stores nothing', async () => {
    const foreignChild = await aStudent(t.database.db, otherSwvId, otherSchoolId);
    const response = await open(foreignChild.id);
    expect(response.statusCode).toBe(404);
    const missing = await open('0190a000-0000-7000-8000-000000000000');
    expect(response.body).toBe(missing.body);
    const stored = await t.database.db
      .select()
      .from(breakGlassWindow)
      .where(eq(breakGlassWindow.studentId, foreignChild.id));
    expect(stored).toEqual([]);
    expect(await logRows(foreignChild.id)).toEqual([]);
  });

  it('lets only the operator open, and only the one who opened close', async () => {
    const child = await aChild();
    const byAdmin = await adminAgent.post('/api/break-glass', { swvId, studentId: child.id, reason });
    expect(byAdmin.statusCode).toBe(403);
    expect((await parent.post('/api/break-glass', { swvId, studentId: child.id, reason })).statusCode).toBe(
      403,
    );
    const window = (await open(child.id)).json();
    expect((await otherOperator.post(`/api/break-glass/${window.id}/close`)).statusCode).toBe(404);
    // The other operator has no window: the file stays closed to them.
    expect((await otherOperator.get(`/api/students/${child.id}`)).statusCode).toBe(404);
    expect((await adminAgent.post(`/api/break-glass/${window.id}/close`)).statusCode).toBe(403);
  });
});
