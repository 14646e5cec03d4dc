// Drill: Passend unchanged behind PgBouncer in transaction pooling mode (decision 0039,
// docs/operations.md, "The pooler"). Debian's PgBouncer with 3 server connections in front of a
// PostgreSQL of its own; two app instances' migrations at once, then a mixed load from 12 client
// connections — sign-ins, reading a child's file, writes, the monitor — while two access-log
// sealers (two instances) and a pg-boss job run. Transaction pooling hands each transaction any
// server connection, so session state (a session advisory lock, a SET, a named prepared statement,
// LISTEN) would fail or leak here; nothing does.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessLog } from '../../src/server/access/accessLog.ts';
import {
  checkpointKeysOf,
  newSigningKeyText,
  parseSigningKeys,
} from '../../src/server/access/checkpoints.ts';
import { createSealer, type Sealer } from '../../src/server/access/sealer.ts';
import { type Database, openDatabase, queryRows } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { createJobQueue, type JobQueue, jobSchema } from '../../src/server/jobs/jobQueue.ts';
import { type Agent, aUser, signIn, type TestUser } from '../support/factories.ts';
import { drillFolder, type PgNode, startPrimary, waitFor, withClient } from './support/cluster.ts';
import { aDrillSwv, type DrillApp, type DrillSwv, passendOn } from './support/passendOnCluster.ts';
import { type Pgbouncer, startPgbouncer } from './support/pgbouncer.ts';

describe('Passend behind PgBouncer in transaction pooling mode', () => {
  let folder: string;
  let primary: PgNode;
  let pooler: Pgbouncer;
  let t: DrillApp;
  let swv: DrillSwv;
  const statements: string[] = [];
  // Stopped in afterAll also when a test fails half-way, before the pooler goes.
  let jobs: JobQueue | null = null;
  const sealers: Sealer[] = [];
  const sealerDatabases: Database[] = [];

  beforeAll(async () => {
    folder = drillFolder();
    primary = await startPrimary(folder);
    await withClient(primary.url(), (c) => c.query('create database passend'));
    pooler = await startPgbouncer({ folder, serverPort: primary.port, poolSize: 3 });
  });

  afterAll(async () => {
    await jobs?.stop();
    for (const sealer of sealers) await sealer.stop();
    for (const db of sealerDatabases) await db.close();
    await t?.close();
    await pooler?.stop();
    await primary?.stop('immediate');
    const { rmSync } = await import('node:fs');
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('runs in transaction mode with 3 server connections', async () => {
    const config = await pooler.admin<{ key: string; value: string }>('SHOW CONFIG');
    const setting = (key: string) => config.find((c) => c.key === key)?.value;
    expect(setting('pool_mode')).toBe('transaction');
    expect(setting('default_pool_size')).toBe('3');
  });

  it('migrates from two instances at once through the pooler, and leaves no lock behind', async () => {
    const a = await openDatabase({ kind: 'postgres', url: pooler.url, poolSize: 2 });
    const b = await openDatabase({ kind: 'postgres', url: pooler.url, poolSize: 2 });
    await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
    await migrateDatabase(a);
    const [applied] = await queryRows<{ n: string }>(
      a.db,
      sql`select count(*)::text as n from drizzle.__drizzle_migrations`,
    );
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(path.resolve('migrations')).filter((f) => f.endsWith('.sql'));
    expect(Number(applied!.n)).toBe(files.length);
    await a.close();
    await b.close();
    const locks = await withClient(primary.url('passend'), (c) =>
      c.query("select count(*)::int as n from pg_locks where locktype = 'advisory'"),
    );
    expect(locks.rows[0].n).toBe(0);
  });

  it('carries a mixed load with the sealer and a pg-boss job, and the access log verifies', async () => {
    t = await passendOn(pooler.url, { poolSize: 12, preparedStatements: false });
    t.database.queryObserver.onQuery = (q) => statements.push(q);
    swv = await aDrillSwv(t.database, 6);

    // Two sealers, as two app instances run them, on their own pools through the pooler.
    const keys = parseSigningKeys(newSigningKeyText('drill'));
    const checkpoints = path.join(folder, 'checkpoints');
    mkdirSync(checkpoints);
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase({ kind: 'postgres', url: pooler.url, poolSize: 2 });
      sealerDatabases.push(db);
      sealers.push(createSealer(db.db, { key: keys[0]!, folder: checkpoints }));
    }
    for (const sealer of sealers) sealer.start(100);

    // A pg-boss job that counts its runs in a table of its own.
    await t.database.exec(
      'create table drill_job_run (job_id text primary key, ran_at timestamptz not null default now())',
    );
    jobs = createJobQueue(t.database, {
      jobs: [
        {
          name: 'drill-count',
          cron: '0 3 1 1 *',
          run: async (_now, jobId) => {
            await t.database.db.execute(sql`insert into drill_job_run (job_id) values (${jobId})`);
          },
        },
      ],
      now: () => new Date(),
      onError: () => {},
      pollingIntervalSeconds: 0.5,
    });
    await jobs.start();
    const jobId = await jobs.runNow('drill-count');
    expect(jobId).not.toBeNull();

    // The load: 12 workers, each signing in, reading children's files, writing, reading the monitor.
    const statuses = new Map<string, number>();
    const count = (what: string, status: number) => {
      const key = `${what} ${status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    };
    const createdSignals: string[] = [];
    // Each worker signs in as people of its own (sign-in throttling counts per account).
    const people: { ib: TestUser; consultant: TestUser; policy: TestUser }[] = [];
    for (let n = 0; n < 12; n++)
      people.push({
        ib: await aUser(t.database.db, swv.swvId, [{ role: 'school_ib', schoolId: swv.schoolId }]),
        consultant: await aUser(t.database.db, swv.swvId, [{ role: 'consultant' }]),
        policy: await aUser(t.database.db, swv.swvId, [{ role: 'policy' }]),
      });
    const worker = async (n: number) => {
      const ib: Agent = await signIn(t, people[n]!.ib);
      count('sign-in', 200);
      const consultant: Agent = await signIn(t, people[n]!.consultant);
      count('sign-in', 200);
      const policy: Agent = await signIn(t, people[n]!.policy);
      count('sign-in', 200);
      for (let round = 0; round < 6; round++) {
        const studentId = swv.studentIds[(n + round) % swv.studentIds.length]!;
        count('read child', (await ib.get(`/api/students/${studentId}`)).statusCode);
        const created = await consultant.post('/api/support-signals', {
          receivedOn: '2026-11-20',
          kind: 'question',
          summary: `Vraag ${n}-${round}`,
        });
        count('write', created.statusCode);
        if (created.statusCode === 201) createdSignals.push(created.json().id);
        if (round % 3 === 0) count('monitor', (await policy.get('/api/monitor')).statusCode);
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, n) => worker(n)));
    const servers = await pooler.admin<{ database: string }>('SHOW SERVERS');
    const pools = await pooler.admin<{ database: string; pool_mode: string }>('SHOW POOLS');
    expect(pools.find((p) => p.database === 'passend')?.pool_mode).toBe('transaction');

    await waitFor(
      async () =>
        (
          await queryRows<{ state: string }>(
            t.database.db,
            sql`select state from ${sql.identifier(jobSchema)}.job where id = ${jobId}::uuid`,
          )
        )[0]?.state === 'completed',
      30_000,
      'the job to complete',
    );
    await jobs.stop();
    for (const sealer of sealers) await sealer.stop();
    await sealers[0]!.runOnce();

    expect(Object.fromEntries(statuses)).toEqual({
      'sign-in 200': 36,
      'read child 200': 72,
      'write 201': 72,
      'monitor 200': 24,
    });
    // Never more than the pool's 3 server connections for 12 + 4 + the job queue's clients.
    expect(servers.filter((s) => s.database === 'passend').length).toBeLessThanOrEqual(3);
    // Every write is there, the job ran once, and no advisory lock is left on the server.
    const [signals] = await queryRows<{ n: string }>(
      t.database.db,
      sql`select count(*)::text as n from support_signal where swv_id = ${swv.swvId}::uuid`,
    );
    expect(Number(signals!.n)).toBe(createdSignals.length);
    const runs = await queryRows<{ job_id: string }>(t.database.db, sql`select job_id from drill_job_run`);
    expect(runs.map((r) => r.job_id)).toEqual([jobId]);
    const locks = await withClient(primary.url('passend'), (c) =>
      c.query("select count(*)::int as n from pg_locks where locktype = 'advisory'"),
    );
    expect(locks.rows[0].n).toBe(0);
    // The access log: one chain per SWV, every row sealed by one sealer or the other, checkpoints signed.
    const verification = await verifyAccessLog(t.database.db, {
      checkpoints: { folder: checkpoints, publicKeys: checkpointKeysOf(keys).publicKeys },
    });
    expect(verification.problems).toEqual([]);
    expect(verification.unsealed).toBe(0);
    expect(verification.checked).toBeGreaterThanOrEqual(72 + 72 + 24);
    // No session-level SET and no named statement among what the app sent.
    expect(statements.filter((q) => /^\s*set\s+(?!local\b)/i.test(q))).toEqual([]);
  });
});
