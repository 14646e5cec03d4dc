// The access log's sealer (docs/decisions/0033, docs/SECURITY.md A2). Requests append unsealed rows
// without a shared lock; the sealer takes the committed, unsealed rows in batches, in the order
// it takes them (by `id`), gives each its place in its SWV's chain and its hash, moves the SWV's
// head, and then signs and publishes a checkpoint per SWV it moved. One sealer at a time across
// instances: a transaction-level advisory lock (no session lock, so PgBouncer's transaction pooling
// works); a sealer that does not get it skips its turn. The head moves only from the seq it read,
// so even a sealer without the lock could not fork a chain.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/client.ts';
import { accessLog, accessLogHead } from '../db/schema/index.ts';
import { genesisHash, hashedPart, hashRow } from './accessLog.ts';
import {
  type Checkpoint,
  publishCheckpoint,
  readCheckpoints,
  type SignedCheckpoint,
  type SigningKey,
  signCheckpoint,
} from './checkpoints.ts';

/** pg_try_advisory_xact_lock key of the sealer ("passend access-log sealer"). */
const sealerLockKey = 7_265_110_516;

export type SealBatch = {
  /** false: another sealer held the lock, nothing was done. */
  locked: boolean;
  sealed: number;
  /** The SWVs' new heads, as checkpoints not yet signed. */
  heads: Checkpoint[];
  /** Who, in which SWV, was allowed a child's data in the batch's rows, each once (SECURITY.md E5). */
  readers: Reader[];
};

export type Reader = { swvId: string; userId: string };

type UnsealedRow = typeof accessLog.$inferSelect;

/** Seals up to `limit` committed rows in one transaction. */
export async function sealBatch(db: Db, now: Date, limit = 5000): Promise<SealBatch> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${sealerLockKey}) as locked`,
    );
    if (!lock?.locked) return { locked: false, sealed: 0, heads: [], readers: [] };
    const rows = await tx
      .select()
      .from(accessLog)
      .where(sql`${accessLog.seq} is null`)
      .orderBy(accessLog.id)
      .limit(limit);
    if (rows.length === 0) return { locked: true, sealed: 0, heads: [], readers: [] };
    const swvIds = [...new Set(rows.map((row) => row.swvId))];
    const heads = new Map(
      (
        await queryRows<{ swv_id: string; seq: string; hash: string }>(
          tx,
          sql`select swv_id, seq::text as seq, hash from access_log_head
               where swv_id in (${sql.join(
                 swvIds.map((id) => sql`${id}::uuid`),
                 sql`, `,
               )}) for update`,
        )
      ).map((head) => [head.swv_id, { seq: Number(head.seq), hash: head.hash }]),
    );
    const before = new Map(swvIds.map((id) => [id, heads.get(id) ?? { seq: 0, hash: genesisHash }]));
    const current = new Map(before);
    const seals = rows.map((row: UnsealedRow) => {
      const head = current.get(row.swvId)!;
      const seq = head.seq + 1;
      const hash = hashRow(head.hash, hashedPart({ ...row, seq }));
      current.set(row.swvId, { seq, hash });
      return { id: row.id, seq, previous_hash: head.hash, hash };
    });
    await tx.execute(sql`
      update access_log a
         set seq = v.seq, previous_hash = v.previous_hash, hash = v.hash, sealed_at = ${now.toISOString()}::timestamptz
        from json_to_recordset(${JSON.stringify(seals)}::json) as v(id bigint, seq bigint, previous_hash text, hash text)
       where a.id = v.id and a.seq is null`);
    // The head moves only from what was read: a second sealer that somehow ran too fails here.
    const moves = swvIds.map((swvId) => ({
      swv_id: swvId,
      from_seq: before.get(swvId)!.seq,
      seq: current.get(swvId)!.seq,
      hash: current.get(swvId)!.hash,
    }));
    const moved = await queryRows<{ swv_id: string }>(
      tx,
      sql`
      insert into access_log_head as h (swv_id, seq, hash)
      select v.swv_id, v.seq, v.hash
        from json_to_recordset(${JSON.stringify(moves)}::json) as v(swv_id uuid, from_seq bigint, seq bigint, hash text)
      on conflict (swv_id) do update set seq = excluded.seq, hash = excluded.hash
        where h.seq = (select m.from_seq from json_to_recordset(${JSON.stringify(moves)}::json)
                         as m(swv_id uuid, from_seq bigint) where m.swv_id = h.swv_id)
      returning h.swv_id`,
    );
    if (moved.length !== swvIds.length) throw new Error('access log head moved meanwhile: batch not sealed');
    const at = now.toISOString();
    const readers = new Map<string, Reader>();
    for (const row of rows) {
      if (row.outcome !== 'allowed' || row.studentId === null || row.actorUserId === null) continue;
      readers.set(`${row.swvId}/${row.actorUserId}`, { swvId: row.swvId, userId: row.actorUserId });
    }
    return {
      locked: true,
      sealed: rows.length,
      heads: moves.map((move) => ({ swvId: move.swv_id, size: move.seq, root: move.hash, at })),
      readers: [...readers.values()],
    };
  });
}

export type SealerOptions = {
  key: SigningKey;
  /** The checkpoint folder (PASSEND_AUDIT_CHECKPOINT_DIR). */
  folder: string;
  now?: () => Date;
  batchSize?: number;
  /**
   * Told, after each sealed batch (also an empty one), who read children’s data in it: the watch on unusual bulk
   * reading (SECURITY.md E5). Its failure is logged and does not stop the sealing.
   */
  onReaders?: (readers: readonly Reader[]) => Promise<void>;
};

export type Sealer = {
  /** Seals everything committed so far and publishes checkpoints; answers what it sealed. */
  runOnce(): Promise<{ sealed: number; published: SignedCheckpoint[]; locked: boolean }>;
  /** Runs now, then every `intervalMs` (one run at a time). */
  start(intervalMs?: number): void;
  /** Stops the timer and waits for a running run. */
  stop(): Promise<void>;
};

export function createSealer(db: Db, options: SealerOptions): Sealer {
  const now = options.now ?? (() => new Date());
  /** Per SWV, the size of the last checkpoint in the folder (read from the file on first need). */
  const published = new Map<string, number>();
  let caughtUp = false;
  let running: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const publishedSize = (swvId: string) => {
    if (!published.has(swvId)) {
      const sizes = readCheckpoints(options.folder, swvId).flatMap((read) =>
        read.checkpoint ? [read.checkpoint.size] : [],
      );
      published.set(swvId, sizes.length === 0 ? -1 : Math.max(...sizes));
    }
    return published.get(swvId)!;
  };

  const publish = (head: Checkpoint, out: SignedCheckpoint[]) => {
    if (head.size <= publishedSize(head.swvId)) return;
    const signed = signCheckpoint(head, options.key);
    publishCheckpoint(options.folder, signed);
    published.set(head.swvId, head.size);
    out.push(signed);
  };

  async function runOnce() {
    const out: SignedCheckpoint[] = [];
    let sealed = 0;
    let locked = true;
    // After a start (or a crash between sealing and publishing): publish every head not yet in the folder.
    if (!caughtUp) {
      const heads = await db.select().from(accessLogHead);
      const at = now().toISOString();
      for (const head of heads) {
        if (head.seq > 0) publish({ swvId: head.swvId, size: head.seq, root: head.hash, at }, out);
      }
      caughtUp = true;
    }
    for (;;) {
      const batch = await sealBatch(db, now(), options.batchSize);
      locked = batch.locked;
      sealed += batch.sealed;
      for (const head of batch.heads) publish(head, out);
      // Also with no readers: the watch counts, once due, who read more since their last count.
      if (options.onReaders) {
        await options
          .onReaders(batch.readers)
          .catch((error: unknown) =>
            console.error(`Bulk-reading watch: ${error instanceof Error ? error.name : 'unknown error'}`),
          );
      }
      if (!batch.locked || batch.sealed < (options.batchSize ?? 5000)) break;
    }
    return { sealed, published: out, locked };
  }

  const runSerially = () => {
    const run = (running ?? Promise.resolve()).then(runOnce);
    running = run.catch(() => {});
    return run;
  };

  return {
    runOnce: runSerially,
    start(intervalMs = 1000) {
      if (timer) return;
      const tick = () => {
        runSerially()
          .catch((error: unknown) =>
            console.error(`Access-log sealer: ${error instanceof Error ? error.message : 'unknown error'}`),
          )
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
