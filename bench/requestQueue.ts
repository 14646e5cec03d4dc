// The consultant's request queue (GET /api/requests, docs/domain.md "Requests and decisions"):
// the page a consultant opens many times a day, over the requests of every school of their team.
// This benchmark seeds one SWV of 4 schools with a request for one child in five, in every open
// and decided state, signs in as the consultant and measures, alternating in one run, three uses
// of the queue against the bare primary-key read childRead.ts uses as its reference.
//
//   npx tsx bench/requestQueue.ts [--database pglite|postgres] [--seconds N] [--connections N] …
//
// Reported, not judged: there is no bar of its own in docs/requirements.md; the p99 is printed
// against the 100 ms of the students list (Q-PERF-4) for comparison, and each answered call's
// `search` row in the access log is checked as in the other read benchmarks.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RequestState } from '../src/domain/requests.ts';
import { buildApp } from '../src/server/app.ts';
import { aRequest } from '../test/support/factories.ts';
import { documentsForTests } from '../test/support/testApp.ts';
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

const referenceP99Ms = 100;

const Options = CommonOptions.extend({
  schools: z.coerce.number().int().min(1),
  'students-per-school': z.coerce.number().int().min(1),
});

/** The states the seeded requests cycle through: open ones mostly, some decided, a draft. */
const states: RequestState[] = ['submitted', 'complete', 'in_review', 'incomplete', 'decided', 'draft'];

function queueCases(schoolId: string) {
  return [
    { name: 'open', title: 'open requests (the default), first page of 50', queries: [''] },
    { name: 'school', title: 'open requests of one school', queries: [`schoolId=${schoolId}`] },
    { name: 'all', title: 'every state, first page of 50', queries: ['state=all'] },
  ];
}

async function main(): Promise<void> {
  const options = readOptions(
    Options,
    { seconds: '4', warmup: '2', rounds: '3' },
    {
      schools: { type: 'string', default: '4' },
      'students-per-school': { type: 'string', default: '250' },
    },
  );
  printHeader(
    "Passend benchmark: the consultant's request queue vs bare primary-key read",
    'bench/requestQueue.ts',
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
    // A request for one child in five, by the school's IB'er (or the first school's for the others).
    let requestCount = 0;
    for (const [schoolId, childIds] of seeded.studentIdsBySchool) {
      for (const [index, studentId] of childIds.entries()) {
        if (index % 5 !== 0) continue;
        await aRequest(database.db, {
          swvId: seeded.swvId,
          schoolId,
          studentId,
          byUserId: seeded.ib.id,
          state: states[requestCount % states.length]!,
        });
        requestCount += 1;
      }
    }
    await database.exec('analyze');
    const seedSeconds = (performance.now() - seedStartedAt) / 1000;
    const ids = seeded.studentIdsOfIbSchool;
    const schoolId = seeded.schoolIds[0]!;
    console.log(
      `  data         1 SWV, ${seeded.schoolIds.length} schools, ${seeded.studentCount} children, ${requestCount} requests (${states.join(', ')} in turn), one consultant's team serving every school, seeded in ${seedSeconds.toFixed(1)} s`,
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
      // The seed's second-factor secrets are sealed with the factories' fixture key.
      documents: documentsForTests(),
    });
    servers.push(app);
    const bare = buildBareApp(database);
    servers.push(bare);
    const appOrigin = await app.listen({ host: '127.0.0.1', port: 0 });
    const bareOrigin = await bare.listen({ host: '127.0.0.1', port: 0 });
    const cookie = await signIn(
      appOrigin,
      seeded.consultant.email,
      seeded.consultant.password,
      seeded.consultant.totpSecret,
    );
    await expectOk(`${bareOrigin}/bare/${ids[0]}`, cookie);

    const listPath = '/api/requests';
    const cases = queueCases(schoolId);
    // Each case must answer a full page (or the filter's real matches), so it measures real work.
    let checkCalls = 0;
    for (const listCase of cases) {
      const query = listCase.queries[0]!;
      const body = (await expectOk(`${appOrigin}${listPath}${query ? `?${query}` : ''}`, cookie)) as {
        total: number;
        requests: unknown[];
      };
      checkCalls += 1;
      console.log(
        `  check        ${listCase.name.padEnd(6)} total ${String(body.total).padStart(4)}, ${body.requests.length} rows on the page`,
      );
      if (body.requests.length === 0) throw new Error(`${listCase.name} answered no rows`);
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
        title: `${listCase.name.padEnd(7)} GET /api/requests ${listCase.title}`,
        origin: appOrigin,
        paths: listCase.queries.map((query) => (query ? `${listPath}?${query}` : listPath)),
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
      if (!(p99 < referenceP99Ms)) failures.push(`${listCase.name} p99 ${format.ms(p99).trim()}`);
    }

    // The seed's history (four reads per child of the IB'er's school) plus one row per answered call.
    await sealer.finish(loadStartedAt);
    await checkAccessLog(database, seeded.swvId, ids.length * 4, loggedAnswers + checkCalls, sealer);
    sealer.remove();

    console.log(
      `  reported            not judged; against the list's ${referenceP99Ms} ms p99 (Q-PERF-4): ${failures.length === 0 ? 'every case under it' : `${failures.join(', ')} over it`} at ${options.connections} connections`,
    );
  } finally {
    await cleanUp();
  }
}

await main();
