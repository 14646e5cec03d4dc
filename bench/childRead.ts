// The bar (docs/requirements.md Q-PERF-1): an authorized, logged read of a child's file must reach
// at least half the requests per second of a bare Fastify endpoint doing one primary-key query on
// the same database, in the same run. This benchmark measures both, alternating, and reports the
// ratio; it asserts nothing about absolute speed, which depends on the machine.
//
//   npx tsx bench/childRead.ts [--database pglite|postgres] [--seconds N] [--connections N] …
//
// One process serves both endpoints on one database handle: (a) the real app (buildApp) signed in
// as a school's IB'er, GET /api/students/:id; (b) a bare Fastify instance, GET /bare/:id, one
// primary-key select on the student table. A second process (or wrk) drives the load.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../src/server/app.ts';
import {
  buildBareApp,
  buildFloorApp,
  checkAccessLog,
  expectOk,
  localBackendPids,
  signIn,
  startBenchSealer,
  waitForQuietLog,
} from './support/benchApp.ts';
import { aPgliteDatabase, aPostgresDatabase, type BenchDatabase } from './support/benchDatabase.ts';
import { type LoadDriver, openLoadDriver } from './support/loadDriver.ts';
import { startProfiler } from './support/profiler.ts';
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

const requiredRatio = 0.5;

const Options = CommonOptions.extend({
  schools: z.coerce.number().int().min(1),
  'students-per-school': z.coerce.number().int().min(1),
  'cpu-prof-dir': z.string().min(1).optional(),
  breakdown: z.boolean(),
  floor: z.boolean(),
});

async function main(): Promise<void> {
  const options = readOptions(
    Options,
    { seconds: '10', warmup: '5', rounds: '5' },
    {
      schools: { type: 'string', default: '4' },
      'students-per-school': { type: 'string', default: '250' },
      // Profiles the server process during each endpoint's measured runs (not set-up or warm-up).
      'cpu-prof-dir': { type: 'string' },
      // Adds a third endpoint: the app's own HTTP stack with one query and no session (GET
      // /api/health), to tell the framework's share of the gap from the security work's.
      breakdown: { type: 'boolean', default: false },
      // Adds the floor of a logged read (buildFloorApp): the bare server sending only the app's
      // access-log row and read in one statement, to show what the bar leaves for the rest.
      floor: { type: 'boolean', default: false },
    },
  );
  printHeader(
    'Passend benchmark: authorized, logged child read vs bare primary-key read',
    'bench/childRead.ts',
    options,
  );

  let bench: BenchDatabase | null = null;
  let load: LoadDriver | null = null;
  const servers: FastifyInstance[] = [];
  const cleanUp = async () => {
    await load?.close();
    for (const server of servers) await server.close();
    await bench?.remove();
  };
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    bench =
      options.database === 'pglite'
        ? await aPgliteDatabase()
        : await aPostgresDatabase(options['database-url'], options['pool-size']);
    const { database } = bench;
    console.log(`  database     ${bench.description}`);

    const seedStartedAt = performance.now();
    const seeded = await seedSwv(database, {
      schools: options.schools,
      studentsPerSchool: options['students-per-school'],
    });
    const seedSeconds = (performance.now() - seedStartedAt) / 1000;
    console.log(
      `  data         1 SWV, ${seeded.schoolIds.length} schools, ${seeded.studentCount} children; reads over the ${seeded.studentIdsOfIbSchool.length} of the IB'er's school (seeded in ${seedSeconds.toFixed(1)} s)`,
    );

    const sealer = startBenchSealer(database);
    const loadStartedAt = new Date();
    const app = await buildApp({
      database,
      publicUrl: 'http://127.0.0.1',
      secureCookies: false,
      logLevel: options['log-level'],
      // Production logs go to standard output; here they are built and thrown away.
      logStream: { write: () => {} },
    });
    servers.push(app);
    const bare = buildBareApp(database);
    servers.push(bare);
    const appOrigin = await app.listen({ host: '127.0.0.1', port: 0 });
    const bareOrigin = await bare.listen({ host: '127.0.0.1', port: 0 });
    const floor = buildFloorApp(database, { swvId: seeded.swvId, userId: seeded.ib.id });
    servers.push(floor);
    const floorOrigin = await floor.listen({ host: '127.0.0.1', port: 0 });

    const cookie = await signIn(appOrigin, seeded.ib.email, seeded.ib.password);
    const ids = seeded.studentIdsOfIbSchool;
    await expectOk(`${appOrigin}/api/students/${ids[0]}`, cookie);
    await expectOk(`${bareOrigin}/bare/${ids[0]}`, cookie);

    const bareEndpoint: Endpoint = {
      name: 'bare',
      title: 'bare    GET /bare/:id: bare Fastify, one primary-key select',
      origin: bareOrigin,
      // The same request bytes as the logged read: the cookie is sent, and ignored.
      paths: ids.map((id) => `/bare/${id}`),
      headers: { cookie },
      logged: false,
    };
    const loggedEndpoint: Endpoint = {
      name: 'logged',
      title:
        "logged  GET /api/students/:id: session with the child's facts, policy, access-log row with the read in one statement",
      origin: appOrigin,
      paths: ids.map((id) => `/api/students/${id}`),
      headers: { cookie },
      logged: true,
    };
    const stackEndpoint: Endpoint = {
      name: 'stack',
      title: "stack   GET /api/health, no cookie: the app's HTTP stack and one query (select 1), no session",
      origin: appOrigin,
      paths: ['/api/health'],
      headers: {},
      logged: false,
    };
    const floorEndpoint: Endpoint = {
      name: 'floor',
      title:
        'floor   GET /floor/:id: bare Fastify, the access-log row and the read in one statement, no session, no policy',
      origin: floorOrigin,
      paths: ids.map((id) => `/floor/${id}`),
      headers: { cookie },
      logged: true,
    };
    const measured = [
      bareEndpoint,
      loggedEndpoint,
      ...(options.breakdown ? [stackEndpoint] : []),
      ...(options.floor ? [floorEndpoint] : []),
    ];

    load = await openLoadDriver(options.client);
    const profiler = options['cpu-prof-dir'] ? await startProfiler(options['cpu-prof-dir']) : null;
    const { runs, loggedAnswers } = await runRounds(measured, {
      load,
      options,
      databasePids: localBackendPids(bench),
      settleLog: () => waitForQuietLog(database, seeded.swvId),
      profiler,
    });
    if (profiler) console.log(`  profiles     ${(await profiler.save()).join(', ')}`);

    printMedians(runs, measured, options.rounds);
    const cpuScope = bench.database.kind === 'postgres' ? 'server + database backends' : 'server';
    const summary = compare(runs, 'logged', 'bare');
    printRatio('ratio logged/bare', summary, cpuScope);
    if (options.breakdown) {
      printRatio('ratio stack/bare', compare(runs, 'stack', 'bare'), cpuScope);
      printRatio('ratio logged/stack', compare(runs, 'logged', 'stack'), cpuScope);
    }
    if (options.floor) {
      printRatio('ratio floor/bare', compare(runs, 'floor', 'bare'), cpuScope);
      printRatio('ratio logged/floor', compare(runs, 'logged', 'floor'), cpuScope);
    }

    // The seed's history (four reads per child of the school) plus the sign-in check's one read.
    await sealer.finish(loadStartedAt);
    await checkAccessLog(database, seeded.swvId, ids.length * 4, loggedAnswers + 1, sealer);
    sealer.remove();

    const passed = summary.ratio >= requiredRatio;
    console.log(
      `  verdict             ${passed ? 'PASS' : 'FAIL'}: ${format.ratio(summary.ratio)} ${passed ? '≥' : '<'} ${requiredRatio}`,
    );
    process.exitCode = passed ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

await main();
