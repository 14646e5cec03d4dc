// Writes and verifies the NEN 7513 access log (docs/SECURITY.md A1, A2). A request appends its row
// unsealed; the sealer (sealer.ts) gives it its place in its SWV's chain: hash = SHA-256(previous
// hash + canonical row), and after each batch signs and publishes a checkpoint (checkpoints.ts).
// `verifyAccessLog` walks the chains and checks them against the published checkpoints.
import { createHash, type KeyObject } from 'node:crypto';
import { and, asc, eq, gt, isNotNull, type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.ts';
import { type accessActions, accessLog, accessLogHead } from '../db/schema/index.ts';
import { checkpointedSwvs, checkSignature, readCheckpoints, type SignedCheckpoint } from './checkpoints.ts';

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
/** What the hash covers: every column but the append order, the seal time and the hashes. */
export type HashedRow = Omit<LogRow, 'id' | 'hash' | 'previousHash' | 'sealedAt' | 'seq'> & { seq: number };

/** docs/SECURITY.md A5: no control characters reach the log (no forged lines, no terminal escapes). */
function escapeControl(value: string): string {
  return value.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The canonical text of a row, in a fixed field order; the hash covers exactly this. */
function canonicalRow(row: HashedRow): string {
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

export function hashRow(previousHash: string, row: HashedRow): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalRow(row)).digest('hex');
}

/**
 * Appends one row in the caller's transaction: if it cannot be written, the work fails with it
 * (fail closed). A plain INSERT with no lock shared with other requests: the row is unsealed
 * (no place in the chain, no hash) until the sealer takes it, in order of `id`, after commit
 * (src/server/access/sealer.ts, docs/decisions/0033). Until then the append-only trigger guards it.
 */
export async function appendAccessLog(
  tx: Queryable,
  origin: AccessOrigin,
  entry: AccessEntry,
): Promise<void> {
  const held = heldBack.get(tx);
  if (held) held.push({ origin, entry });
  else await insertRow(tx, origin, entry);
}

/**
 * The rows a use case's transaction holds back until its work is done (runUseCase): written as
 * its last statement before COMMIT, so no savepoint is needed to keep them when the work is
 * refused (then they are written in a transaction of their own). Any other transaction gets its
 * rows at once.
 */
const heldBack = new WeakMap<object, HeldRow[]>();
export type HeldRow = { origin: AccessOrigin; entry: AccessEntry };

/** From now on, rows appended in `tx` wait for writeHeldBack (or takeHeldBack after a refusal). */
export function holdBackLog(tx: Queryable): void {
  heldBack.set(tx, []);
}

/** Writes the rows held back in `tx`, in `tx`, and stops holding back. */
export async function writeHeldBack(tx: Queryable): Promise<void> {
  for (const row of takeHeldBack(tx)) await insertRow(tx, row.origin, row.entry);
}

/** The rows held back in `tx` (to write elsewhere after `tx` rolled back); stops holding back. */
export function takeHeldBack(tx: Queryable): HeldRow[] {
  const rows = heldBack.get(tx) ?? [];
  heldBack.delete(tx);
  return rows;
}

/** The row's columns as written: control characters escaped (A5), not sealed. */
function rowValues(origin: AccessOrigin, entry: AccessEntry) {
  return {
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
}

async function insertRow(tx: Queryable, origin: AccessOrigin, entry: AccessEntry): Promise<void> {
  await tx.insert(accessLog).values(rowValues(origin, entry));
}

/**
 * One statement that appends the row of an allowed read and reads (docs/decisions/0038): the row is
 * inserted only while the session `sessionTokenHash` still exists (none given: always), and `read`
 * (a SELECT of at most one row) is answered only beside the inserted row. A single statement is
 * atomic: it commits the row with the read or fails whole (no row, no answer, A1). Answers no row
 * when the session has ended; a row with `found` null when `read` found nothing. The text is the
 * same for every call of one `read`, so it runs as a prepared statement.
 */
export function appendAndReadSql(
  origin: AccessOrigin,
  entry: AccessEntry,
  sessionTokenHash: string | undefined,
  read: SQL,
): SQL {
  const v = rowValues(origin, entry);
  const stillSignedIn =
    sessionTokenHash === undefined
      ? sql``
      : sql` where exists (select 1 from session where token_hash = ${sessionTokenHash})`;
  return sql`with logged as (
      insert into access_log (swv_id, at, actor_user_id, actor_role, actor_organisation, student_id,
                              object_type, object_id, part, action, outcome, purpose, break_glass,
                              client_address, request_id)
      select ${v.swvId}::uuid, ${v.at.toISOString()}::timestamptz, ${v.actorUserId}::uuid, ${v.actorRole}::text,
             ${v.actorOrganisation}::text, ${v.studentId}::uuid, ${v.objectType}::text, ${v.objectId}::text,
             ${v.part}::text, ${v.action}::text, ${v.outcome}::text, ${v.purpose}::text, ${v.breakGlass}::boolean,
             ${v.clientAddress}::text, ${v.requestId}::text${stillSignedIn}
      returning id)
    select r.* from logged left join lateral (select true as found, q.* from (${read}) q) r on true`;
}

/** Starts an SWV's chain at the genesis hash, where the SWV is made; a started chain stays as it is. */
export async function startAccessLogChain(tx: Queryable, swvId: string): Promise<void> {
  await tx.insert(accessLogHead).values({ swvId, seq: 0, hash: genesisHash }).onConflictDoNothing();
}

export type ChainProblem = { swvId: string; seq: number; problem: string };

export type VerifyOptions = {
  onProgress?: (checked: number) => void;
  /** The folder of published checkpoints and the keys that verify them; without it only the chain is checked. */
  checkpoints?: { folder: string; publicKeys: ReadonlyMap<string, KeyObject> };
};

export type Verification = {
  /** Sealed rows checked. */
  checked: number;
  problems: ChainProblem[];
  /** Rows not sealed yet (appended in the last moments, or while no sealer ran). */
  unsealed: number;
  /** Per SWV, the size of the latest valid published checkpoint (absent: none). */
  anchored: Record<string, number>;
};

/**
 * Walks every SWV's chain in order and reports the first broken row per SWV: a changed row (its
 * hash no longer matches), a removed, inserted or reordered row (sequence or previous hash off),
 * removed rows at the end (the head is ahead of the last row). With the published checkpoints it
 * also finds what someone who rewrote the database consistently did: every checkpoint's signature
 * must hold, and the chain must have, at each checkpoint's size, the checkpoint's hash; a chain
 * shorter than a checkpoint lost rows at its end.
 */
export async function verifyAccessLog(db: Queryable, options: VerifyOptions = {}): Promise<Verification> {
  const heads = new Map(
    (await db.select().from(accessLogHead).orderBy(asc(accessLogHead.swvId))).map((head) => [
      head.swvId,
      head,
    ]),
  );
  const withRows = await db.selectDistinct({ swvId: accessLog.swvId }).from(accessLog);
  const folder = options.checkpoints?.folder;
  const swvIds = [
    ...new Set([
      ...heads.keys(),
      ...withRows.map((row) => row.swvId),
      ...(folder ? checkpointedSwvs(folder) : []),
    ]),
  ].sort();
  const [unsealedCount] = await queryRows<{ n: string }>(
    db,
    sql`select count(*)::text as n from access_log where seq is null`,
  );
  const problems: ChainProblem[] = [];
  const anchored: Record<string, number> = {};
  let checked = 0;
  for (const swvId of swvIds) {
    const head = heads.get(swvId);
    const found: ChainProblem[] = [];
    const report = (seq: number, problem: string) => found.push({ swvId, seq, problem });
    // The signed checkpoints, smallest first; a forged or unreadable one is a problem in itself.
    const checkpoints: SignedCheckpoint[] = [];
    if (folder && options.checkpoints) {
      for (const read of readCheckpoints(folder, swvId)) {
        const why = read.checkpoint
          ? checkSignature(read.checkpoint, options.checkpoints.publicKeys)
          : read.problem;
        if (why !== null)
          report(read.checkpoint?.size ?? 0, `checkpoint on line ${read.line} is not valid: ${why}`);
        else checkpoints.push(read.checkpoint!);
      }
      checkpoints.sort((a, b) => a.size - b.size);
      if (checkpoints.length > 0) anchored[swvId] = checkpoints.at(-1)!.size;
    }
    if (!head && withRows.some((row) => row.swvId === swvId))
      report(0, 'rows exist for an SWV without a chain head');
    let expectedSeq = 1;
    let previousHash = genesisHash;
    let next = 0;
    const checkAt = (size: number, hash: string) => {
      while (next < checkpoints.length && checkpoints[next]!.size === size) {
        const checkpoint = checkpoints[next]!;
        if (checkpoint.root !== hash) {
          report(
            size,
            `the rows up to ${size} differ from the signed checkpoint of ${checkpoint.at}: changed, inserted, removed or reordered, and re-hashed`,
          );
        }
        next += 1;
      }
    };
    checkAt(0, genesisHash);
    let broken = false;
    let lastSeq = 0;
    while (!broken) {
      const page = await db
        .select()
        .from(accessLog)
        .where(and(eq(accessLog.swvId, swvId), isNotNull(accessLog.seq), gt(accessLog.seq, lastSeq)))
        .orderBy(asc(accessLog.seq))
        .limit(5000);
      if (page.length === 0) break;
      for (const row of page) {
        const problem =
          head && row.seq! > head.seq
            ? 'this row was added after the chain head'
            : checkRow(row, expectedSeq, previousHash);
        if (problem) {
          report(row.seq!, problem);
          broken = true;
          break;
        }
        previousHash = row.hash!;
        checkAt(expectedSeq, previousHash);
        expectedSeq += 1;
        checked += 1;
      }
      lastSeq = page[page.length - 1]!.seq!;
      options.onProgress?.(checked);
    }
    const size = expectedSeq - 1;
    if (!broken) {
      const beyond = checkpoints.filter((checkpoint) => checkpoint.size > size);
      if (beyond.length > 0) {
        const last = beyond.at(-1)!;
        report(
          size + 1,
          `rows from sequence ${size + 1} to ${last.size} were removed (a signed checkpoint of ${last.at} has them)`,
        );
      } else if (head && head.seq > size) {
        report(
          size + 1,
          `rows from sequence ${size + 1} to ${head.seq} were removed (the chain head is ahead)`,
        );
      } else if (head && head.seq === size && head.hash !== previousHash) {
        // The rows agree with each other but not with the head: the last row was rewritten and re-hashed.
        report(head.seq, 'this row was changed after it was written');
      }
    }
    if (found.length > 0) problems.push(found[0]!);
  }
  return { checked, problems, unsealed: Number(unsealedCount!.n), anchored };
}

function checkRow(row: LogRow, expectedSeq: number, previousHash: string): string | null {
  const seq = row.seq!;
  if (seq > expectedSeq) return `rows from sequence ${expectedSeq} to ${seq - 1} were removed`;
  if (row.previousHash !== previousHash) {
    return 'the chain is broken here: a row was removed, inserted or reordered before this one';
  }
  if (hashRow(previousHash, hashedPart(row)) !== row.hash) return 'this row was changed after it was written';
  return null;
}

/** The columns the hash covers, of a sealed row. */
export function hashedPart(row: LogRow): HashedRow {
  const { id: _id, hash: _hash, previousHash: _previous, sealedAt: _sealedAt, seq, ...content } = row;
  return { ...content, seq: seq! };
}
