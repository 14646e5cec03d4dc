import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSwv } from '../../../test/support/factories.ts';
import { type TestDatabase, testDatabase } from '../../../test/support/testDatabase.ts';
import { type Database, openDatabase, type Tx } from '../db/client.ts';
import { accessLog } from '../db/schema/index.ts';
import { appendAccessLog, hashedPart, hashRow, verifyAccessLog } from './accessLog.ts';
import {
  checkpointFile,
  checkpointKeysOf,
  newSigningKeyText,
  parsePublicKeys,
  parseSigningKeys,
  publicKeyText,
  readCheckpoints,
  resolveCheckpointFolder,
  resolveSigningKeys,
  signCheckpoint,
} from './checkpoints.ts';
import { createSealer, sealBatch } from './sealer.ts';

// docs/decisions/0033: rows are appended unsealed and sealed by one sealer at a time; the sealer
// signs a checkpoint per SWV into a folder outside the database, and verify checks the rows against
// it. Someone who rewrites the database and re-hashes the chain (triggers off) is caught.

let database: TestDatabase;
let folder: string;
const [key] = parseSigningKeys(newSigningKeyText('2026-12'));
const keys = checkpointKeysOf([key!]);

beforeAll(async () => {
  database = await testDatabase();
  folder = mkdtempSync(path.join(tmpdir(), 'passend-checkpoints-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(folder, { recursive: true, force: true });
});

async function appendRow(db: Database['db'], swvId: string, index: number): Promise<void> {
  await db.transaction((tx) =>
    appendAccessLog(
      tx,
      {
        actorUserId: uuidv7(),
        requestId: `request-${index}`,
        clientAddress: '198.51.100.4',
        now: new Date(Date.UTC(2026, 11, 3, 9, 0, index)),
      },
      {
        swvId,
        studentId: uuidv7(),
        objectType: 'student',
        objectId: uuidv7(),
        action: 'read',
        outcome: 'allowed',
        purpose: 'own school',
        actorRole: 'school_ib',
        actorOrganisation: 'school:12AB00',
      },
    ),
  );
}

/** An SWV with `length` rows, sealed and published. */
async function aSealedChain(length = 5): Promise<string> {
  const swv = await aSwv(database.db);
  for (let index = 0; index < length; index++) await appendRow(database.db, swv.id, index);
  await createSealer(database.db, { key: key!, folder }).runOnce();
  return swv.id;
}

async function problemsOf(swvId: string) {
  const result = await verifyAccessLog(database.db, { checkpoints: { folder, publicKeys: keys.publicKeys } });
  return result.problems.filter((problem) => problem.swvId === swvId);
}

/** As a superuser who switches the triggers off for one transaction. */
const tamper = (work: (tx: Tx) => Promise<unknown>) =>
  database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await work(tx);
  });

/** Rewrites the chain of an SWV from row 1 on, as the sealer would, so it is consistent in itself. */
async function rehash(tx: Tx, swvId: string): Promise<void> {
  const rows = await tx.select().from(accessLog).where(eq(accessLog.swvId, swvId)).orderBy(accessLog.seq);
  let previous = '0'.repeat(64);
  for (const row of rows) {
    const hash = hashRow(previous, hashedPart(row));
    await tx
      .update(accessLog)
      .set({ previousHash: previous, hash })
      .where(sql`swv_id = ${swvId} and seq = ${row.seq}`);
    previous = hash;
  }
  await tx.execute(
    sql`update access_log_head set seq = ${rows.length}, hash = ${previous} where swv_id = ${swvId}`,
  );
}

describe('the sealer', () => {
  it('seals committed rows, publishes a signed checkpoint per SWV, and verify agrees', async () => {
    const swvId = await aSealedChain(3);
    const lines = readCheckpoints(folder, swvId);
    expect(lines.at(-1)?.checkpoint).toMatchObject({ swvId, size: 3, keyId: '2026-12' });
    expect(await problemsOf(swvId)).toEqual([]);
    const result = await verifyAccessLog(database.db, {
      checkpoints: { folder, publicKeys: keys.publicKeys },
    });
    expect(result.anchored[swvId]).toBe(3);
  });

  it('seals on the next run what a crash left unsealed, and publishes what a crash left unpublished', async () => {
    const swv = await aSwv(database.db);
    // Appended and committed, then the instance "dies" before its sealer ran.
    await appendRow(database.db, swv.id, 1);
    await appendRow(database.db, swv.id, 2);
    // The next instance's sealer.
    const first = await createSealer(database.db, { key: key!, folder }).runOnce();
    expect(first.sealed).toBeGreaterThanOrEqual(2);
    // Sealed in the database but the instance "died" before publishing: a fresh sealer catches up.
    await appendRow(database.db, swv.id, 3);
    await sealBatch(database.db, new Date());
    expect(readCheckpoints(folder, swv.id).at(-1)?.checkpoint?.size).toBe(2);
    const second = await createSealer(database.db, { key: key!, folder }).runOnce();
    expect(second.published.map((checkpoint) => [checkpoint.swvId, checkpoint.size])).toContainEqual([
      swv.id,
      3,
    ]);
    expect(await problemsOf(swv.id)).toEqual([]);
  });

  it('never forks a chain when two sealers race (two connections to one database)', async () => {
    const url = database.target.kind === 'postgres' ? database.target.url : null;
    // On PostgreSQL a second pool, like a second instance; PGlite has one connection, shared.
    const other = url ? await openDatabase({ kind: 'postgres', url, poolSize: 3 }) : null;
    try {
      const swv = await aSwv(database.db);
      const sealers = [database.db, other?.db ?? database.db].map((db) =>
        createSealer(db, { key: key!, folder, batchSize: 7 }),
      );
      let appending = true;
      const appends = (async () => {
        for (let index = 0; index < 60; index++) await appendRow(database.db, swv.id, index);
        appending = false;
      })();
      const results = await Promise.all([
        appends,
        ...sealers.map(async (sealer) => {
          let sealed = 0;
          let skipped = 0;
          while (appending) {
            const run = await sealer.runOnce();
            sealed += run.sealed;
            if (!run.locked) skipped += 1;
          }
          sealed += (await sealer.runOnce()).sealed;
          return { sealed, skipped };
        }),
      ]);
      const [counted] = await database.db
        .select({
          n: sql<number>`count(*)::int`,
          sealed: sql<number>`count(seq)::int`,
          distinctSeq: sql<number>`count(distinct seq)::int`,
          maxSeq: sql<number>`max(seq)::int`,
        })
        .from(accessLog)
        .where(eq(accessLog.swvId, swv.id));
      expect(counted).toEqual({ n: 60, sealed: 60, distinctSeq: 60, maxSeq: 60 });
      const sealedBySealers = results.slice(1) as Array<{ sealed: number }>;
      expect(sealedBySealers.reduce((sum, r) => sum + r.sealed, 0)).toBeGreaterThanOrEqual(60);
      expect(await problemsOf(swv.id)).toEqual([]);
    } finally {
      await other?.close();
    }
  });

  it('refuses to move a head that moved meanwhile (no fork even without the lock)', async () => {
    const swv = await aSwv(database.db);
    await appendRow(database.db, swv.id, 1);
    await sealBatch(database.db, new Date());
    // The head moves only forward, and only from the seq the sealer read: a stale move is refused.
    const backwards = await database.db
      .execute(sql`update access_log_head set seq = 0 where swv_id = ${swv.id}`)
      .then(
        () => null,
        (error: unknown) => (error as Error & { cause?: Error }).cause ?? error,
      );
    expect((backwards as Error).message).toBe('access_log_head only moves forward: UPDATE refused');
  });
});

describe('verify against the signed checkpoints', () => {
  it('catches a changed row whose chain was re-hashed to fit', async () => {
    const swvId = await aSealedChain();
    await tamper(async (tx) => {
      await tx.execute(sql`update access_log set purpose = 'curiosity' where swv_id = ${swvId} and seq = 2`);
      await rehash(tx, swvId);
    });
    // Without the checkpoints the chain looks intact: that is what an administrator could do before.
    const chainOnly = await verifyAccessLog(database.db);
    expect(chainOnly.problems.filter((problem) => problem.swvId === swvId)).toEqual([]);
    expect(await problemsOf(swvId)).toEqual([
      expect.objectContaining({
        swvId,
        seq: 5,
        problem: expect.stringContaining('differ from the signed checkpoint'),
      }),
    ]);
  });

  it('catches rows removed at the end, with the head moved back', async () => {
    const swvId = await aSealedChain();
    await tamper(async (tx) => {
      await tx.execute(sql`delete from access_log where swv_id = ${swvId} and seq >= 4`);
      await rehash(tx, swvId);
    });
    expect((await verifyAccessLog(database.db)).problems.filter((p) => p.swvId === swvId)).toEqual([]);
    expect(await problemsOf(swvId)).toEqual([
      expect.objectContaining({
        swvId,
        seq: 4,
        problem: expect.stringContaining('rows from sequence 4 to 5 were removed'),
      }),
    ]);
  });

  it('catches all rows of an SWV removed, head and all', async () => {
    const swvId = await aSealedChain(2);
    await tamper(async (tx) => {
      await tx.execute(sql`delete from access_log where swv_id = ${swvId}`);
      await tx.execute(sql`delete from access_log_head where swv_id = ${swvId}`);
    });
    expect(await problemsOf(swvId)).toEqual([
      expect.objectContaining({
        swvId,
        seq: 1,
        problem: expect.stringContaining('rows from sequence 1 to 2 were removed'),
      }),
    ]);
  });

  it('catches an inserted row, and reordered rows, re-hashed to fit', async () => {
    const inserted = await aSealedChain();
    await tamper(async (tx) => {
      await tx.execute(
        sql`update access_log set seq = seq + 1000000 where swv_id = ${inserted} and seq >= 3`,
      );
      await tx.execute(
        sql`update access_log set seq = seq - 999999 where swv_id = ${inserted} and seq >= 1000000`,
      );
      await tx.execute(sql`insert into access_log (swv_id, seq, at, actor_user_id, actor_role, actor_organisation,
          student_id, object_type, object_id, part, action, outcome, purpose, break_glass, client_address, request_id,
          previous_hash, hash, sealed_at)
        select swv_id, 3, at, actor_user_id, actor_role, actor_organisation, student_id, object_type, object_id, part,
          action, outcome, 'a read that never happened', break_glass, client_address, request_id, '', '', sealed_at
        from access_log where swv_id = ${inserted} and seq = 2`);
      await rehash(tx, inserted);
    });
    expect(await problemsOf(inserted)).toEqual([
      expect.objectContaining({
        swvId: inserted,
        seq: 5,
        problem: expect.stringContaining('differ from the signed checkpoint'),
      }),
    ]);

    const reordered = await aSealedChain();
    await tamper(async (tx) => {
      await tx.execute(sql`update access_log set seq = 100 where swv_id = ${reordered} and seq = 2`);
      await tx.execute(sql`update access_log set seq = 2 where swv_id = ${reordered} and seq = 3`);
      await tx.execute(sql`update access_log set seq = 3 where swv_id = ${reordered} and seq = 100`);
      await rehash(tx, reordered);
    });
    expect(await problemsOf(reordered)).toEqual([
      expect.objectContaining({
        swvId: reordered,
        seq: 5,
        problem: expect.stringContaining('differ from the signed checkpoint'),
      }),
    ]);
  });

  it('catches a forged checkpoint: re-signed with another key, or edited', async () => {
    const swvId = await aSealedChain(3);
    // The administrator rewrites history and publishes a checkpoint of their own for it.
    await tamper(async (tx) => {
      await tx.execute(sql`update access_log set purpose = 'curiosity' where swv_id = ${swvId} and seq = 3`);
      await rehash(tx, swvId);
    });
    const [head] = await database.db
      .execute(sql`select seq, hash from access_log_head where swv_id = ${swvId}`)
      .then((result) => (result as unknown as { rows: { seq: string; hash: string }[] }).rows);
    const file = checkpointFile(folder, swvId);
    const original = readFileSync(file, 'utf8');
    const [ownKey] = parseSigningKeys(newSigningKeyText('2026-12'));
    const forged = signCheckpoint(
      { swvId, size: 3, root: head!.hash, at: new Date().toISOString() },
      ownKey!,
    );
    writeFileSync(file, `${JSON.stringify(forged)}\n`);
    expect(await problemsOf(swvId)).toEqual([
      expect.objectContaining({
        swvId,
        problem:
          'checkpoint on line 1 is not valid: its signature does not verify: it was not made with the key',
      }),
    ]);
    // The real checkpoint with its root edited to fit.
    const edited = { ...JSON.parse(original.trim().split('\n').at(-1)!), root: head!.hash };
    writeFileSync(file, `${JSON.stringify(edited)}\n`);
    expect(await problemsOf(swvId)).toEqual([
      expect.objectContaining({ swvId, problem: expect.stringContaining('its signature does not verify') }),
    ]);
    // A key id nobody configured.
    writeFileSync(file, `${JSON.stringify({ ...edited, keyId: 'mine' })}\n`);
    expect(await problemsOf(swvId)).toEqual([
      expect.objectContaining({
        swvId,
        problem: 'checkpoint on line 1 is not valid: signed with unknown key "mine"',
      }),
    ]);
  });

  it('verifies with the public key alone, as an outside party would', async () => {
    const swvId = await aSealedChain(2);
    const publicKeys = parsePublicKeys(publicKeyText(key!));
    const result = await verifyAccessLog(database.db, { checkpoints: { folder, publicKeys } });
    expect(result.problems.filter((problem) => problem.swvId === swvId)).toEqual([]);
    expect(result.anchored[swvId]).toBe(2);
  });
});

describe('the signing key and the folder', () => {
  it('refuses to start on PostgreSQL without a key or a folder, with a clear error', () => {
    expect(() => resolveSigningKeys(null, { kind: 'postgres' })).toThrow(
      'PASSEND_AUDIT_KEYS is required with DATABASE_URL',
    );
    expect(() => resolveCheckpointFolder(null, { kind: 'postgres' })).toThrow(
      'PASSEND_AUDIT_CHECKPOINT_DIR is required with DATABASE_URL',
    );
  });

  it('names a bad key by its id, never its value', () => {
    expect(() => parseSigningKeys('k1:c2hvcnQ=')).toThrow('key k1: must be 32 bytes in base64');
    expect(() => parseSigningKeys('')).toThrow('no keys given');
  });

  it('makes and keeps a key file for the embedded database', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'passend-data-'));
    try {
      const first = resolveSigningKeys(null, { kind: 'pglite', dataDir });
      const again = resolveSigningKeys(null, { kind: 'pglite', dataDir });
      expect(publicKeyText(again[0]!)).toBe(publicKeyText(first[0]!));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
