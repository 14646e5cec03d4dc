// Reading work on a streaming replica (docs/decisions/0039, docs/operations.md): when
// DATABASE_REPLICA_URL is set, the monitor, its exports and the yearly report read their figures
// there; everything that writes, and every read that must see the user's own last write, stays on
// the primary, and so does the access-log row of each read. A probe every few seconds measures how
// far the replica is behind; when it lags beyond the bound, is down, or is no replica any more
// (promoted), reading work goes to the primary. Each change of state is one log line (no personal
// data) and /api/health shows the state.
import { sql } from 'drizzle-orm';
import { type Database, queryRows, type Tx } from './client.ts';
import { isRecoveryConflict, isUnavailable } from './errors.ts';

export type ReplicaState = 'streaming' | 'lagging' | 'down' | 'promoted';

export type ReplicaStatus = {
  state: ReplicaState;
  /** Seconds the replica is behind the primary (to within a probe); null when unknown. */
  lagSeconds: number | null;
  maxLagSeconds: number;
  /** Where reading work goes now. */
  readingFrom: 'replica' | 'primary';
  /** When the state last changed. */
  since: string;
};

export type ReadingDatabase = {
  /** The replica when reading work may go there now; null: read on the primary. */
  replica(): Database | null;
  status(): ReplicaStatus;
  /** Probes the replica (and the primary's WAL position) now. */
  check(): Promise<ReplicaStatus>;
  /** A query on the replica failed for want of a connection: down until a probe finds it again. */
  failed(): void;
  /** Probes every `intervalMs` until close(). */
  start(intervalMs?: number): void;
  /** Stops probing and closes the replica's connections. */
  close(): Promise<void>;
};

export type ReadingOptions = {
  maxLagSeconds: number;
  /** One line per change of state; console.warn by default. */
  log?: (line: string) => void;
  now?: () => number;
};

/** A WAL position ('16/B374D848') as a number, to compare. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

export type WalSample = { at: number; lsn: bigint };

/**
 * How far behind the replica is: the age of the oldest primary WAL position (sampled at each
 * probe) it has not replayed yet; 0 when it has replayed all of them. Unlike the time since the
 * last replayed commit, this stays 0 on an idle primary and grows on a stuck replica.
 */
export function lagSeconds(samples: readonly WalSample[], replayed: bigint, now: number): number {
  const pending = samples.find((s) => s.lsn > replayed);
  return pending ? Math.max(0, (now - pending.at) / 1000) : 0;
}

export function createReadingDatabase(
  primary: Database,
  replica: Database,
  options: ReadingOptions,
): ReadingDatabase {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.warn(line));
  let samples: WalSample[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let status: ReplicaStatus = {
    // Until the first probe, reading work stays on the primary.
    state: 'down',
    lagSeconds: null,
    maxLagSeconds: options.maxLagSeconds,
    readingFrom: 'primary',
    since: new Date(now()).toISOString(),
  };
  let announced = false;

  const set = (state: ReplicaState, lag: number | null) => {
    const changed = state !== status.state || !announced;
    status = {
      state,
      lagSeconds: lag === null ? null : Math.round(lag * 10) / 10,
      maxLagSeconds: options.maxLagSeconds,
      readingFrom: state === 'streaming' ? 'replica' : 'primary',
      since: changed ? new Date(now()).toISOString() : status.since,
    };
    if (changed) {
      announced = true;
      const lagText = status.lagSeconds === null ? '' : `, ${status.lagSeconds} s behind`;
      log(
        `Replica ${state}${lagText} (bound ${options.maxLagSeconds} s): reading work goes to the ${status.readingFrom}`,
      );
    }
  };

  const check = async (): Promise<ReplicaStatus> => {
    let primaryLsn: bigint | null = null;
    try {
      const [row] = await queryRows<{ lsn: string }>(
        primary.db,
        sql`select pg_current_wal_lsn()::text as lsn`,
      );
      primaryLsn = parseLsn(row!.lsn);
    } catch {
      // The primary does not answer: nothing to measure against; the replica's state stays.
    }
    const at = now();
    if (primaryLsn !== null) {
      samples.push({ at, lsn: primaryLsn });
      if (samples.length > 1000) samples = samples.slice(-1000);
    }
    try {
      const [row] = await queryRows<{ recovering: boolean; replayed: string | null }>(
        replica.db,
        sql`select pg_is_in_recovery() as recovering, pg_last_wal_replay_lsn()::text as replayed`,
      );
      if (!row!.recovering) {
        // Promoted (or pointed at a primary): reading there could read a diverged copy; use the primary.
        set('promoted', null);
      } else if (primaryLsn === null) {
        return status;
      } else {
        const replayed = row!.replayed ? parseLsn(row!.replayed) : 0n;
        samples = samples.filter((s) => s.lsn > replayed);
        const lag = lagSeconds(samples, replayed, now());
        set(lag > options.maxLagSeconds ? 'lagging' : 'streaming', lag);
      }
    } catch {
      set('down', null);
    }
    return status;
  };

  return {
    replica: () => (status.state === 'streaming' ? replica : null),
    status: () => status,
    check,
    failed: () => {
      if (status.state !== 'down') set('down', null);
    },
    start: (intervalMs = 5000) => {
      if (timer || closed) return;
      const tick = () => {
        timer = setTimeout(() => {
          void check().finally(() => {
            if (!closed) tick();
          });
        }, intervalMs);
        timer.unref();
      };
      tick();
    },
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await replica.close();
    },
  };
}

/**
 * Runs reading work on the replica when there is one fit to read, in one read-only snapshot
 * (REPEATABLE READ), else in the caller's primary transaction. A replica that fails for want of a
 * connection is marked down and the work runs on the primary at once; a query the replica
 * cancelled for a conflict with recovery runs on the primary too.
 */
export async function readOnReplica<T>(
  reading: ReadingDatabase | null | undefined,
  primary: Tx,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const replica = reading?.replica();
  if (!reading || !replica) return work(primary);
  try {
    return await replica.db.transaction(work, { isolationLevel: 'repeatable read', accessMode: 'read only' });
  } catch (error) {
    if (isUnavailable(error)) reading.failed();
    else if (!isRecoveryConflict(error)) throw error;
    return work(primary);
  }
}
