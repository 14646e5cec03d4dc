// The replica and the pooler, measured (decision 0039, docs/operations.md). On real clusters made as
// the drills make them (test/drills/support: a primary, a streaming replica by pg_basebackup -R,
// PgBouncer in transaction mode, all on loopback ports of this machine):
//
//   A. the monitor (GET /api/monitor) read on the replica vs on the primary;
//   B. reads of children's files (GET /api/students/:id) on the primary: alone, while the monitor
//      runs on the replica, and while it runs on the primary;
//   C. the child read through PgBouncer vs straight to the primary.
//
//   npx tsx bench/replica.ts [--seconds N] [--warmup N] [--rounds N] [--connections N] [--monitor-connections N]
//
// Medians and ratios from one run, with the machine's load printed; nothing is judged against a
// bar. Everything (both clusters, the pooler, the app and the load client) shares this machine's CPUs.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../src/server/app.ts';
import { sessionCookieName } from '../src/server/auth/sessions.ts';
import { currentTotp } from '../src/server/auth/totp.ts';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { createReadingDatabase, type ReadingDatabase } from '../src/server/db/replica.ts';
import { type Cluster, caughtUp, startCluster } from '../test/drills/support/cluster.ts';
import { type Pgbouncer, startPgbouncer } from '../test/drills/support/pgbouncer.ts';
import { aRequest, aUser, type TestUser } from '../test/support/factories.ts';
import { documentsForTests } from '../test/support/testApp.ts';
import { expectOk, signIn, startBenchSealer } from './support/benchApp.ts';
import { type LoadDriver, type LoadResult, openLoadDriver } from './support/loadDriver.ts';
import {
  CommonOptions,
  compare,
  type Endpoint,
  format,
  printHeader,
  printMedians,
  printRatio,
  readOptions,
  runRounds,
} from './support/rounds.ts';
import { seedSwv } from './support/seedSwv.ts';
import { median } from './support/stats.ts';

const Options = CommonOptions.extend({ 'monitor-connections': z.coerce.number().int().min(1) });

/** Signs in with password and TOTP code (policy staff must have a second factor); the Cookie header. */
async function signInWithCode(origin: string, user: TestUser): Promise<string> {
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith(`${sessionCookieName(false)}=`))!;
  const second = await fetch(`${origin}/api/auth/second-factor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ code: currentTotp(user.totpSecret!, new Date()) }),
  });
  if (second.status !== 200) throw new Error(`second factor failed: ${second.status} ${await second.text()}`);
  const renewed = second.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith(`${sessionCookieName(false)}=`));
  return renewed ?? cookie;
}

/**
 * B's monitor runs in a server process of its own (this file, forked), as on another app instance:
 * the figures are computed in the app, and in one process they would take the event loop from
 * the child reads whichever database they come from. Answers its origin over IPC.
 */
async function serveMonitor(primaryUrl: string, replicaUrl: string): Promise<void> {
  const primary = await openDatabase({ kind: 'postgres', url: primaryUrl, poolSize: 5 });
  let reading: ReadingDatabase | null = null;
  if (replicaUrl !== 'none') {
    const replica = await openDatabase({ kind: 'postgres', url: replicaUrl, poolSize: 5 });
    reading = createReadingDatabase(primary, replica, { maxLagSeconds: 30, log: () => {} });
    if ((await reading.check()).state !== 'streaming') throw new Error('the replica does not stream');
    reading.start(1000);
  }
  const app = await buildApp({
    database: primary,
    publicUrl: 'http://127.0.0.1',
    secureCookies: false,
    logLevel: 'info',
    logStream: { write: () => {} },
    reading,
    documents: documentsForTests(),
  });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ origin });
  process.once('disconnect', () => {
    void app
      .close()
      .then(() => reading?.close())
      .then(() => primary.close())
      .finally(() => process.exit(0));
  });
}

async function forkMonitorServer(primaryUrl: string, replicaUrl: string | null) {
  const child = fork(fileURLToPath(import.meta.url), ['serve-monitor', primaryUrl, replicaUrl ?? 'none'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { origin: string }) => resolve(message.origin));
    child.once('exit', (code) => reject(new Error(`monitor server exited with ${code}`)));
  });
  return { origin, stop: () => child.disconnect() };
}

async function main(): Promise<void> {
  const options = readOptions(
    Options,
    { seconds: '5', warmup: '2', rounds: '3' },
    { 'monitor-connections': { type: 'string', default: '4' } },
  );
  printHeader('Passend benchmark: the monitor on a replica, and PgBouncer', 'bench/replica.ts', {
    ...options,
    database: 'postgres',
  });

  let cluster: Cluster | null = null;
  let pooler: Pgbouncer | null = null;
  const databases: Database[] = [];
  const servers: FastifyInstance[] = [];
  let reading: ReadingDatabase | null = null;
  let load: LoadDriver | null = null;
  let background: LoadDriver | null = null;
  let stopSealer: (() => Promise<void>) | null = null;
  let stopMonitorServers: (() => void) | null = null;
  const cleanUp = async () => {
    await stopSealer?.();
    stopMonitorServers?.();
    await load?.close();
    await background?.close();
    for (const server of servers) await server.close();
    await reading?.close();
    for (const database of databases) await database.close();
    await pooler?.stop().catch(() => {});
    await cluster?.destroy();
  };
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    cluster = await startCluster();
    const primary = await openDatabase({
      kind: 'postgres',
      url: cluster.primary.url('passend'),
      poolSize: options['pool-size'],
    });
    databases.push(primary);
    await migrateDatabase(primary);
    pooler = await startPgbouncer({
      folder: cluster.folder,
      serverPort: cluster.primary.port,
      poolSize: options['pool-size'],
    });
    const pooled = await openDatabase({
      kind: 'postgres',
      url: pooler.url,
      poolSize: options['pool-size'],
      preparedStatements: false,
    });
    databases.push(pooled);
    const replica = await openDatabase({
      kind: 'postgres',
      url: cluster.replica.url('passend'),
      poolSize: 5,
    });
    console.log(
      `  database     PostgreSQL 15 primary :${cluster.primary.port}, streaming replica :${cluster.replica.port}, PgBouncer :${pooler.port} (transaction mode, ${options['pool-size']} server connections); app pools ${options['pool-size']}`,
    );

    const seeded = await seedSwv(primary, { schools: 4, studentsPerSchool: 250 });
    // Figures for the monitor: every child enrolled, and 300 requests decided this school year.
    await primary.exec(`insert into enrolment (swv_id, id, student_id, school_id, started_on)
      select swv_id, gen_random_uuid(), id, school_id, '2021-08-01' from student where swv_id = '${seeded.swvId}'`);
    const studentIds = (
      (await primary.executeSql(`select id, school_id from student where swv_id = $1 limit 300`, [
        seeded.swvId,
      ])) as { rows: { id: string; school_id: string }[] }
    ).rows;
    for (const s of studentIds)
      await aRequest(primary.db, {
        swvId: seeded.swvId,
        schoolId: s.school_id,
        studentId: s.id,
        byUserId: seeded.ib.id,
        state: 'decided',
      });
    const policy = await aUser(primary.db, seeded.swvId, [{ role: 'policy' }]);
    console.log(
      `  data         1 SWV, ${seeded.schoolIds.length} schools, ${seeded.studentCount} children enrolled, ${studentIds.length} decided requests`,
    );
    await caughtUp(cluster.primary, cluster.replica);
    reading = createReadingDatabase(primary, replica, { maxLagSeconds: 30, log: () => {} });
    const state = await reading.check();
    if (state.state !== 'streaming') throw new Error(`the replica is ${state.state}`);
    reading.start(1000);

    const sealer = startBenchSealer(primary);
    const sealingSince = new Date();
    stopSealer = () => sealer.finish(new Date()).catch(() => {});
    const appOf = async (database: Database, withReading: ReadingDatabase | null) => {
      const app = await buildApp({
        database,
        publicUrl: 'http://127.0.0.1',
        secureCookies: false,
        logLevel: options['log-level'],
        logStream: { write: () => {} },
        reading: withReading,
        // The factories seal the TOTP secrets with their fixture key; the ring holds it.
        documents: documentsForTests(),
      });
      servers.push(app);
      return app.listen({ host: '127.0.0.1', port: 0 });
    };
    const onPrimary = await appOf(primary, null);
    const onReplica = await appOf(primary, reading);
    const throughPooler = await appOf(pooled, null);

    const ibCookie = await signIn(onPrimary, seeded.ib.email, seeded.ib.password);
    const policyCookie = await signInWithCode(onPrimary, policy);
    const ids = seeded.studentIdsOfIbSchool;
    for (const origin of [onPrimary, onReplica, throughPooler])
      await expectOk(`${origin}/api/students/${ids[0]}`, ibCookie);
    await expectOk(`${onReplica}/api/monitor`, policyCookie);
    load = await openLoadDriver(options.client);
    background = await openLoadDriver('node');

    const monitorAt = (name: string, origin: string, title: string): Endpoint => ({
      name,
      title,
      origin,
      paths: ['/api/monitor'],
      headers: { cookie: policyCookie },
      logged: true,
    });
    const childAt = (name: string, origin: string, title: string): Endpoint => ({
      name,
      title,
      origin,
      paths: ids.map((id) => `/api/students/${id}`),
      headers: { cookie: ibCookie },
      logged: true,
    });
    const settleLog = async () => {};

    // A. The monitor on the replica vs on the primary.
    console.log(`\nA. the monitor, ${options['monitor-connections']} connections`);
    const monitorEndpoints = [
      monitorAt('primary', onPrimary, 'primary  GET /api/monitor, figures read on the primary'),
      monitorAt(
        'replica',
        onReplica,
        'replica  GET /api/monitor, figures read on the replica (log row on the primary)',
      ),
    ];
    const a = await runRounds(monitorEndpoints, {
      load,
      options: { ...options, connections: options['monitor-connections'] },
      databasePids: null,
      settleLog,
    });
    printMedians(a.runs, monitorEndpoints, options.rounds);
    printRatio('ratio replica/primary', compare(a.runs, 'replica', 'primary'), 'app server');

    // B. Children's files on the primary, alone and beside the monitor on either server.
    console.log(
      `\nB. child reads on the primary (${options.connections} connections), beside the monitor (${options['monitor-connections']} connections) served by another app process reading on the replica or on the primary`,
    );
    const child = childAt('child', onPrimary, 'child');
    const monitorOnReplica = await forkMonitorServer(
      cluster.primary.url('passend'),
      cluster.replica.url('passend'),
    );
    const monitorOnPrimary = await forkMonitorServer(cluster.primary.url('passend'), null);
    stopMonitorServers = () => {
      monitorOnReplica.stop();
      monitorOnPrimary.stop();
    };
    const beside = {
      none: null,
      replica: monitorOnReplica.origin,
      primary: monitorOnPrimary.origin,
    } as const;
    const results: Record<keyof typeof beside, LoadResult[]> = { none: [], replica: [], primary: [] };
    const monitorRates: Record<'replica' | 'primary', number[]> = { replica: [], primary: [] };
    const conditions = Object.keys(beside) as (keyof typeof beside)[];
    const drive = (
      origin: string,
      endpoint: Endpoint,
      connections: number,
      seconds: number,
      driver: LoadDriver,
    ) => driver.run({ origin, paths: endpoint.paths, headers: endpoint.headers, connections, seconds });
    await drive(onPrimary, child, options.connections, options.warmup, load);
    for (let round = 1; round <= options.rounds; round++) {
      const shift = (round - 1) % conditions.length;
      for (const condition of [...conditions.slice(shift), ...conditions.slice(0, shift)]) {
        const monitorOrigin = beside[condition];
        const monitorRun = monitorOrigin
          ? drive(
              monitorOrigin,
              // The session lives in the database: the other process takes the same cookie.
              monitorAt('m', monitorOrigin, ''),
              options['monitor-connections'],
              options.seconds + 1,
              background,
            )
          : null;
        if (monitorRun) await new Promise((resolve) => setTimeout(resolve, 500));
        const result = await drive(onPrimary, child, options.connections, options.seconds, load);
        const monitorResult = await monitorRun;
        if (result.errors > 0 || (monitorResult?.errors ?? 0) > 0)
          throw new Error(`errors: ${result.firstError ?? monitorResult?.firstError}`);
        results[condition].push(result);
        if (monitorResult && condition !== 'none')
          monitorRates[condition].push(monitorResult.requestsPerSecond);
        console.log(
          `  round ${round}  monitor on ${condition.padEnd(7)}  child ${format.rate(result.requestsPerSecond)} req/s  p50 ${format.ms(result.latencyMs.p50)}  p99 ${format.ms(result.latencyMs.p99)}${monitorResult ? `   monitor ${format.rate(monitorResult.requestsPerSecond)} req/s` : ''}`,
        );
      }
    }
    console.log(`\n  medians over ${options.rounds} rounds:`);
    for (const condition of conditions) {
      const of = results[condition];
      const rate = median(of.map((r) => r.requestsPerSecond));
      const ratio = rate / median(results.none.map((r) => r.requestsPerSecond));
      const monitor =
        condition === 'none' ? '' : `   monitor ${format.rate(median(monitorRates[condition]))} req/s`;
      console.log(
        `  monitor on ${condition.padEnd(7)}  child ${format.rate(rate)} req/s  p50 ${format.ms(median(of.map((r) => r.latencyMs.p50)))}  p99 ${format.ms(median(of.map((r) => r.latencyMs.p99)))}  ratio to alone ${format.ratio(ratio)}${monitor}`,
      );
    }

    // C. Through PgBouncer vs straight to the primary.
    console.log(`\nC. child reads, ${options.connections} connections: through PgBouncer vs direct`);
    const poolerEndpoints = [
      childAt('direct', onPrimary, `direct   app pool (${options['pool-size']}) → PostgreSQL`),
      childAt(
        'pgbouncer',
        throughPooler,
        `pgbouncer app pool (${options['pool-size']}) → PgBouncer (transaction, ${options['pool-size']}) → PostgreSQL`,
      ),
    ];
    const c = await runRounds(poolerEndpoints, { load, options, databasePids: null, settleLog });
    printMedians(c.runs, poolerEndpoints, options.rounds);
    printRatio('ratio pgbouncer/direct', compare(c.runs, 'pgbouncer', 'direct'), 'app server');

    stopSealer = null;
    await sealer.finish(sealingSince);
    sealer.remove();
    console.log(`  replica at the end  ${JSON.stringify(reading.status())}`);
  } finally {
    await cleanUp();
  }
}

if (process.argv[2] === 'serve-monitor') await serveMonitor(process.argv[3]!, process.argv[4]!);
else await main();
