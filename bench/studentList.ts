// docs/requirements.md Q-PERF-4: a school's students list must be paged and fast on a school of
// 1,000 pupils. This benchmark seeds one such school and measures, alternating in one run, four
// uses of the real list (GET /api/schools/:schoolId/students, signed in as the school's IB'er)
// against the bare primary-key read childRead.ts uses as its reference.
//
//   npx tsx bench/studentList.ts [--database pglite|postgres] [--seconds N] [--connections N] …
//
// The bar (docs/requirements.md Q-PERF-4): at 16 connections, every list case answers with a
// p99 under 100 ms. The ratio to the bare read is reported beside it, for comparison with the
// logged child read's ratio in childRead.ts, and is not itself a pass/fail criterion.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../src/server/app.ts';
import {
  buildBareApp,
  checkAccessLog,
  expectOk,
  localBackendPids,
  signIn,
  startBenchSealer,
  waitForQuietLog,
} from './support/benchApp.ts';
import { aPgliteDatabase, aPostgresDatabase, type BenchDatabase } from './support/benchDatabase.ts';
import { type LoadDriver, openLoadDriver } from './support/loadDriver.ts';
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
  side,
} from './support/rounds.ts';
import { seedSwv } from './support/seedSwv.ts';

const maxP99Ms = 100;

const Options = CommonOptions.extend({ students: z.coerce.number().int().min(1) });

/** The list cases: what the IB'er does on the page, as query strings. */
function listCases(studentCount: number) {
  const lastPage = Math.max(0, Math.floor((studentCount - 1) / 25) * 25);
  return [
    { name: 'first', title: 'first page (limit 25)', queries: ['limit=25'] },
    {
      name: 'search',
      title: 'name search (q, 1 in 8 match), first page',
      // Family names of the seed; each matches one child in eight.
      queries: ['vries', 'jansen', 'bakker', 'amrani', 'visser', 'yilmaz', 'smit', 'meijer'].map(
        (q) => `q=${q}&limit=25`,
      ),
    },
    {
      name: 'filter',
      title: 'supportLevel=3 + hasActivePlan=true, first page',
      queries: ['supportLevel=3&hasActivePlan=true&limit=25'],
    },
    {
      name: 'late',
      title: `late page (offset ${lastPage}, limit 25)`,
      queries: [`offset=${lastPage}&limit=25`],
    },
  ];
}

async function main(): Promise<void> {
  const options = readOptions(
    Options,
    { seconds: '4', warmup: '2', rounds: '3' },
    { students: { type: 'string', default: '1000' } },
  );
  printHeader(
    "Passend benchmark: a school's students list (Q-PERF-4) vs bare primary-key read",
    'bench/studentList.ts',
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
      schools: 1,
      studentsPerSchool: options.students,
      activePlanEvery: 5,
    });
    const seedSeconds = (performance.now() - seedStartedAt) / 1000;
    const ids = seeded.studentIdsOfIbSchool;
    const schoolId = seeded.schoolIds[0]!;
    console.log(
      `  data         1 SWV, 1 school of ${ids.length} children (groups 1A–8B, support levels 1–4, an active plan for 1 in 5), seeded in ${seedSeconds.toFixed(1)} s`,
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
    const cookie = await signIn(appOrigin, seeded.ib.email, seeded.ib.password);
    await expectOk(`${bareOrigin}/bare/${ids[0]}`, cookie);

    const listPath = `/api/schools/${schoolId}/students`;
    const cases = listCases(ids.length);
    // Each case must answer a full page (or the filter's real matches), so it measures real work.
    let checkCalls = 0;
    for (const listCase of cases) {
      const body = (await expectOk(`${appOrigin}${listPath}?${listCase.queries[0]}`, cookie)) as {
        total: number;
        students: unknown[];
      };
      checkCalls += 1;
      console.log(
        `  check        ${listCase.name.padEnd(6)} total ${String(body.total).padStart(4)}, ${body.students.length} rows on the page`,
      );
      if (body.students.length === 0) throw new Error(`${listCase.name} answered no rows`);
    }

    const endpoints: Endpoint[] = [
      {
        name: 'bare',
        title: 'bare    GET /bare/:id: bare Fastify, one primary-key select',
        origin: bareOrigin,
        paths: ids.map((id) => `/bare/${id}`),
        headers: { cookie },
        logged: false,
      },
      ...cases.map((listCase) => ({
        name: listCase.name,
        title: `${listCase.name.padEnd(7)} GET /api/schools/:schoolId/students ${listCase.title}`,
        origin: appOrigin,
        paths: listCase.queries.map((query) => `${listPath}?${query}`),
        headers: { cookie },
        logged: true,
      })),
    ];

    load = await openLoadDriver(options.client);
    const { runs, loggedAnswers } = await runRounds(endpoints, {
      load,
      options,
      databasePids: localBackendPids(bench),
      settleLog: () => waitForQuietLog(database, seeded.swvId),
    });

    printMedians(runs, endpoints, options.rounds);
    const cpuScope = bench.database.kind === 'postgres' ? 'server + database backends' : 'server';
    const failures: string[] = [];
    for (const listCase of cases) {
      printRatio(`ratio ${listCase.name}/bare`, compare(runs, listCase.name, 'bare'), cpuScope);
      const p99 = side(runs, listCase.name).p99;
      if (!(p99 < maxP99Ms)) failures.push(`${listCase.name} p99 ${format.ms(p99).trim()}`);
    }

    // The seed's history (four reads per child) plus one search row per answered list call.
    await sealer.finish(loadStartedAt);
    await checkAccessLog(database, seeded.swvId, ids.length * 4, loggedAnswers + checkCalls, sealer);
    sealer.remove();

    const passed = failures.length === 0;
    console.log(
      `  verdict             ${passed ? 'PASS' : 'FAIL'}: ${passed ? `every list case p99 < ${maxP99Ms} ms` : `${failures.join(', ')} ≥ ${maxP99Ms} ms`} at ${options.connections} connections`,
    );
    process.exitCode = passed ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

await main();
