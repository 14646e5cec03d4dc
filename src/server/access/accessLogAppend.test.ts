import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSwv } from '../../../test/support/factories.ts';
import { type TestDatabase, testDatabase } from '../../../test/support/testDatabase.ts';
import { accessLog, accessLogHead } from '../db/schema/index.ts';
import {
  type AccessEntry,
  appendAccessLog,
  genesisHash,
  hashedPart,
  hashRow,
  verifyAccessLog,
} from './accessLog.ts';
import { sealBatch } from './sealer.ts';

// appendAccessLog writes an unsealed row; the sealer gives it its place and hash. These pin that
// the sealer hashes exactly what hashRow (the verifier) hashes, and that appends running at once
// for one SWV end up as one unbroken chain.

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.drop());

const entry = (swvId: string, overrides: Partial<AccessEntry> = {}): AccessEntry => ({
  swvId,
  studentId: uuidv7(),
  objectType: 'student',
  objectId: uuidv7(),
  action: 'read',
  outcome: 'allowed',
  purpose: 'IB’er of the school',
  actorRole: 'school_ib',
  actorOrganisation: `school:${uuidv7()}`,
  ...overrides,
});

const origin = (index: number) => ({
  actorUserId: uuidv7(),
  requestId: `request-${index}`,
  clientAddress: '2001:db8::1',
  now: new Date(Date.UTC(2026, 10, 23, 9, 0, 0, index)),
});

async function problemsOf(swvId: string) {
  const { problems } = await verifyAccessLog(database.db);
  return problems.filter((problem) => problem.swvId === swvId);
}

describe('appending to the access log', () => {
  it('appends unsealed; the sealer stores the hash hashRow computes, over accents, quotes, newlines and nulls', async () => {
    const swv = await aSwv(database.db);
    await database.db.transaction((tx) =>
      appendAccessLog(tx, origin(1), entry(swv.id, { purpose: 'zorg "ouders"\nna overleg ✓', part: null })),
    );
    await database.db.transaction((tx) =>
      appendAccessLog(tx, origin(2), entry(swv.id, { objectId: null, studentId: null, part: 'goals,needs' })),
    );
    const unsealed = await database.db.select().from(accessLog).where(eq(accessLog.swvId, swv.id));
    expect(unsealed.map((row) => [row.seq, row.hash, row.previousHash, row.sealedAt])).toEqual([
      [null, null, null, null],
      [null, null, null, null],
    ]);
    const sealedAt = new Date();
    expect((await sealBatch(database.db, sealedAt)).sealed).toBeGreaterThanOrEqual(2);
    const rows = await database.db
      .select()
      .from(accessLog)
      .where(eq(accessLog.swvId, swv.id))
      .orderBy(accessLog.seq);
    expect(rows.map((row) => [row.seq, row.requestId])).toEqual([
      [1, 'request-1'],
      [2, 'request-2'],
    ]);
    let previousHash = genesisHash;
    for (const row of rows) {
      expect(row.previousHash).toBe(previousHash);
      expect(row.hash).toBe(hashRow(previousHash, hashedPart(row)));
      expect(row.sealedAt).toEqual(sealedAt);
      previousHash = row.hash!;
    }
    const [head] = await database.db.select().from(accessLogHead).where(eq(accessLogHead.swvId, swv.id));
    expect(head).toEqual({ swvId: swv.id, seq: 2, hash: previousHash });
  });

  it('starts the chain of an SWV that has no head yet', async () => {
    const swv = await aSwv(database.db);
    await database.db.execute(sql`alter table access_log_head disable trigger user`);
    await database.db.delete(accessLogHead).where(eq(accessLogHead.swvId, swv.id));
    await database.db.execute(sql`alter table access_log_head enable trigger user`);
    await database.db.transaction((tx) => appendAccessLog(tx, origin(1), entry(swv.id)));
    await database.db.transaction((tx) => appendAccessLog(tx, origin(2), entry(swv.id)));
    await sealBatch(database.db, new Date());
    const [head] = await database.db.select().from(accessLogHead).where(eq(accessLogHead.swvId, swv.id));
    expect(head?.seq).toBe(2);
    expect(await problemsOf(swv.id)).toEqual([]);
  });

  it('keeps one unbroken chain when many transactions append at once, none waiting for another', async () => {
    const swv = await aSwv(database.db);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        database.db.transaction(async (tx) => {
          await appendAccessLog(tx, origin(index), entry(swv.id));
          await tx.execute(sql`select 1`);
        }),
      ),
    );
    await sealBatch(database.db, new Date());
    const [counted] = await database.db
      .select({ n: sql<number>`count(*)::int`, sealed: sql<number>`count(seq)::int` })
      .from(accessLog)
      .where(eq(accessLog.swvId, swv.id));
    expect(counted).toEqual({ n: 40, sealed: 40 });
    expect(await problemsOf(swv.id)).toEqual([]);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const swv = await aSwv(database.db);
    await database.db.transaction((tx) => appendAccessLog(tx, origin(1), entry(swv.id)));
    await expect(
      database.db.transaction(async (tx) => {
        await appendAccessLog(tx, origin(2), entry(swv.id));
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    await database.db.transaction((tx) => appendAccessLog(tx, origin(3), entry(swv.id)));
    await sealBatch(database.db, new Date());
    const rows = await database.db
      .select({ seq: accessLog.seq, requestId: accessLog.requestId })
      .from(accessLog)
      .where(eq(accessLog.swvId, swv.id))
      .orderBy(accessLog.seq);
    expect(rows).toEqual([
      { seq: 1, requestId: 'request-1' },
      { seq: 2, requestId: 'request-3' },
    ]);
    expect(await problemsOf(swv.id)).toEqual([]);
  });
});
