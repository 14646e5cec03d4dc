// Drill: failover under load (decision 0039, docs/operations.md, "Failover"). The app runs through
// PgBouncer, which points at the primary; the replica is synchronous (as Patroni's synchronous mode
// keeps it), so a commit is acknowledged only once the replica has it. Under a load of writes and
// reads of a child's file, the operator promotes the replica (pg_ctl promote), stops the old
// primary and repoints PgBouncer (ini + RELOAD on its admin console), as Patroni's callback would.
// The app is not restarted. During the switch requests answer 503 in the one error shape, quickly;
// after it they succeed again in the same sessions; every acknowledged write is on the new primary.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { type Agent, signIn } from '../support/factories.ts';
import { type Cluster, startCluster, waitFor, withClient } from './support/cluster.ts';
import { aDrillSwv, type DrillApp, type DrillSwv, passendOn } from './support/passendOnCluster.ts';
import { type Pgbouncer, startPgbouncer } from './support/pgbouncer.ts';

type Outcome = { what: 'write' | 'read'; status: number; ms: number; at: number; body: string };

describe('failover: promote the replica, repoint the pooler, the app carries on', () => {
  let cluster: Cluster;
  let pooler: Pgbouncer;
  let t: DrillApp;
  let swv: DrillSwv;

  beforeAll(async () => {
    cluster = await startCluster({ synchronous: true });
    const setup = await openDatabase({ kind: 'postgres', url: cluster.primary.url('passend'), poolSize: 2 });
    await migrateDatabase(setup);
    swv = await aDrillSwv(setup);
    await setup.close();
    pooler = await startPgbouncer({ folder: cluster.folder, serverPort: cluster.primary.port, poolSize: 5 });
    t = await passendOn(pooler.url, { poolSize: 10, connectTimeoutMs: 3000, preparedStatements: false });
  });

  afterAll(async () => {
    await t?.close();
    await pooler?.stop();
    await cluster?.destroy();
  });

  it('answers 503 during the switch, recovers without a restart, and loses no acknowledged write', async () => {
    const writers: Agent[] = [];
    for (let i = 0; i < 3; i++) writers.push(await signIn(t, swv.consultant));
    const reader = await signIn(t, swv.ib);

    const outcomes: Outcome[] = [];
    const acknowledged: string[] = [];
    let running = true;
    const timed = async (
      what: Outcome['what'],
      call: () => Promise<{ statusCode: number; body: string }>,
    ) => {
      const started = performance.now();
      const response = await call();
      outcomes.push({
        what,
        status: response.statusCode,
        ms: performance.now() - started,
        at: Date.now(),
        body: response.body,
      });
      return response;
    };
    const writeLoop = async (agent: Agent, n: number) => {
      for (let i = 0; running; i++) {
        const response = await timed('write', () =>
          agent.post('/api/support-signals', {
            receivedOn: '2026-11-20',
            kind: 'question',
            summary: `Vraag ${n}-${i}`,
          }),
        );
        if (response.statusCode === 201) acknowledged.push(JSON.parse(response.body).id);
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const readLoop = async () => {
      for (let i = 0; running; i++) {
        const response = await timed('read', () =>
          reader.get(`/api/students/${swv.studentIds[i % swv.studentIds.length]}`),
        );
        if (response.statusCode !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const load = Promise.all([...writers.map((agent, n) => writeLoop(agent, n)), readLoop()]);

    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(2000);
    const beforeSwitch = acknowledged.length;
    // The switch, as an operator or Patroni does it.
    const switchStarted = Date.now();
    await cluster.replica.promote();
    await cluster.primary.stop('fast');
    // The seconds it takes to notice (Patroni: the leader key's TTL) while the pooler points nowhere.
    await pause(3000);
    await pooler.repoint(cluster.replica.port);
    const repointed = Date.now();
    // Until writes are acknowledged again, then a little more.
    await waitFor(
      () => outcomes.some((o) => o.at > repointed && o.what === 'write' && o.status === 201),
      60_000,
      'a write after the switch',
    );
    await waitFor(
      () => outcomes.some((o) => o.at > repointed && o.what === 'read' && o.status === 200),
      60_000,
      'a read after the switch',
    );
    await pause(1500);
    running = false;
    await load;

    const statuses = new Set(outcomes.map((o) => `${o.what} ${o.status}`));
    const unavailable = outcomes.filter((o) => o.status === 503);
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    console.log(
      `failover drill: ${outcomes.length} requests, ${acknowledged.length} writes acknowledged ` +
        `(${beforeSwitch} before the switch), ${unavailable.length} answered 503, slowest ${Math.round(slowest)} ms, ` +
        `switch ${repointed - switchStarted} ms`,
    );
    // Only success or a clear 503; never a 500 or a stack trace.
    expect([...statuses].sort()).toEqual(['read 200', 'read 503', 'write 201', 'write 503']);
    for (const o of unavailable) {
      expect(JSON.parse(o.body)).toEqual({
        error: { code: 'unavailable', message: 'The database is not reachable right now; try again shortly' },
      });
    }
    // No request hung: each answered within the pool's connect timeout and PgBouncer's retry.
    expect(slowest).toBeLessThan(10_000);
    expect(beforeSwitch).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(beforeSwitch);

    // The app was not restarted: the same sessions work, and health is ok.
    expect((await writers[0]!.get('/api/support-signals')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({
      status: 'ok',
    });

    // Every acknowledged write is on the new primary.
    const onNewPrimary = await withClient(cluster.replica.url('passend'), async (c) => {
      const recovering = (await c.query('select pg_is_in_recovery() as r')).rows[0].r;
      const ids = (
        await c.query('select id::text from support_signal where swv_id = $1', [swv.swvId])
      ).rows.map((r: { id: string }) => r.id);
      return { recovering, ids: new Set(ids) };
    });
    expect(onNewPrimary.recovering).toBe(false);
    const lost = acknowledged.filter((id) => !onNewPrimary.ids.has(id));
    expect(lost).toEqual([]);
    const [viaApp] = await queryRows<{ n: string }>(
      t.database.db,
      sql`select count(*)::text as n from support_signal where swv_id = ${swv.swvId}::uuid`,
    );
    expect(Number(viaApp!.n)).toBe(onNewPrimary.ids.size);
  });
});
