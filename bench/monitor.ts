// The bar (issue 15 item 5, docs/requirements.md Q-PERF-2): for one SWV the monitor answers as fast
// on a national-size database (`passend demo --scale national`: ~150 SWVs, ~2.5 million pupils) as
// on a small one (`passend demo`: the three regional SWVs), within 1.5×; and reads of children's
// files stay fast while the monitor runs. This benchmark measures both and records the plans.
//
//   npx tsx bench/monitor.ts [--national-url URL] [--single-url URL] [--prepare] …
//
// The same SWV on both: the Utrecht-like demo SWV, generated row for row the same at both scales
// (same seed and day). Three parts:
//  1. The monitor's use case (monitor.service.ts monitorOf, as GET /api/monitor runs it: one
//     transaction, the access-log row, every query of monitor.queries.ts, the figures in code) for
//     its policy officer, `--iterations` times per database, alternating. Every statement is timed
//     where the app waits for it (support/statementTimer.ts) and labelled by its verb and tables:
//     p50/p99 per query, per query set (the sum of one call's statements) and per call, and the
//     ratio national/single of the medians. PASS when the query set's p50 ratio is at most 1.5.
//  2. EXPLAIN (ANALYZE, BUFFERS) of every statement of one call, with the values the app sent, on
//     both databases, written to --plans-dir (monitor-single.txt, monitor-national.txt).
//  3. On the national database: the real app on a port, GET /api/students/:id of the IB'er's
//     school at --connections (as bench/childRead.ts's logged read), in rounds alone and with
//     --monitor-connections clients asking GET /api/monitor over and over at the same time.
//
// The databases are kept (the national one takes long to make). With --prepare a missing one is
// created and filled with seedDemo first. Parts 1 and 3 write access-log rows and two sessions into them.

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { z } from 'zod';
import type { Context } from '../src/server/access/actor.ts';
import { buildApp } from '../src/server/app.ts';
import { createSession, sessionCookieName } from '../src/server/auth/sessions.ts';
import { type Database, openDatabase, queryRows } from '../src/server/db/client.ts';
import { seedDemo } from '../src/server/db/demo/index.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { monitorOf } from '../src/server/modules/monitor/monitor.service.ts';
import { startCpuMeter } from './support/cpu.ts';
import { type LoadDriver, type LoadResult, openLoadDriver } from './support/loadDriver.ts';
import { installStatementTimer, type TimedStatement } from './support/statementTimer.ts';
import { median, percentile } from './support/stats.ts';

const allowedRatio = 1.5;
const defaultServer = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const withName = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const Options = z.object({
  'national-url': z.string().regex(/^postgres(ql)?:\/\//),
  'single-url': z.string().regex(/^postgres(ql)?:\/\//),
  swv: z.string().regex(/^[a-z0-9-]+$/),
  iterations: z.coerce.number().int().min(3),
  warmup: z.coerce.number().int().min(0),
  'plans-dir': z.string().min(1),
  prepare: z.boolean(),
  'child-read': z.boolean(),
  seconds: z.coerce.number().positive(),
  rounds: z.coerce.number().int().min(1),
  connections: z.coerce.number().int().min(1),
  'monitor-connections': z.coerce.number().int().min(1),
  'pool-size': z.coerce.number().int().min(1),
});
type Options = z.infer<typeof Options>;

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      'national-url': { type: 'string', default: withName(defaultServer, 'passend_national') },
      'single-url': { type: 'string', default: withName(defaultServer, 'passend_regional') },
      // The demo SWV by its slug (ib@<slug>.demo.passend.nl): the Utrecht-like one has the history.
      swv: { type: 'string', default: 'utrecht' },
      iterations: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '3' },
      'plans-dir': { type: 'string', default: 'bench/plans' },
      prepare: { type: 'boolean', default: false },
      'child-read': { type: 'boolean', default: true },
      seconds: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '16' },
      'monitor-connections': { type: 'string', default: '2' },
      'pool-size': { type: 'string', default: '10' },
    },
    allowNegative: true,
  });
  const parsed = Options.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid option --${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

const fmt = {
  ms: (v: number) => `${v.toFixed(1).padStart(7)} ms`,
  ratio: (v: number) => v.toFixed(2),
  int: (v: number) => Math.round(v).toLocaleString('en-US'),
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

type Target = {
  name: 'single' | 'national';
  database: Database;
  swvId: string;
  policyUserId: string;
  ibUserId: string;
  ibSchoolId: string;
  description: string;
};

/** Opens (and with --prepare, creates and fills) one demo database. */
async function openTarget(name: Target['name'], url: string, options: Options): Promise<Target> {
  const dbName = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withName(url, 'postgres') });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount! > 0;
  if (!exists) {
    if (!options.prepare) {
      await admin.end();
      throw new Error(
        `database ${dbName} does not exist: make it with DATABASE_URL=${url} npx tsx src/cli/main.ts demo${name === 'national' ? ' --scale national' : ''}, or pass --prepare`,
      );
    }
    await admin.query(`create database ${pg.escapeIdentifier(dbName)}`);
  }
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url, poolSize: options['pool-size'] });
  if (!exists) {
    await migrateDatabase(database);
    const startedAt = performance.now();
    await seedDemo(database, {
      password: 'Bench-demo-wachtwoord-2026',
      scale: name === 'national' ? 'national' : 'regional',
    });
    console.log(
      `  prepared     ${dbName}: demo ${name} written in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
    );
  }
  const domain = `${options.swv}.demo.passend.nl`;
  const [people] = await queryRows<{ swvId: string; policy: string; ib: string; school: string }>(
    database.db,
    sql`select p.swv_id as "swvId", p.id as policy, i.id as ib, m.school_id as school
          from app_user p join app_user i on i.email = ${`ib@${domain}`}
          join membership m on m.user_id = i.id and m.role = 'school_ib'
         where p.email = ${`beleid@${domain}`}`,
  );
  if (!people) throw new Error(`${dbName} has no demo SWV ${options.swv}`);
  const [size] = await queryRows<{ swvs: number; pupils: number; bytes: string }>(
    database.db,
    sql`select (select count(*) from swv)::int as swvs, (select count(*) from student)::int as pupils,
          pg_size_pretty(pg_database_size(current_database())) as bytes`,
  );
  const [own] = await queryRows<{ pupils: number }>(
    database.db,
    sql`select count(*)::int as pupils from student where swv_id = ${people.swvId}`,
  );
  return {
    name,
    database,
    swvId: people.swvId,
    policyUserId: people.policy,
    ibUserId: people.ib,
    ibSchoolId: people.school,
    description: `${dbName}: ${size!.swvs} SWVs, ${fmt.int(size!.pupils)} pupils, ${size!.bytes}; the SWV has ${fmt.int(own!.pupils)} pupils`,
  };
}

function policyContext(target: Target): Context {
  return {
    database: target.database,
    actor: {
      userId: target.policyUserId,
      swvId: target.swvId,
      memberships: [{ role: 'policy', schoolId: null, groups: [], partnerOrganisationId: null }],
      teamSchoolIds: [],
      attendanceMunicipalities: [],
    },
    requestId: 'bench-monitor',
    clientAddress: '127.0.0.1',
    now: new Date(),
  };
}

type Call = { totalMs: number; statements: TimedStatement[] };

/** Per statement label, numbered within its function when a function sends several. */
function labelled(statements: readonly TimedStatement[]): { label: string; ms: number }[] {
  const seen = new Map<string, number>();
  return statements.map((s) => {
    const n = (seen.get(s.label) ?? 0) + 1;
    seen.set(s.label, n);
    return { label: n === 1 ? s.label : `${s.label}#${n}`, ms: s.ms };
  });
}

/** The monitor's own reads: not BEGIN/COMMIT, not the access-log row. */
const isMonitorQuery = (label: string) => label.startsWith('select ') && !label.includes('access_log');

async function partQueries(
  targets: Target[],
  options: Options,
  timer: ReturnType<typeof installStatementTimer>,
) {
  console.log(
    `\n  part 1: monitorOf (GET /api/monitor's use case) for the SWV's policy officer, this school year`,
  );
  const calls = new Map<Target['name'], Call[]>(targets.map((t) => [t.name, []]));
  const callOnce = async (target: Target) => {
    timer.start();
    const startedAt = performance.now();
    await monitorOf(policyContext(target), {});
    const totalMs = performance.now() - startedAt;
    return { totalMs, statements: timer.stop() };
  };
  for (let i = 0; i < options.warmup; i++) for (const t of targets) await callOnce(t);
  for (let i = 0; i < options.iterations; i++) {
    const order = i % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) calls.get(t.name)!.push(await callOnce(t));
  }
  console.log(`  load after   ${load()}`);

  // Labels in the order of one call.
  const first = calls.get('single')![0]!;
  const labels = labelled(first.statements).map((s) => s.label);
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: median(sorted), p99: percentile(sorted, 0.99) };
  };
  const of = (name: Target['name'], label: string) =>
    stats(
      calls.get(name)!.map((c) => labelled(c.statements).find((s) => s.label === label)?.ms ?? Number.NaN),
    );
  const setOf = (name: Target['name']) =>
    stats(
      calls.get(name)!.map((c) =>
        labelled(c.statements)
          .filter((s) => isMonitorQuery(s.label))
          .reduce((sum, s) => sum + s.ms, 0),
      ),
    );
  const callOf = (name: Target['name']) => stats(calls.get(name)!.map((c) => c.totalMs));

  const width = Math.max(...labels.map((l) => l.length), 24);
  console.log(
    `  ${'statement'.padEnd(width)}  ${'single p50'.padStart(10)}  ${'p99'.padStart(10)}  ${'national p50'.padStart(12)}  ${'p99'.padStart(10)}  ratio p50`,
  );
  const row = (label: string, a: { p50: number; p99: number }, b: { p50: number; p99: number }) =>
    console.log(
      `  ${label.padEnd(width)}  ${fmt.ms(a.p50)}  ${fmt.ms(a.p99)}  ${fmt.ms(b.p50).padStart(12)}  ${fmt.ms(b.p99)}  ${fmt.ratio(b.p50 / a.p50)}`,
    );
  for (const label of labels) row(label, of('single', label), of('national', label));
  const set = { single: setOf('single'), national: setOf('national') };
  const call = { single: callOf('single'), national: callOf('national') };
  row('query set (sum)', set.single, set.national);
  row('whole call', call.single, call.national);
  return {
    setRatio: set.national.p50 / set.single.p50,
    callRatio: call.national.p50 / call.single.p50,
    statements: Object.fromEntries(targets.map((t) => [t.name, calls.get(t.name)!.at(-1)!.statements])),
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the monitor's reads of one call, as the app sent them. */
async function partPlans(target: Target, statements: readonly TimedStatement[], dir: string) {
  const named = labelled(statements);
  const out: string[] = [
    `# EXPLAIN (ANALYZE, BUFFERS) of the monitor's statements, ${target.name} database`,
    `# ${new Date().toISOString()}, load ${load()}`,
    `# ${target.description}`,
    '',
  ];
  for (const [index, statement] of statements.entries()) {
    const label = named[index]!.label;
    if (!isMonitorQuery(label) || !/^\s*(select|with)\b/i.test(statement.text)) continue;
    const result = await target.database.executeSql(
      `explain (analyze, buffers) ${statement.text}`,
      statement.values as unknown[],
    );
    out.push(`## ${label}`, '', statement.text.replace(/\s+/g, ' ').trim(), '');
    out.push(...(result.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']), '');
  }
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `monitor-${target.name}.txt`);
  writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

async function sessionCookie(target: Target, userId: string): Promise<string> {
  // Written as a finished sign-in leaves it (password and, for policy staff, the second factor).
  const { token } = await createSession(target.database.db, {
    userId,
    stage: 'active',
    method: 'password',
    now: new Date(),
  });
  return `${sessionCookieName(false)}=${token}`;
}

async function partChildReads(target: Target, options: Options) {
  console.log(
    `\n  part 3: GET /api/students/:id (the IB'er's school, ${options.connections} connections) alone and while ${options['monitor-connections']} clients ask GET /api/monitor, ${target.name} database`,
  );
  const app = await buildApp({
    database: target.database,
    publicUrl: 'http://127.0.0.1',
    secureCookies: false,
    logLevel: 'info',
    logStream: { write: () => {} },
  });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const readers: LoadDriver = await openLoadDriver('node');
  const monitors: LoadDriver = await openLoadDriver('node');
  try {
    const ibCookie = await sessionCookie(target, target.ibUserId);
    const policyCookie = await sessionCookie(target, target.policyUserId);
    const children = (
      await queryRows<{ id: string }>(
        target.database.db,
        sql`select id from student where swv_id = ${target.swvId} and school_id = ${target.ibSchoolId} order by id`,
      )
    ).map((r) => r.id);
    for (const [url, cookie] of [
      [`${origin}/api/students/${children[0]}`, ibCookie],
      [`${origin}/api/monitor`, policyCookie],
    ] as const) {
      const response = await fetch(url, { headers: { cookie } });
      if (response.status !== 200)
        throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
    console.log(
      `  children     ${children.length} of the IB'er's school; app on ${origin}, pool of ${options['pool-size']}`,
    );
    const readJob = (seconds: number) => ({
      origin,
      paths: children.map((id) => `/api/students/${id}`),
      headers: { cookie: ibCookie },
      connections: options.connections,
      seconds,
    });
    const monitorJob = (seconds: number) => ({
      origin,
      paths: ['/api/monitor'],
      headers: { cookie: policyCookie },
      connections: options['monitor-connections'],
      seconds,
    });
    type Row = {
      round: number;
      mode: 'alone' | 'monitor';
      reads: LoadResult;
      monitor: LoadResult | null;
      cpu: number | null;
      machine: number | null;
    };
    const rows: Row[] = [];
    const measure = async (round: number, mode: Row['mode'], seconds: number) => {
      const meter = await startCpuMeter(os.cpus().length, null);
      let monitorRun: Promise<LoadResult> | null = null;
      if (mode === 'monitor') {
        // The monitor load starts first and outlasts the reads by a second on each side.
        monitorRun = monitors.run(monitorJob(seconds + 2));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const reads = await readers.run(readJob(seconds));
      const monitor = monitorRun ? await monitorRun : null;
      const cpu = await meter();
      for (const [what, result] of [
        ['reads', reads],
        ['monitor', monitor],
      ] as const) {
        if (result && result.errors > 0)
          throw new Error(`${what}: ${result.errors} failed (${result.firstError})`);
      }
      return { round, mode, reads, monitor, cpu: cpu.serverPercent, machine: cpu.machineBusyPercent };
    };
    await measure(0, 'alone', 3);
    await measure(0, 'monitor', 3);
    for (let round = 1; round <= options.rounds; round++) {
      const modes: Row['mode'][] = round % 2 === 1 ? ['alone', 'monitor'] : ['monitor', 'alone'];
      for (const mode of modes) {
        const r = await measure(round, mode, options.seconds);
        rows.push(r);
        const m = r.monitor
          ? `  monitor ${r.monitor.requestsPerSecond.toFixed(1)} calls/s p50 ${fmt.ms(r.monitor.latencyMs.p50)} p99 ${fmt.ms(r.monitor.latencyMs.p99)}`
          : '';
        console.log(
          `  round ${round}  ${mode.padEnd(7)}  reads ${fmt.int(r.reads.requestsPerSecond).padStart(5)} req/s  p50 ${fmt.ms(r.reads.latencyMs.p50)}  p99 ${fmt.ms(r.reads.latencyMs.p99)}  server ${r.cpu?.toFixed(0)}%  machine ${r.machine?.toFixed(0)}%${m}  load ${load()}`,
        );
      }
    }
    const med = (mode: Row['mode'], pick: (r: Row) => number) =>
      median(rows.filter((r) => r.mode === mode).map(pick));
    const alone = {
      rps: med('alone', (r) => r.reads.requestsPerSecond),
      p50: med('alone', (r) => r.reads.latencyMs.p50),
      p99: med('alone', (r) => r.reads.latencyMs.p99),
    };
    const busy = {
      rps: med('monitor', (r) => r.reads.requestsPerSecond),
      p50: med('monitor', (r) => r.reads.latencyMs.p50),
      p99: med('monitor', (r) => r.reads.latencyMs.p99),
      calls: med('monitor', (r) => r.monitor!.requestsPerSecond),
      monitorP50: med('monitor', (r) => r.monitor!.latencyMs.p50),
    };
    console.log(`\n  medians over ${options.rounds} rounds:`);
    console.log(
      `  reads alone           ${fmt.int(alone.rps).padStart(5)} req/s  p50 ${fmt.ms(alone.p50)}  p99 ${fmt.ms(alone.p99)}`,
    );
    console.log(
      `  reads with monitor    ${fmt.int(busy.rps).padStart(5)} req/s  p50 ${fmt.ms(busy.p50)}  p99 ${fmt.ms(busy.p99)}  (monitor ${busy.calls.toFixed(1)} calls/s, p50 ${fmt.ms(busy.monitorP50)})`,
    );
    console.log(
      `  with/alone            ${fmt.ratio(busy.rps / alone.rps)} by req/s; p50 ×${fmt.ratio(busy.p50 / alone.p50)}, p99 ×${fmt.ratio(busy.p99 / alone.p99)}`,
    );
    return { rpsRatio: busy.rps / alone.rps };
  } finally {
    await readers.close();
    await monitors.close();
    await app.close();
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    'Passend benchmark: the monitor for one SWV on a national-size database vs a small one (Q-PERF-2)',
  );
  console.log(`  date         ${new Date().toISOString()}`);
  console.log(
    `  machine      ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
  );
  console.log(`  load         ${load()} (1, 5, 15 min)`);
  console.log(`  node         ${process.version}`);
  console.log(`  command      npx tsx bench/monitor.ts ${process.argv.slice(2).join(' ')}`.trimEnd());
  console.log(
    `  settings     ${options.iterations} calls per database after ${options.warmup} warm-up, alternating; SWV ${options.swv}`,
  );

  const timer = installStatementTimer();
  const targets: Target[] = [];
  try {
    targets.push(await openTarget('single', options['single-url'], options));
    targets.push(await openTarget('national', options['national-url'], options));
    for (const t of targets) console.log(`  ${t.name.padEnd(12)} ${t.description}`);
    const [version] = await queryRows<{ v: string }>(targets[0]!.database.db, sql`select version() as v`);
    console.log(`  postgres     ${version!.v.split(' on ')[0]}`);

    const result = await partQueries(targets, options, timer);
    for (const t of targets) {
      console.log(`  plans        ${await partPlans(t, result.statements[t.name]!, options['plans-dir'])}`);
    }
    if (options['child-read']) await partChildReads(targets[1]!, options);

    // The bar is the monitor's queries' (issue 15): the whole call adds the figures computed in
    // JavaScript, the same work on both databases, and only moves with the machine's load.
    const passed = result.setRatio <= allowedRatio;
    console.log(
      `\n  verdict      ${passed ? 'PASS' : 'FAIL'}: national/single p50 of the query set ${fmt.ratio(result.setRatio)} ${passed ? '≤' : '>'} ${allowedRatio} (whole call ${fmt.ratio(result.callRatio)}, not judged)`,
    );
    process.exitCode = passed ? 0 : 1;
  } finally {
    timer.remove();
    for (const t of targets) await t.database.close();
  }
}

await main();
