// Reading work on the replica (db/replica.ts, decision 0039): how lag is measured, the states and
// their log lines, where readOnReplica sends the work, and the 503 a lost database answers. The same
// with a real streaming replica: test/drills/replica.test.ts.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/drills/support/cluster.ts';
import { type TestDatabase, testDatabase } from '../../../test/support/testDatabase.ts';
import { buildApp } from '../app.ts';
import { type Database, openDatabase, queryRows } from './client.ts';
import { isRecoveryConflict, isUnavailable } from './errors.ts';
import {
  createReadingDatabase,
  lagSeconds,
  parseLsn,
  type ReadingDatabase,
  readOnReplica,
} from './replica.ts';

describe('lag', () => {
  it('reads WAL positions as numbers', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  it('is the age of the oldest primary position the replica has not replayed', () => {
    const samples = [
      { at: 1_000, lsn: 100n },
      { at: 6_000, lsn: 200n },
      { at: 11_000, lsn: 300n },
    ];
    expect(lagSeconds(samples, 300n, 12_000)).toBe(0);
    expect(lagSeconds(samples, 250n, 12_000)).toBe(1);
    expect(lagSeconds(samples, 150n, 12_000)).toBe(6);
    expect(lagSeconds(samples, 0n, 12_000)).toBe(11);
    // An idle primary writes nothing new: the replica that has everything is not behind, however
    // long ago the last commit was.
    expect(lagSeconds([{ at: 0, lsn: 100n }], 100n, 3_600_000)).toBe(0);
  });
});

/** A stand-in server answering the probe's one query; `fail` makes it unreachable. */
function probeTarget(answer: () => Record<string, unknown>): Database & { fail: boolean } {
  const target = {
    fail: false,
    close: async () => {},
    db: {
      execute: async () => {
        if (target.fail)
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
        return { rows: [answer()] };
      },
    },
  };
  return target as unknown as Database & { fail: boolean };
}

describe('the replica state', () => {
  it('streams within the bound, lags beyond it, is down when unreachable, promoted when no standby; one line per change', async () => {
    let clock = 0;
    let primaryLsn = '0/100';
    let replica = { recovering: true, replayed: '0/100' };
    const primary = probeTarget(() => ({ lsn: primaryLsn }));
    const standby = probeTarget(() => replica);
    const lines: string[] = [];
    const reading = createReadingDatabase(primary, standby, {
      maxLagSeconds: 30,
      log: (line) => lines.push(line),
      now: () => clock,
    });
    // Before the first probe reading work stays on the primary.
    expect(reading.status()).toMatchObject({ state: 'down', readingFrom: 'primary' });
    expect(reading.replica()).toBeNull();

    expect(await reading.check()).toMatchObject({
      state: 'streaming',
      lagSeconds: 0,
      readingFrom: 'replica',
    });
    expect(reading.replica()).toBe(standby);

    // The primary moves on; the replica stays at 0/100.
    clock = 10_000;
    primaryLsn = '0/200';
    expect(await reading.check()).toMatchObject({ state: 'streaming', lagSeconds: 0 });
    clock = 25_000;
    expect(await reading.check()).toMatchObject({ state: 'streaming', lagSeconds: 15 });
    clock = 41_000;
    expect(await reading.check()).toMatchObject({ state: 'lagging', lagSeconds: 31, readingFrom: 'primary' });
    expect(reading.replica()).toBeNull();

    // It catches up.
    clock = 45_000;
    replica = { recovering: true, replayed: '0/200' };
    expect(await reading.check()).toMatchObject({ state: 'streaming', lagSeconds: 0 });

    standby.fail = true;
    expect(await reading.check()).toMatchObject({ state: 'down', lagSeconds: null, readingFrom: 'primary' });
    standby.fail = false;
    replica = { recovering: false, replayed: '0/200' };
    expect(await reading.check()).toMatchObject({ state: 'promoted', readingFrom: 'primary' });

    // The primary away: nothing to measure against, the state stays.
    primary.fail = true;
    expect(await reading.check()).toMatchObject({ state: 'promoted' });

    expect(lines).toEqual([
      'Replica streaming, 0 s behind (bound 30 s): reading work goes to the replica',
      'Replica lagging, 31 s behind (bound 30 s): reading work goes to the primary',
      'Replica streaming, 0 s behind (bound 30 s): reading work goes to the replica',
      'Replica down (bound 30 s): reading work goes to the primary',
      'Replica promoted (bound 30 s): reading work goes to the primary',
    ]);
  });
});

describe('readOnReplica', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  beforeAll(async () => {
    primary = await testDatabase();
    replica = await testDatabase();
    // Tell the two apart by a row only the "replica" has.
    await replica.exec("create table which (name text); insert into which values ('replica')");
    await primary.exec("create table which (name text); insert into which values ('primary')");
  });
  afterAll(async () => {
    await primary.drop();
    await replica.drop();
  });

  const reader = (replicaDb: Database | null): ReadingDatabase & { failures: number } => {
    const fake = {
      failures: 0,
      replica: () => replicaDb,
      status: () => {
        throw new Error('not used');
      },
      check: async () => fake.status(),
      failed: () => {
        fake.failures++;
      },
      start: () => {},
      close: async () => {},
    };
    return fake;
  };
  const whichOf = (tx: Parameters<Parameters<typeof readOnReplica>[2]>[0]) =>
    queryRows<{ name: string; read_only: string }>(
      tx,
      sql`select name, current_setting('transaction_read_only') as read_only from which`,
    ).then((rows) => rows[0]!);

  it('reads on the replica, in a read-only transaction, when it is fit to read', async () => {
    const result = await primary.db.transaction((tx) => readOnReplica(reader(replica), tx, whichOf));
    expect(result).toEqual({ name: 'replica', read_only: 'on' });
  });

  it('reads in the primary transaction without a replica, or when it is not fit to read', async () => {
    for (const reading of [null, undefined, reader(null)]) {
      const result = await primary.db.transaction((tx) => readOnReplica(reading, tx, whichOf));
      expect(result.name).toBe('primary');
    }
  });

  it('falls back to the primary at once when the replica is unreachable, and marks it down', async () => {
    const port = await freePort();
    const gone = await openDatabase({
      kind: 'postgres',
      url: `postgres://postgres@127.0.0.1:${port}/none`,
      lazy: true,
      connectTimeoutMs: 1000,
    });
    const reading = reader(gone);
    const result = await primary.db.transaction((tx) => readOnReplica(reading, tx, whichOf));
    expect(result.name).toBe('primary');
    expect(reading.failures).toBe(1);
    await gone.close();
  });

  it('passes on an error of the work itself', async () => {
    await expect(
      primary.db.transaction((tx) =>
        readOnReplica(reader(replica), tx, async () => {
          throw new Error('the work failed');
        }),
      ),
    ).rejects.toThrow('the work failed');
  });
});

describe('a database that is not there', () => {
  it('tells connection failures, shutdowns and standbys from other errors', () => {
    const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(isUnavailable(pgError('ECONNREFUSED'))).toBe(true);
    expect(isUnavailable(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isUnavailable(pgError('25006', 'cannot execute INSERT in a read-only transaction'))).toBe(true);
    expect(isUnavailable(pgError('08P01', 'server login has been failing, try again later'))).toBe(true);
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // drizzle wraps the driver's error.
    expect(isUnavailable(Object.assign(new Error('Failed query'), { cause: pgError('57P03') }))).toBe(true);
    expect(isUnavailable(pgError('23505', 'duplicate key'))).toBe(false);
    expect(isUnavailable(new Error('boom'))).toBe(false);
    expect(isRecoveryConflict(pgError('40001', 'canceling statement due to conflict with recovery'))).toBe(
      true,
    );
    expect(isRecoveryConflict(pgError('40001', 'could not serialize access'))).toBe(false);
  });

  it('answers 503 in the one error shape, with Retry-After, not a 500', async () => {
    const port = await freePort();
    const database = await openDatabase({
      kind: 'postgres',
      url: `postgres://postgres@127.0.0.1:${port}/none`,
      lazy: true,
      connectTimeoutMs: 1000,
    });
    const app = await buildApp({ database, publicUrl: 'http://localhost:3000', secureCookies: true });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'someone@example.org', password: 'correct horse battery staple 42' },
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toEqual({
        error: { code: 'unavailable', message: 'The database is not reachable right now; try again shortly' },
      });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
