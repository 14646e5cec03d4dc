// Drill: reading work on a real streaming replica (decision 0039, docs/operations.md). A primary and a
// replica made with pg_basebackup -R on their own ports; the monitor reads its figures on the
// replica and writes its access-log row on the primary; when the replica falls behind the bound
// (replay paused) or stops, the monitor reads on the primary at once, /api/health and the log say
// so, and when it is back the monitor returns to it. A user's own write is read on the primary.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, queryRows } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { createReadingDatabase, type ReadingDatabase } from '../../src/server/db/replica.ts';
import { type Agent, aSchool, signIn } from '../support/factories.ts';
import { type Cluster, caughtUp, startCluster, waitFor, withClient } from './support/cluster.ts';
import { aDrillSwv, type DrillApp, type DrillSwv, passendOn } from './support/passendOnCluster.ts';

describe('the monitor on a streaming replica', () => {
  let cluster: Cluster;
  let replicaDb: Database;
  let reading: ReadingDatabase;
  let t: DrillApp;
  let swv: DrillSwv;
  let policy: Agent;
  const lines: string[] = [];
  const onReplica: string[] = [];
  const onPrimary: string[] = [];

  let setup: Database;

  beforeAll(async () => {
    cluster = await startCluster();
    // The primary's own small pool: migrations, the SWV, and the probe's WAL position.
    setup = await openDatabase({ kind: 'postgres', url: cluster.primary.url('passend'), poolSize: 2 });
    await migrateDatabase(setup);
    swv = await aDrillSwv(setup);
    replicaDb = await openDatabase({
      kind: 'postgres',
      url: cluster.replica.url('passend'),
      poolSize: 3,
      connectTimeoutMs: 2000,
      lazy: true,
    });
    replicaDb.queryObserver.onQuery = (q) => onReplica.push(q);
    reading = createReadingDatabase(setup, replicaDb, { maxLagSeconds: 3, log: (line) => lines.push(line) });
    t = await passendOn(cluster.primary.url('passend'), { reading });
    t.database.queryObserver.onQuery = (q) => onPrimary.push(q);
    await caughtUp(cluster.primary, cluster.replica);
    await reading.check();
    reading.start(250);
    policy = await signIn(t, swv.policy);
  });

  afterAll(async () => {
    await t?.close();
    await reading?.close();
    await setup?.close();
    await cluster?.destroy();
  });

  const monitorLogRows = async () =>
    Number(
      (
        await queryRows<{ n: string }>(
          t.database.db,
          sql`select count(*)::text as n from access_log
               where swv_id = ${swv.swvId}::uuid and object_type = 'monitor'`,
        )
      )[0]!.n,
    );
  const health = async () => (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
  const schoolsShown = async () => {
    const response = await policy.get('/api/monitor');
    expect(response.statusCode).toBe(200);
    return (response.json() as { schools: { name: string }[] }).schools.map((s) => s.name).sort();
  };

  it('reads the figures on the replica and logs the read on the primary', async () => {
    expect(reading.status().state).toBe('streaming');
    expect(await health()).toMatchObject({
      status: 'ok',
      database: 'postgres',
      replica: { state: 'streaming', readingFrom: 'replica', maxLagSeconds: 3 },
    });
    const before = await monitorLogRows();
    onReplica.length = 0;
    onPrimary.length = 0;
    expect(await schoolsShown()).toEqual(['De Klimop']);
    // The facts (schools, requests, absence, …) were read on the replica, none on the primary.
    expect(onReplica.some((q) => q.includes('"support_request"') || q.includes('support_request'))).toBe(
      true,
    );
    expect(onPrimary.some((q) => q.includes('support_request'))).toBe(false);
    // The access-log row is written on the primary, and streams to the replica like any row.
    expect(onPrimary.some((q) => q.includes('insert into "access_log"'))).toBe(true);
    expect(await monitorLogRows()).toBe(before + 1);
    await caughtUp(cluster.primary, cluster.replica);
    const onTheReplica = await queryRows<{ n: string }>(
      replicaDb.db,
      sql`select count(*)::text as n from access_log where swv_id = ${swv.swvId}::uuid and object_type = 'monitor'`,
    );
    expect(Number(onTheReplica[0]!.n)).toBe(before + 1);
    expect(lines).toEqual(['Replica streaming, 0 s behind (bound 3 s): reading work goes to the replica']);
  });

  it('reads on the primary while the replica lags beyond the bound, and returns when it catches up', async () => {
    await withClient(cluster.replica.url('passend'), (c) => c.query('select pg_wal_replay_pause()'));
    await aSchool(t.database.db, swv.swvId, { name: 'Het Anker' });
    // Until the bound, the replica's copy (without the new school) is what the monitor shows; on a
    // slow machine the probe may have moved reading work to the primary already.
    onReplica.length = 0;
    const whileWithinBound = await schoolsShown();
    expect(whileWithinBound).toEqual(onReplica.length > 0 ? ['De Klimop'] : ['De Klimop', 'Het Anker']);
    await waitFor(() => reading.status().state === 'lagging', 20_000, 'the replica to be reported lagging');
    expect(await health()).toMatchObject({ replica: { state: 'lagging', readingFrom: 'primary' } });
    // Beyond the bound (shown to a tenth of a second).
    expect((await health()).replica.lagSeconds).toBeGreaterThanOrEqual(3);
    // Reading work now sees the primary's rows.
    expect(await schoolsShown()).toEqual(['De Klimop', 'Het Anker']);
    expect(lines.at(-1)).toMatch(
      /^Replica lagging, \d+(\.\d)? s behind \(bound 3 s\): reading work goes to the primary$/,
    );

    await withClient(cluster.replica.url('passend'), (c) => c.query('select pg_wal_replay_resume()'));
    await waitFor(() => reading.status().state === 'streaming', 20_000, 'the replica to stream again');
    expect(lines.at(-1)).toBe('Replica streaming, 0 s behind (bound 3 s): reading work goes to the replica');
    onReplica.length = 0;
    expect(await schoolsShown()).toEqual(['De Klimop', 'Het Anker']);
    expect(onReplica.length).toBeGreaterThan(0);
  });

  it('answers from the primary at once when the replica stops, and returns when it is back', async () => {
    await cluster.replica.stop('fast');
    // The first read after the stop fails on the replica and runs on the primary in the same request.
    expect(await schoolsShown()).toEqual(['De Klimop', 'Het Anker']);
    expect(reading.status().state).toBe('down');
    expect(await health()).toMatchObject({
      status: 'ok',
      replica: { state: 'down', lagSeconds: null, readingFrom: 'primary' },
    });
    expect(lines.at(-1)).toBe('Replica down (bound 3 s): reading work goes to the primary');
    // Writes go on meanwhile (the replica is asynchronous here).
    await aSchool(t.database.db, swv.swvId, { name: 'De Regenboog' });
    expect(await schoolsShown()).toEqual(['De Klimop', 'De Regenboog', 'Het Anker']);

    await cluster.replica.start();
    await waitFor(() => reading.status().state === 'streaming', 30_000, 'the replica to stream again');
    onReplica.length = 0;
    expect(await schoolsShown()).toEqual(['De Klimop', 'De Regenboog', 'Het Anker']);
    expect(onReplica.length).toBeGreaterThan(0);
    // No line names a person, a child or a school: the state, the lag and the bound only.
    for (const line of lines) expect(line).toMatch(/^Replica (streaming|lagging|down|promoted)[ ,]/);
  });

  it("reads a user's own write on the primary, however far behind the replica is", async () => {
    await withClient(cluster.replica.url('passend'), (c) => c.query('select pg_wal_replay_pause()'));
    try {
      const consultant = await signIn(t, swv.consultant);
      const created = await consultant.post('/api/support-signals', {
        receivedOn: '2026-11-20',
        kind: 'question',
        summary: 'Vraag over een aanmelding',
      });
      expect(created.statusCode).toBe(201);
      const listed = await consultant.get('/api/support-signals');
      expect(listed.statusCode).toBe(200);
      expect(listed.json().signals.map((s: { id: string }) => s.id)).toContain(created.json().id);
    } finally {
      await withClient(cluster.replica.url('passend'), (c) => c.query('select pg_wal_replay_resume()'));
    }
  });
});
