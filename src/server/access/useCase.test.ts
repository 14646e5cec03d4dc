import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSwv } from '../../../test/support/factories.ts';
import { type TestDatabase, testDatabase } from '../../../test/support/testDatabase.ts';
import { refuse } from '../../domain/refusal.ts';
import type { Tx } from '../db/client.ts';
import { accessLog, swv } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { appendAccessLog } from './accessLog.ts';
import type { Context } from './actor.ts';
import { runUseCase } from './useCase.ts';

// The runner's promise: the access-log row written by `authorize` commits whatever the work answers
// with (a result, a refusal, an AppError, a unique key taken meanwhile); the work commits only when done.

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.drop());

const contextOf = (): Context => ({
  database,
  actor: { userId: uuidv7(), swvId: null, memberships: [], teamSchoolIds: [], attendanceMunicipalities: [] },
  requestId: 'request',
  clientAddress: '2001:db8::1',
  now: new Date(),
});

async function attempt(work: (tx: Tx, swvId: string) => Promise<unknown>) {
  const ctx = contextOf();
  const { id: swvId } = await aSwv(database.db);
  const name = `SWV ${uuidv7()}`;
  const outcome = await runUseCase(ctx, {
    authorize: async (tx) => {
      await appendAccessLog(
        tx,
        { actorUserId: ctx.actor.userId, requestId: 'r', clientAddress: '::1', now: ctx.now },
        {
          swvId,
          studentId: null,
          objectType: 'swv',
          objectId: swvId,
          action: 'update',
          outcome: 'allowed',
          purpose: 'test',
          actorRole: 'swv_admin',
          actorOrganisation: `swv:${swvId}`,
        },
      );
      return swvId;
    },
    work: async (tx, authorized) => {
      await tx.update(swv).set({ name }).where(eq(swv.id, authorized));
      return work(tx, authorized);
    },
    conflict: 'Taken meanwhile',
  }).then(
    (done) => ({ done }),
    (error: unknown) => ({ error }),
  );
  const logRows = await database.db.select().from(accessLog).where(eq(accessLog.swvId, swvId));
  const [after] = await database.db.select({ name: swv.name }).from(swv).where(eq(swv.id, swvId));
  return { outcome, logged: logRows.length, workCommitted: after!.name === name };
}

describe('running a use case', () => {
  it('commits the work and the row when the work is done', async () => {
    const result = await attempt(async () => 'done');
    expect(result).toEqual({ outcome: { done: 'done' }, logged: 1, workCommitted: true });
  });

  it('answers a refusal with 422 rule_violated, undoing the work but keeping the row', async () => {
    const result = await attempt(async () => refuse('plan_closed', 'Closed', { planId: 'p' }));
    expect(result.logged).toBe(1);
    expect(result.workCommitted).toBe(false);
    const error = (result.outcome as { error: AppError }).error;
    expect(error).toBeInstanceOf(AppError);
    expect([error.status, error.code, error.message, error.details]).toEqual([
      422,
      'rule_violated',
      'Closed',
      { rule: 'plan_closed', planId: 'p' },
    ]);
  });

  it('keeps the row when the work throws an AppError', async () => {
    const result = await attempt(async () => {
      throw new AppError('conflict', 'Stale revision', { current: 1 });
    });
    expect(result).toMatchObject({ logged: 1, workCommitted: false });
    expect((result.outcome as { error: AppError }).error).toMatchObject({
      status: 409,
      details: { current: 1 },
    });
  });

  it('answers a unique key taken meanwhile with 409 conflict, keeping the row', async () => {
    const taken = await aSwv(database.db);
    const result = await attempt(async (tx, swvId) => {
      await tx.update(swv).set({ registerCode: taken.registerCode }).where(eq(swv.id, swvId));
    });
    expect(result).toMatchObject({ logged: 1, workCommitted: false });
    expect((result.outcome as { error: AppError }).error).toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'Taken meanwhile',
    });
  });

  it('lets any other error through, committing nothing', async () => {
    const result = await attempt(async () => {
      throw new Error('bug');
    });
    expect(result).toMatchObject({ logged: 0, workCommitted: false });
    expect((result.outcome as { error: Error }).error.message).toBe('bug');
  });
});
