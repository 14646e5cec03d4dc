// Writes and verifies the NEN 7513 access log (docs/SECURITY.md A1, A2). Each row is chained to the previous
// row of its SWV: hash = SHA-256(previous hash + canonical row). The head row per SWV holds the
// last sequence number and hash; taking it with UPDATE locks the chain for this transaction only.
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.ts';
import { type accessActions, accessLog, accessLogHead } from '../db/schema/index.ts';

export const genesisHash = '0'.repeat(64);

export type AccessAction = (typeof accessActions)[number];

export type AccessEntry = {
  swvId: string;
  studentId: string | null;
  objectType: string;
  objectId: string | null;
  part?: string | null;
  action: AccessAction;
  outcome: 'allowed' | 'denied';
  purpose: string;
  actorRole: string;
  actorOrganisation: string;
  breakGlass?: boolean;
};

export type AccessOrigin = {
  actorUserId: string | null;
  requestId: string;
  clientAddress: string;
  now: Date;
};

type LogRow = typeof accessLog.$inferSelect;

/** docs/SECURITY.md A5: no control characters reach the log (no forged lines, no terminal escapes). */
function escapeControl(value: string): string {
  return value.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The canonical text of a row, in a fixed field order; the hash covers exactly this. */
function canonicalRow(row: Omit<LogRow, 'hash' | 'previousHash'>): string {
  return JSON.stringify([
    row.swvId,
    row.seq,
    row.at.toISOString(),
    row.actorUserId,
    row.actorRole,
    row.actorOrganisation,
    row.studentId,
    row.objectType,
    row.objectId,
    row.part,
    row.action,
    row.outcome,
    row.purpose,
    row.breakGlass,
    row.clientAddress,
    row.requestId,
  ]);
}

export function hashRow(previousHash: string, row: Omit<LogRow, 'hash' | 'previousHash'>): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalRow(row)).digest('hex');
}

/**
 * Appends one row in the caller's transaction: if it cannot be written, the work fails with it.
 * One statement takes the chain head, hashes the row and writes row and head, so the SWV's chain
 * (which every logged read of the SWV needs) is locked for one round trip, not three, and its
 * head row gets one new version per append, not two (bench/RESULTS.md). The database computes
 * the SHA-256 over the canonical row built here, with only the sequence number filled in: the
 * same bytes as hashRow, which verifyAccessLog checks.
 */
export async function appendAccessLog(
  tx: Queryable,
  origin: AccessOrigin,
  entry: AccessEntry,
): Promise<void> {
  const row = {
    swvId: entry.swvId,
    at: origin.now,
    actorUserId: origin.actorUserId,
    actorRole: entry.actorRole,
    actorOrganisation: escapeControl(entry.actorOrganisation),
    studentId: entry.studentId,
    objectType: entry.objectType,
    objectId: entry.objectId === null ? null : escapeControl(entry.objectId),
    part: entry.part ?? null,
    action: entry.action,
    outcome: entry.outcome,
    purpose: escapeControl(entry.purpose),
    breakGlass: entry.breakGlass ?? false,
    clientAddress: escapeControl(origin.clientAddress),
    requestId: escapeControl(origin.requestId),
  };
  if (await appendAtHead(tx, row)) return;
  // The SWV's first row: create its chain head, then append.
  await startAccessLogChain(tx, row.swvId);
  if (!(await appendAtHead(tx, row))) throw new Error('access log head missing');
}

/** Starts an SWV's chain at the genesis hash, where the SWV is made; a started chain stays as it is. */
export async function startAccessLogChain(tx: Queryable, swvId: string): Promise<void> {
  await tx.insert(accessLogHead).values({ swvId, seq: 0, hash: genesisHash }).onConflictDoNothing();
}

/** Appends after the SWV's chain head; false when the SWV has no head yet. */
async function appendAtHead(
  tx: Queryable,
  row: Omit<LogRow, 'seq' | 'hash' | 'previousHash'>,
): Promise<boolean> {
  // The canonical row is [swvId, seq, …]: the text before and after the sequence number.
  const canonical = canonicalRow({ ...row, seq: 0 });
  const beforeSeq = `${JSON.stringify([row.swvId]).slice(0, -1)},`;
  if (!canonical.startsWith(`${beforeSeq}0,`)) throw new Error('unexpected canonical row');
  const afterSeq = canonical.slice(beforeSeq.length + 1);
  // Under READ COMMITTED, FOR UPDATE waits for a concurrent append to commit and then returns the
  // head it left; the UPDATE, re-checking the row it changed, writes on top of that same head.
  const appended = await queryRows<{ seq: string | number }>(
    tx,
    sql`
    with head as materialized (
      select seq, hash from access_log_head where swv_id = ${row.swvId} for update
    ), moved as (
      update access_log_head h
         set seq = head.seq + 1,
             hash = encode(sha256(convert_to(
               head.hash || chr(10) || ${beforeSeq} || (head.seq + 1)::text || ${afterSeq}, 'UTF8')), 'hex')
        from head
       where h.swv_id = ${row.swvId}
      returning h.seq, h.hash, head.hash as previous_hash
    )
    insert into access_log (swv_id, seq, at, actor_user_id, actor_role, actor_organisation, student_id,
      object_type, object_id, part, action, outcome, purpose, break_glass, client_address, request_id,
      previous_hash, hash)
    select ${row.swvId}::uuid, moved.seq, ${row.at.toISOString()}::timestamptz, ${row.actorUserId}::uuid,
      ${row.actorRole}, ${row.actorOrganisation}, ${row.studentId}::uuid, ${row.objectType}, ${row.objectId}::text,
      ${row.part}::text, ${row.action}, ${row.outcome}, ${row.purpose}, ${row.breakGlass}::boolean,
      ${row.clientAddress}, ${row.requestId}, moved.previous_hash, moved.hash
      from moved
    returning seq`,
  );
  return appended.length === 1;
}

export type ChainProblem = { swvId: string; seq: number; problem: string };

/**
 * Walks every SWV's chain in order and reports the first broken row per SWV: a changed row (its
 * hash no longer matches), a removed, inserted or reordered row (sequence or previous hash off),
 * or removed rows at the end (the head is ahead of the last row).
 */
export async function verifyAccessLog(
  db: Queryable,
  onProgress?: (checked: number) => void,
): Promise<{ checked: number; problems: ChainProblem[] }> {
  const heads = await db.select().from(accessLogHead).orderBy(asc(accessLogHead.swvId));
  const seen = new Set(heads.map((head) => head.swvId));
  const orphanSwvs = await db
    .selectDistinct({ swvId: accessLog.swvId })
    .from(accessLog)
    .then((rows) => rows.filter((row) => !seen.has(row.swvId)));
  const problems: ChainProblem[] = orphanSwvs.map(({ swvId }) => ({
    swvId,
    seq: 0,
    problem: 'rows exist for an SWV without a chain head',
  }));
  let checked = 0;
  for (const head of heads) {
    let expectedSeq = 1;
    let previousHash = genesisHash;
    let problem: ChainProblem | null = null;
    let lastSeq = 0;
    while (problem === null) {
      const page = await db
        .select()
        .from(accessLog)
        .where(and(eq(accessLog.swvId, head.swvId), gt(accessLog.seq, lastSeq)))
        .orderBy(asc(accessLog.seq))
        .limit(5000);
      if (page.length === 0) break;
      for (const row of page) {
        problem =
          row.seq > head.seq
            ? { swvId: row.swvId, seq: row.seq, problem: 'this row was added after the chain head' }
            : checkRow(row, expectedSeq, previousHash);
        if (problem) break;
        previousHash = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      lastSeq = page[page.length - 1]!.seq;
      onProgress?.(checked);
    }
    if (!problem && head.seq !== expectedSeq - 1) {
      problem = {
        swvId: head.swvId,
        seq: expectedSeq,
        problem: `rows from sequence ${expectedSeq} to ${head.seq} were removed (the chain head is ahead)`,
      };
    } else if (!problem && head.hash !== previousHash) {
      // The rows agree with each other but not with the head: the last row was rewritten and re-hashed.
      problem = { swvId: head.swvId, seq: head.seq, problem: 'this row was changed after it was written' };
    }
    if (problem) problems.push(problem);
  }
  return { checked, problems };
}

function checkRow(row: LogRow, expectedSeq: number, previousHash: string): ChainProblem | null {
  const at = (problem: string) => ({ swvId: row.swvId, seq: row.seq, problem });
  if (row.seq > expectedSeq) return at(`rows from sequence ${expectedSeq} to ${row.seq - 1} were removed`);
  if (row.previousHash !== previousHash) {
    return at('the chain is broken here: a row was removed, inserted or reordered before this one');
  }
  const { hash, previousHash: _previous, ...content } = row;
  if (hashRow(previousHash, content) !== hash) return at('this row was changed after it was written');
  return null;
}
