// Issue 16, point 4: a logged read of a child's file costs a fixed number of statements, the same
// for a user authorised for one school as for a hundred (docs/decisions/0038): the session with the
// actor and the child's facts in one query; then, after the policy decided in code, the access-log
// row and the read in one statement (atomic by itself: no BEGIN, no COMMIT). Counted through
// drizzle's logger, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSchool, aStudent, aSwv, aUser, signIn } from '../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../test/support/testApp.ts';

describe('round trips of a logged child read', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  async function statementsOfRead(schools: number): Promise<string[]> {
    const db = t.database.db;
    const swvId = (await aSwv(db)).id;
    const schoolIds: string[] = [];
    for (let index = 0; index < schools; index++) schoolIds.push((await aSchool(db, swvId)).id);
    const child = await aStudent(db, swvId, schoolIds.at(-1)!);
    const user = await aUser(
      db,
      swvId,
      schoolIds.map((schoolId) => ({ role: 'school_ib' as const, schoolId })),
    );
    const agent = await signIn(t, user);
    // The first read may refresh the session's last-seen time (at most once a minute): not counted.
    expect((await agent.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    const statements: string[] = [];
    t.database.queryObserver.onQuery = (query) => statements.push(query);
    try {
      const read = await agent.get(`/api/students/${child.id}`);
      expect(read.statusCode).toBe(200);
    } finally {
      t.database.queryObserver.onQuery = null;
    }
    return statements;
  }

  it('is the same for a user of 1 school and of 100 schools, and small', async () => {
    const one = await statementsOfRead(1);
    const hundred = await statementsOfRead(100);
    expect(hundred.length).toBe(one.length);
    expect(one.length, one.join('\n---\n')).toBe(2);
    expect(one[0]).toMatch(/from session se join app_user u/);
    expect(one[0]).toMatch(/as child_facts/);
    expect(one[1]).toMatch(/^with logged as \(\s*insert into access_log/);
    expect(one[1]).toMatch(/from student s where s\.swv_id = \$\d+::uuid and s\.id = \$\d+::uuid/);
  });
});
