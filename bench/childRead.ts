// DESIGN §6: an authorized, logged read of a child's file must reach at least half the requests
// per second of a bare Fastify endpoint doing one primary-key query on the same database, in the
// same run. This benchmark measures both, alternating, and reports the ratio; it asserts nothing
// about absolute speed, which depends on the machine.
//
//   npx tsx bench/childRead.ts [--database pglite|postgres] [--seconds N] [--connections N] …
//
// One process serves both endpoints on one database handle: (a) the real app (buildApp) signed in
// as a school's IB'er, GET /api/students/:id; (b) a bare Fastify instance, GET /bare/:id, one
// primary-key select on the student table. A second process (or wrk) drives the load.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyAccessLog } from '../src/server/access/accessLog.ts';
import { buildApp } from '../src/server/app.ts';
import { sessionCookieName } from '../src/server/auth/sessions.ts';
import { type Database, queryRows } from '../src/server/db/client.ts';
import { student } from '../src/server/db/schema/index.ts';
import { aPgliteDatabase, aPostgresDatabase, type BenchDatabase } from './support/benchDatabase.ts';
import { type CpuReport, startCpuMeter } from './support/cpu.ts';
import { type LoadDriver, type LoadResult, openLoadDriver } from './support/loadDriver.ts';
import { type Profiler, startProfiler } from './support/profiler.ts';
import { seedSwv } from './support/seedSwv.ts';
import { median } from './support/stats.ts';

const requiredRatio = 0.5;

const Options = z.object({
  database: z.enum(['pglite', 'postgres']),
  'database-url': z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://'),
  seconds: z.coerce.number().positive(),
  warmup: z.coerce.number().min(0),
  rounds: z.coerce.number().int().min(1),
  connections: z.coerce.number().int().min(1),
  client: z.enum(['node', 'wrk']),
  'pool-size': z.coerce.number().int().min(1),
  'log-level': z.enum(['silent', 'info']),
  schools: z.coerce.number().int().min(1),
  'students-per-school': z.coerce.number().int().min(1),
  'cpu-prof-dir': z.string().min(1).optional(),
  breakdown: z.boolean(),
});
type Options = z.infer<typeof Options>;

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'pglite' },
      'database-url': {
        type: 'string',
        default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '16' },
      client: { type: 'string', default: 'node' },
      // The app's own default pool (src/server/db/client.ts).
      'pool-size': { type: 'string', default: '10' },
      // As in production (main.ts logs at info); "silent" is buildApp's default for tests.
      'log-level': { type: 'string', default: 'info' },
      schools: { type: 'string', default: '4' },
      'students-per-school': { type: 'string', default: '250' },
      // Profiles the server process during each endpoint's measured runs (not set-up or warm-up).
      'cpu-prof-dir': { type: 'string' },
      // Adds a third endpoint: the app's own HTTP stack with one query and no session (GET
      // /api/health), to tell the framework's share of the gap from the security work's.
      breakdown: { type: 'boolean', default: false },
    },
  });
  const parsed = Options.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid option --${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

type EndpointName = 'bare' | 'logged' | 'stack';
type Endpoint = {
  name: EndpointName;
  title: string;
  origin: string;
  paths: string[];
  headers: Record<string, string>;
};
type Run = { round: number; endpoint: EndpointName; result: LoadResult; cpu: CpuReport };

/** The same columns the app's GET /api/students/:id returns. */
const studentColumns = {
  id: student.id,
  schoolId: student.schoolId,
  givenName: student.givenName,
  familyNamePrefix: student.familyNamePrefix,
  familyName: student.familyName,
  birthDate: student.birthDate,
  schoolKey: student.schoolKey,
  groupName: student.groupName,
  supportLevel: student.supportLevel,
};

/** The reference: Fastify with its defaults, one primary-key select, no session, no policy, no log. */
function buildBareApp(database: Database): FastifyInstance {
  const bare = Fastify();
  bare.get<{ Params: { id: string } }>('/bare/:id', async (request, reply) => {
    const [row] = await database.db
      .select(studentColumns)
      .from(student)
      .where(eq(student.id, request.params.id));
    if (!row) return reply.code(404).send();
    return row;
  });
  return bare;
}

/** Signs in through the real login route; answers the Cookie header of the session. */
async function signIn(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { stage?: string };
  if (response.status !== 200 || body.stage !== 'active') {
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(body)}`);
  }
  const name = sessionCookieName(false);
  const session = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`));
  if (!session) throw new Error('sign-in set no session cookie');
  return session;
}

async function expectOk(url: string, cookie: string): Promise<void> {
  const response = await fetch(url, { headers: { cookie } });
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
}

/** The PostgreSQL backends of this database, when the server runs on this machine (their CPU is read from /proc). */
function localBackendPids(bench: BenchDatabase): (() => Promise<number[]>) | null {
  const target = bench.database.target;
  if (target.kind !== 'postgres') return null;
  const host = new URL(target.url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return null;
  return async () =>
    (
      await queryRows<{ pid: number }>(
        bench.database.db,
        sql`select pid from pg_stat_activity where datname = current_database()`,
      )
    ).map((row) => row.pid);
}

/**
 * Waits until the SWV's access log stops growing. wrk leaves requests in flight when it stops;
 * the server still answers them, and they must neither run into the next measurement nor into
 * the chain check at the end.
 */
async function waitForQuietLog(database: Database, swvId: string): Promise<void> {
  const headSeq = async () =>
    (
      await queryRows<{ seq: string }>(
        database.db,
        sql`select seq::text as seq from access_log_head where swv_id = ${swvId}`,
      )
    )[0]?.seq;
  let previous = await headSeq();
  for (let attempt = 0; attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const current = await headSeq();
    if (current === previous) return;
    previous = current;
  }
  throw new Error('the access log kept growing after the load stopped');
}

/** CPU time per answered request, server process plus database backends, in milliseconds. */
function cpuPerRequestMs(run: Run): number {
  return (run.cpu.serverMicros + (run.cpu.databaseMicros ?? 0)) / 1000 / run.result.ok;
}

const format = {
  rate: (value: number) => Math.round(value).toLocaleString('en-US').padStart(6),
  ms: (value: number) => `${value.toFixed(2).padStart(6)} ms`,
  percent: (value: number | null) => (value === null ? ' n/a' : `${value.toFixed(0).padStart(3)}%`),
  ratio: (value: number) => value.toFixed(3),
};

function describeRun(run: Run): string {
  const { result, cpu } = run;
  const database =
    cpu.databaseMicros === null ? '' : ` + db ${format.ms(cpu.databaseMicros / 1000 / result.ok)}`;
  return [
    `round ${run.round}`,
    run.endpoint.padEnd(6),
    `${format.rate(result.requestsPerSecond)} req/s`,
    `p50 ${format.ms(result.latencyMs.p50)}`,
    `p99 ${format.ms(result.latencyMs.p99)}`,
    `CPU/req server ${format.ms(cpu.serverMicros / 1000 / result.ok)}${database}`,
    `server ${format.percent(cpu.serverPercent)}`,
    `machine ${format.percent(cpu.machineBusyPercent)} (steal ${format.percent(cpu.machineStealPercent)})`,
  ].join('  ');
}

type Drive = (endpoint: Endpoint, seconds: number) => Promise<{ result: LoadResult; cpu: CpuReport }>;

function driver(load: LoadDriver, options: Options, databasePids: (() => Promise<number[]>) | null): Drive {
  return async (endpoint, seconds) => {
    const stop = await startCpuMeter(os.cpus().length, databasePids);
    // The same client settings for every endpoint; the headers are the endpoint's (the cookie).
    const result = await load.run({
      origin: endpoint.origin,
      paths: endpoint.paths,
      headers: endpoint.headers,
      connections: options.connections,
      seconds,
    });
    const cpu = await stop();
    if (result.errors > 0) {
      throw new Error(`${endpoint.name}: ${result.errors} failed requests (first: ${result.firstError})`);
    }
    return { result, cpu };
  };
}

function side(runs: readonly Run[], name: EndpointName) {
  const of = runs.filter((run) => run.endpoint === name);
  return {
    requestsPerSecond: median(of.map((run) => run.result.requestsPerSecond)),
    p50: median(of.map((run) => run.result.latencyMs.p50)),
    p99: median(of.map((run) => run.result.latencyMs.p99)),
    cpuPerRequestMs: median(of.map(cpuPerRequestMs)),
  };
}

/** logged against bare: the ratio of the medians, the ratio within each round, and by CPU time. */
function compare(runs: readonly Run[], logged: EndpointName, bare: EndpointName) {
  const rounds = [...new Set(runs.map((run) => run.round))];
  const rate = (round: number, name: EndpointName) =>
    runs.find((run) => run.round === round && run.endpoint === name)!.result.requestsPerSecond;
  const a = side(runs, logged);
  const b = side(runs, bare);
  return {
    ratio: a.requestsPerSecond / b.requestsPerSecond,
    roundRatios: rounds.map((round) => rate(round, logged) / rate(round, bare)),
    cpuRatio: b.cpuPerRequestMs / a.cpuPerRequestMs,
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  const gib = Math.round(os.totalmem() / 2 ** 30);
  console.log('Passend benchmark: authorized, logged child read vs bare primary-key read (DESIGN §6)');
  console.log(`  date         ${new Date().toISOString()}`);
  console.log(`  machine      ${os.cpus().length} × ${cpuModel}, ${gib} GiB, ${os.type()} ${os.release()}`);
  console.log(
    `  load         ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (1, 5, 15 min)`,
  );
  console.log(`  node         ${process.version}`);
  console.log(`  command      npx tsx bench/childRead.ts ${process.argv.slice(2).join(' ')}`.trimEnd());
  console.log(
    `  settings     ${options.database}, ${options.client} client, ${options.connections} connections, warm-up ${options.warmup} s, ${options.rounds} rounds × ${options.seconds} s per endpoint, app log level ${options['log-level']}`,
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
    const ids = seeded.studentIdsOfIbSchool;
    await expectOk(`${appOrigin}/api/students/${ids[0]}`, cookie);
    await expectOk(`${bareOrigin}/bare/${ids[0]}`, cookie);
    let loggedAnswers = 1;

    const endpoints: Record<EndpointName, Endpoint> = {
      stack: {
        name: 'stack',
        title:
          "stack   GET /api/health, no cookie: the app's HTTP stack and one query (select 1), no session",
        origin: appOrigin,
        paths: ['/api/health'],
        headers: {},
      },
      logged: {
        name: 'logged',
        title:
          'logged  GET /api/students/:id: session, actor, policy, access-log row, read, in one transaction',
        origin: appOrigin,
        paths: ids.map((id) => `/api/students/${id}`),
        headers: { cookie },
      },
      bare: {
        name: 'bare',
        title: 'bare    GET /bare/:id: bare Fastify, one primary-key select',
        origin: bareOrigin,
        // The same request bytes as the logged read: the cookie is sent, and ignored.
        paths: ids.map((id) => `/bare/${id}`),
        headers: { cookie },
      },
    };

    load = await openLoadDriver(options.client);
    const drive = driver(load, options, localBackendPids(bench));
    const measured = options.breakdown
      ? [endpoints.bare, endpoints.logged, endpoints.stack]
      : [endpoints.bare, endpoints.logged];
    if (options.warmup > 0) {
      for (const endpoint of measured) {
        const { result } = await drive(endpoint, options.warmup);
        if (endpoint.name === 'logged') {
          loggedAnswers += result.ok;
          await waitForQuietLog(database, seeded.swvId);
        }
      }
    }

    const profiler: Profiler | null = options['cpu-prof-dir']
      ? await startProfiler(options['cpu-prof-dir'])
      : null;
    const runs: Run[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      // Rotate the order, so a slow drift of the machine does not favour one endpoint.
      const shift = (round - 1) % measured.length;
      const order = [...measured.slice(shift), ...measured.slice(0, shift)];
      for (const endpoint of order) {
        const measure = () => drive(endpoint, options.seconds);
        const { result, cpu } = profiler ? await profiler.around(endpoint.name, measure) : await measure();
        if (endpoint.name === 'logged') {
          loggedAnswers += result.ok;
          await waitForQuietLog(database, seeded.swvId);
        }
        const run: Run = { round, endpoint: endpoint.name, result, cpu };
        runs.push(run);
        console.log(`  ${describeRun(run)}`);
      }
    }
    if (profiler) console.log(`  profiles     ${(await profiler.save()).join(', ')}`);

    console.log(`\n  medians over ${options.rounds} rounds:`);
    for (const { name } of measured) {
      const s = side(runs, name);
      console.log(`  ${endpoints[name].title}`);
      console.log(
        `          ${format.rate(s.requestsPerSecond)} req/s   p50 ${format.ms(s.p50)}   p99 ${format.ms(s.p99)}   CPU per request ${format.ms(s.cpuPerRequestMs)}`,
      );
    }
    const cpuScope = bench.database.kind === 'postgres' ? 'server + database backends' : 'server';
    const printRatio = (label: string, comparison: ReturnType<typeof compare>) => {
      console.log(
        `  ${label.padEnd(18)}  ${format.ratio(comparison.ratio)} by requests per second (medians); per round ${comparison.roundRatios.map(format.ratio).join(', ')}`,
      );
      console.log(
        `  ${''.padEnd(18)}  ${format.ratio(comparison.cpuRatio)} by CPU time per request (${cpuScope})`,
      );
    };
    const summary = compare(runs, 'logged', 'bare');
    printRatio('ratio logged/bare', summary);
    if (options.breakdown) {
      printRatio('ratio stack/bare', compare(runs, 'stack', 'bare'));
      printRatio('ratio logged/stack', compare(runs, 'logged', 'stack'));
    }

    // The log must hold a row for every answered read, with an unbroken chain.
    const historyRows = seeded.studentIdsOfIbSchool.length * 4;
    const [counted] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from access_log where swv_id = ${seeded.swvId}`,
    );
    const written = (counted?.n ?? 0) - historyRows;
    const verification = await verifyAccessLog(database.db);
    const chain =
      verification.problems.length === 0 ? 'verified' : `BROKEN ${JSON.stringify(verification.problems)}`;
    console.log(
      `  access log          ${written} rows written for ${loggedAnswers} answered reads; chain ${chain}`,
    );
    if (written < loggedAnswers || verification.problems.length > 0) {
      throw new Error('the access log does not account for every read');
    }

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
