import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSwv } from '../../../test/support/factories.ts';
import { type TestDatabase, testDatabase } from '../../../test/support/testDatabase.ts';
import type { Tx } from '../db/client.ts';
import { accessLog } from '../db/schema/index.ts';
import { appendAccessLog, hashRow, verifyAccessLog } from './accessLog.ts';
import { sealBatch } from './sealer.ts';

// docs/SECURITY.md A2: the database refuses to rewrite the log, and whoever gets around that (a superuser)
// is caught by the hash chain: verify names the first broken row of each SWV's chain.
// Every scenario writes its own SWV's chain, so the scenarios share one database.

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.drop());

/** A chain of `length` rows (sequence numbers 1…length) in a new SWV. */
async function aChain(length = 5): Promise<string> {
  const swv = await aSwv(database.db);
  for (let index = 0; index < length; index++) await appendRow(swv.id, index);
  await sealBatch(database.db, new Date());
  return swv.id;
}

async function appendRow(swvId: string, index: number): Promise<void> {
  await database.db.transaction((tx) =>
    appendAccessLog(
      tx,
      {
        actorUserId: uuidv7(),
        requestId: `request-${index}`,
        clientAddress: '198.51.100.4',
        now: new Date(Date.UTC(2026, 10, 23, 9, 0, index)),
      },
      {
        swvId,
        studentId: uuidv7(),
        objectType: 'plan',
        objectId: uuidv7(),
        part: 'goals',
        action: 'read',
        outcome: 'allowed',
        purpose: 'own school',
        actorRole: 'school_ib',
        actorOrganisation: 'school:12AB00',
      },
    ),
  );
}

async function problemsOf(swvId: string) {
  const { problems } = await verifyAccessLog(database.db);
  return problems.filter((problem) => problem.swvId === swvId);
}

/** The error the database raised, under drizzle's wrapper. */
async function databaseError(work: Promise<unknown>): Promise<{ message: string; code?: string }> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, 'the database accepted the statement').toBeInstanceOf(Error);
  const cause = (error as Error).cause ?? error;
  return cause as { message: string; code?: string };
}

describe('the database keeps the access log append-only', () => {
  it('lets an unsealed row be sealed once, and nothing else about it change', async () => {
    const swv = await aSwv(database.db);
    await appendRow(swv.id, 0);
    const changes = [
      sql`purpose = 'curiosity'`,
      sql`purpose = 'curiosity', seq = 1, previous_hash = repeat('0', 64), hash = repeat('1', 64), sealed_at = now()`,
      sql`seq = 1, previous_hash = repeat('0', 64), sealed_at = now()`,
      sql`swv_id = gen_random_uuid(), seq = 1, previous_hash = repeat('0', 64), hash = repeat('1', 64), sealed_at = now()`,
    ];
    for (const change of changes) {
      const refused = await databaseError(
        database.db.execute(sql`update access_log set ${change} where swv_id = ${swv.id}`),
      );
      expect(refused.message).toBe('access_log is append-only: UPDATE refused');
    }
    const unsealedDelete = await databaseError(
      database.db.execute(sql`delete from access_log where swv_id = ${swv.id}`),
    );
    expect(unsealedDelete.message).toBe('access_log is append-only: DELETE refused');
    await sealBatch(database.db, new Date());
    expect(await problemsOf(swv.id)).toEqual([]);
  });

  it('verifies an untouched chain', async () => {
    const swvId = await aChain(3);
    const result = await verifyAccessLog(database.db);
    expect(result.checked).toBeGreaterThanOrEqual(3);
    expect(result.problems.filter((problem) => problem.swvId === swvId)).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const swvId = await aChain(2);
    const update = await databaseError(
      database.db.execute(sql`update access_log set purpose = 'curiosity' where swv_id = ${swvId}`),
    );
    expect(update.message).toBe('access_log is append-only: UPDATE refused');
    expect(update.code).toBe('42501');
    const remove = await databaseError(
      database.db.execute(sql`delete from access_log where swv_id = ${swvId} and seq = 2`),
    );
    expect(remove.message).toBe('access_log is append-only: DELETE refused');
    const truncate = await databaseError(database.db.execute(sql`truncate access_log`));
    // A sealed row cannot be sealed again either.
    const reseal = await databaseError(
      database.db.execute(
        sql`update access_log set seq = seq + 100, hash = repeat('0', 64), sealed_at = now() where swv_id = ${swvId}`,
      ),
    );
    expect(reseal.message).toBe('access_log is append-only: UPDATE refused');
    expect(truncate.message).toBe('access_log is append-only: TRUNCATE refused');
    expect(await problemsOf(swvId)).toEqual([]);
    const [count] = await database.db
      .execute(sql`select count(*)::int as n from access_log where swv_id = ${swvId}`)
      .then((result) => (result as unknown as { rows: { n: number }[] }).rows);
    expect(count!.n).toBe(2);
  });
});

/** Two ways a superuser gets past the triggers; both must work on PGlite and on PostgreSQL. */
const bypasses: Record<string, (work: (tx: Tx) => Promise<unknown>) => Promise<void>> = {
  'with the triggers disabled': (work) =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table access_log disable trigger user`);
      await work(tx);
      await tx.execute(sql`alter table access_log enable trigger user`);
    }),
  'as a replica (session_replication_role)': (work) =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await work(tx);
    }),
};

describe.each(Object.entries(bypasses))('tampering in SQL %s', (_name, tamper) => {
  it('gets past the triggers for this transaction only', async () => {
    const swvId = await aChain(2);
    await tamper((tx) =>
      tx.execute(sql`update access_log set purpose = 'curiosity' where swv_id = ${swvId}`),
    );
    const again = await databaseError(
      database.db.execute(sql`update access_log set purpose = 'again' where swv_id = ${swvId}`),
    );
    expect(again.message).toBe('access_log is append-only: UPDATE refused');
  });

  it.each([
    ['purpose', sql`purpose = 'break-glass: curiosity'`],
    ['time', sql`at = at + interval '1 millisecond'`],
    ['action', sql`action = 'export'`],
    ['child', sql`student_id = null`],
    ['break-glass flag', sql`break_glass = true`],
    ['stored hash', sql`hash = repeat('f', 64)`],
  ])('names a row whose %s was changed', async (_field, assignment) => {
    const swvId = await aChain();
    await tamper((tx) =>
      tx.execute(sql`update access_log set ${assignment} where swv_id = ${swvId} and seq = 3`),
    );
    expect(await problemsOf(swvId)).toEqual([
      { swvId, seq: 3, problem: 'this row was changed after it was written' },
    ]);
  });

  it('names only the first broken row when several were changed', async () => {
    const swvId = await aChain();
    await tamper((tx) =>
      tx.execute(sql`update access_log set purpose = 'x' where swv_id = ${swvId} and seq in (2, 4)`),
    );
    expect(await problemsOf(swvId)).toEqual([
      { swvId, seq: 2, problem: 'this row was changed after it was written' },
    ]);
  });

  it('names the row after a deleted middle row', async () => {
    const swvId = await aChain();
    await tamper((tx) => tx.execute(sql`delete from access_log where swv_id = ${swvId} and seq = 3`));
    expect(await problemsOf(swvId)).toEqual([
      { swvId, seq: 4, problem: 'rows from sequence 3 to 3 were removed' },
    ]);
  });

  it('names the first row when it was deleted', async () => {
    const swvId = await aChain();
    await tamper((tx) => tx.execute(sql`delete from access_log where swv_id = ${swvId} and seq = 1`));
    expect(await problemsOf(swvId)).toEqual([
      { swvId, seq: 2, problem: 'rows from sequence 1 to 1 were removed' },
    ]);
  });

  it('names a deleted last row from the chain head', async () => {
    const swvId = await aChain();
    await tamper((tx) => tx.execute(sql`delete from access_log where swv_id = ${swvId} and seq = 5`));
    expect(await problemsOf(swvId)).toEqual([
      { swvId, seq: 5, problem: 'rows from sequence 5 to 5 were removed (the chain head is ahead)' },
    ]);
  });

  it('names an inserted row that copies another row', async () => {
    const swvId = await aChain();
    await tamper(async (tx) => {
      await makeRoomAt(tx, swvId, 3);
      await tx.execute(sql`insert into access_log
        select swv_id, 3, at, actor_user_id, actor_role, actor_organisation, student_id, object_type,
          object_id, part, action, outcome, purpose, break_glass, client_address, request_id, previous_hash, hash
        from access_log where swv_id = ${swvId} and seq = 2`);
    });
    expect(await problemsOf(swvId)).toEqual([
      {
        swvId,
        seq: 3,
        problem: 'the chain is broken here: a row was removed, inserted or reordered before this one',
      },
    ]);
  });

  it('names the row after an inserted row whose hashes were forged to fit', async () => {
    const swvId = await aChain();
    await tamper(async (tx) => {
      const [previous] = await tx.select().from(accessLog).where(sql`swv_id = ${swvId} and seq = 2`);
      await makeRoomAt(tx, swvId, 3);
      const { hash, previousHash: _, id: _id, ...content } = previous!;
      const previousHash = hash!;
      const forged = { ...content, seq: 3, purpose: 'a read that never happened' };
      await tx.insert(accessLog).values({ ...forged, previousHash, hash: hashRow(previousHash, forged) });
    });
    expect(await problemsOf(swvId)).toEqual([
      {
        swvId,
        seq: 4,
        problem: 'the chain is broken here: a row was removed, inserted or reordered before this one',
      },
    ]);
  });

  it('names the first of two rows that were swapped', async () => {
    const swvId = await aChain();
    await tamper(async (tx) => {
      await tx.execute(sql`update access_log set seq = 100 where swv_id = ${swvId} and seq = 2`);
      await tx.execute(sql`update access_log set seq = 2 where swv_id = ${swvId} and seq = 3`);
      await tx.execute(sql`update access_log set seq = 3 where swv_id = ${swvId} and seq = 100`);
    });
    expect(await problemsOf(swvId)).toEqual([
      {
        swvId,
        seq: 2,
        problem: 'the chain is broken here: a row was removed, inserted or reordered before this one',
      },
    ]);
  });

  // The end of the chain: rows past the head, or a last row re-hashed to fit, are named exactly.
  it('names a row appended after the chain head, hashes forged to fit', async () => {
    const swvId = await aChain();
    await tamper(async (tx) => {
      const [last] = await tx.select().from(accessLog).where(sql`swv_id = ${swvId} and seq = 5`);
      const { hash, previousHash: _, id: _id, ...content } = last!;
      const previousHash = hash!;
      const forged = { ...content, seq: 6, purpose: 'a read that never happened' };
      await tx.insert(accessLog).values({ ...forged, previousHash, hash: hashRow(previousHash, forged) });
    });
    expect(await problemsOf(swvId)).toEqual([expect.objectContaining({ swvId, seq: 6 })]);
  });

  it('names a last row that was changed and re-hashed to fit', async () => {
    const swvId = await aChain();
    await tamper(async (tx) => {
      const [last] = await tx.select().from(accessLog).where(sql`swv_id = ${swvId} and seq = 5`);
      const { hash: _hash, previousHash, ...content } = last!;
      const forged = { ...content, seq: content.seq!, purpose: 'break-glass: curiosity' };
      await tx
        .update(accessLog)
        .set({ purpose: forged.purpose, hash: hashRow(previousHash!, forged) })
        .where(sql`swv_id = ${swvId} and seq = 5`);
    });
    expect(await problemsOf(swvId)).toEqual([expect.objectContaining({ swvId, seq: 5 })]);
  });

  it("keeps the SWVs' chains independent: breaking one leaves the other intact", async () => {
    const [first, second] = [(await aSwv(database.db)).id, (await aSwv(database.db)).id];
    for (let index = 0; index < 4; index++) {
      await appendRow(first, index);
      await appendRow(second, index);
    }
    await sealBatch(database.db, new Date());
    await tamper((tx) =>
      tx.execute(sql`update access_log set purpose = 'x' where swv_id = ${first} and seq = 2`),
    );
    const { problems } = await verifyAccessLog(database.db);
    expect(problems.filter((problem) => problem.swvId === first)).toEqual([
      { swvId: first, seq: 2, problem: 'this row was changed after it was written' },
    ]);
    expect(problems.filter((problem) => problem.swvId === second)).toEqual([]);
  });
});

/** Moves rows from `seq` on one place up (via a free range, as the primary key is checked per row). */
async function makeRoomAt(tx: Tx, swvId: string, seq: number): Promise<void> {
  await tx.execute(sql`update access_log set seq = seq + 1000000 where swv_id = ${swvId} and seq >= ${seq}`);
  await tx.execute(sql`update access_log set seq = seq - 999999 where swv_id = ${swvId} and seq >= 1000000`);
}
