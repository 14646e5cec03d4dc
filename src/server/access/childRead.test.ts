// A child's read in one statement with its log row (runChildRead, docs/decisions/0038): no row, no
// answer; a session ended after it was looked up stops the read and writes nothing; a denial is
// logged; facts preloaded with the session serve only that child and that very actor.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSchool, aStudent, aSwv, aUser } from '../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../test/support/testApp.ts';
import { createSession, endSession } from '../auth/sessions.ts';
import { accessLog } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { getStudent } from '../modules/students/students.service.ts';
import { actingAs } from './acting.ts';
import type { Context } from './actor.ts';
import { loadActorByEmail } from './loadActor.ts';

describe('a child read in one statement with its access-log row', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let childId: string;
  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    childId = (await aStudent(db, swvId, schoolId, { groupName: '5A' })).id;
  });
  afterAll(() => t.close());

  let requests = 0;
  async function contextOf(role: 'school_ib' | 'teacher'): Promise<Context & { tokenHash: string }> {
    const db = t.database.db;
    const user = await aUser(db, swvId, [
      role === 'teacher' ? { role, schoolId, groups: ['8B'] } : { role, schoolId },
    ]);
    const { token } = await createSession(db, {
      userId: user.id,
      stage: 'active',
      method: 'password',
      now: t.clock.now,
    });
    const tokenHash = createHash('sha256').update(token).digest('hex');
    requests += 1;
    return {
      database: t.database,
      actor: (await loadActorByEmail(db, swvId, user.email))!,
      requestId: `child-read-${requests}`,
      clientAddress: '127.0.0.1',
      now: t.clock.now,
      sessionTokenHash: tokenHash,
      tokenHash,
    };
  }
  const rowsOf = (requestId: string) =>
    t.database.db
      .select({ outcome: accessLog.outcome, studentId: accessLog.studentId })
      .from(accessLog)
      .where(eq(accessLog.requestId, requestId));
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  };

  it('answers the child with exactly one allowed row written', async () => {
    const ctx = await contextOf('school_ib');
    const file = await getStudent(ctx, childId);
    expect(file.id).toBe(childId);
    expect(file.schoolId).toBe(schoolId);
    expect(file.permissions.edit).toBe(true);
    expect(await rowsOf(ctx.requestId)).toEqual([{ outcome: 'allowed', studentId: childId }]);
  });

  it('reads nothing and writes no row when the session ended after it was looked up', async () => {
    const ctx = await contextOf('school_ib');
    await endSession(t.database.db, ctx.tokenHash);
    expect(await refusal(getStudent(ctx, childId))).toBe('unauthenticated');
    expect(await rowsOf(ctx.requestId)).toEqual([]);
  });

  it('logs a denial and answers 403', async () => {
    const ctx = await contextOf('teacher');
    expect(await refusal(getStudent(ctx, childId))).toBe('forbidden');
    expect(await rowsOf(ctx.requestId)).toEqual([{ outcome: 'denied', studentId: childId }]);
  });

  it('uses preloaded facts only for their child and their very actor', async () => {
    const ctx = await contextOf('school_ib');
    // Preloaded "no such child" for this actor: believed (404, nothing written).
    const preloaded = { ...ctx, preloaded: { actor: ctx.actor, studentId: childId, facts: null } };
    expect(await refusal(getStudent(preloaded, childId))).toBe('not_found');
    expect(await rowsOf(ctx.requestId)).toEqual([]);
    // The same facts for a narrowed actor (actingAs), or for another child: loaded again.
    expect((await getStudent(actingAs(preloaded, ['school_ib']), childId)).id).toBe(childId);
    const other = { ...ctx, preloaded: { actor: ctx.actor, studentId: swvId, facts: null } };
    expect((await getStudent(other, childId)).id).toBe(childId);
    expect(await rowsOf(ctx.requestId)).toHaveLength(2);
  });
});
