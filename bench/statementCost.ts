// Where a logged child read's time goes, statement by statement, on PostgreSQL: captures the
// statements (with parameters) that one GET /api/students/:id sends, then replays each one many
// times on a connection of its own and reports, per execution, the PostgreSQL backend's CPU time
// (from /proc), the Node client's CPU time (pg driver, protocol, socket writes) and the wall time.
// Also the whole request's sequence replayed as sent, the bare primary-key read, and the sealer's
// cost per sealed row. PostgreSQL on this machine only (the backend's CPU is read from /proc).
//
//   npx tsx bench/statementCost.ts [--database-url URL] [--repeat N]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { sealBatch } from '../src/server/access/sealer.ts';
import { buildApp } from '../src/server/app.ts';
import { queryRows } from '../src/server/db/client.ts';
import { student } from '../src/server/db/schema/index.ts';
import { expectOk, signIn } from './support/benchApp.ts';
import { aPostgresDatabase, type BenchDatabase } from './support/benchDatabase.ts';
import { seedSwv } from './support/seedSwv.ts';

const { values } = parseArgs({
  options: {
    'database-url': {
      type: 'string',
      default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    repeat: { type: 'string', default: '2000' },
  },
});
const repeat = Number(values.repeat);

/** User + system CPU time of a process in microseconds (Linux, 100 ticks per second). */
function cpuMicrosOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
}

type Statement = { text: string; params: unknown[] };

/** Runs `work` `repeat` times on `client`; answers per execution: backend CPU, Node CPU, wall (µs). */
async function measure(backendPid: number, work: () => Promise<unknown>) {
  for (let index = 0; index < 50; index++) await work();
  const backend0 = cpuMicrosOf(backendPid);
  const node0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let index = 0; index < repeat; index++) await work();
  const wall = (performance.now() - wall0) * 1000;
  const node = process.cpuUsage(node0);
  const backend = cpuMicrosOf(backendPid) - backend0;
  return { db: backend / repeat, node: (node.user + node.system) / repeat, wall: wall / repeat };
}

function label(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (/^select (s|se)\.token_hash/i.test(flat))
    return flat.includes('child_facts') ? 'session + actor + facts' : 'session + actor';
  if (/^select s\.id, s\.swv_id, s\.school_id/i.test(flat)) return 'facts';
  if (/^insert into "access_log"/i.test(flat)) return 'access-log INSERT';
  if (/^with logged as/i.test(flat)) return 'log row + read (one statement)';
  if (/^select .*from "student"/i.test(flat)) return 'child row';
  return flat.slice(0, 40);
}

async function main(): Promise<void> {
  console.log('Passend benchmark: cost per statement of a logged child read (PostgreSQL)');
  console.log(`  date         ${new Date().toISOString()}`);
  console.log(
    `  load         ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (1, 5, 15 min)`,
  );
  console.log(`  repeat       ${repeat} executions per line, one connection, one after another`);
  let bench: BenchDatabase | null = null;
  try {
    bench = await aPostgresDatabase(values['database-url'], 4);
    const { database } = bench;
    const seeded = await seedSwv(database, { schools: 1, studentsPerSchool: 250 });
    const app = await buildApp({
      database,
      publicUrl: 'http://127.0.0.1',
      secureCookies: false,
      logLevel: 'silent',
    });
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const cookie = await signIn(origin, seeded.ib.email, seeded.ib.password);
    const childId = seeded.studentIdsOfIbSchool[0]!;
    await expectOk(`${origin}/api/students/${childId}`, cookie);
    const captured: Statement[] = [];
    database.queryObserver.onQuery = (text, params) => captured.push({ text, params });
    await expectOk(`${origin}/api/students/${childId}`, cookie);
    database.queryObserver.onQuery = null;
    await app.close();

    // The same connection kind the app uses: node-postgres, unnamed statements, one after another.
    const url = (database.target as { url: string }).url;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const [{ pid }] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [
      { pid: number },
    ];
    const print = (name: string, cost: { db: number; node: number; wall: number }) =>
      console.log(
        `  ${name.padEnd(34)} db ${(cost.db / 1000).toFixed(3)} ms   node ${(cost.node / 1000).toFixed(3)} ms   wall ${(cost.wall / 1000).toFixed(3)} ms`,
      );
    console.log(`  statements   ${captured.length} per logged read, as sent:`);
    for (const statement of captured) {
      console.log(
        `    ${label(statement.text)}: ${statement.text.replace(/\s+/g, ' ').trim().slice(0, 110)}`,
      );
    }
    console.log('  per execution (CPU of the PostgreSQL backend, CPU of this Node process, wall time):');
    const bare = database.db.select().from(student).where(eq(student.id, childId)).toSQL();
    print('bare primary-key read', await measure(pid, () => client.query(bare.sql, bare.params)));
    for (const [index, statement] of captured.entries()) {
      if (/^(begin|commit)/i.test(statement.text.trim())) continue;
      const values = statement.params as unknown[];
      print(label(statement.text), await measure(pid, () => client.query(statement.text, values)));
      // The same as a named prepared statement: parsed and planned once per connection.
      const name = `cost_${index}`;
      print(`  prepared`, await measure(pid, () => client.query({ name, text: statement.text, values })));
    }
    print(
      'BEGIN + COMMIT (empty)',
      await measure(pid, async () => {
        await client.query('begin');
        await client.query('commit');
      }),
    );
    print(
      'the whole read, as sent',
      await measure(pid, async () => {
        for (const statement of captured) await client.query(statement.text, statement.params as unknown[]);
      }),
    );
    await client.end();

    // The sealer: its cost per sealed row (the replays above left many rows unsealed).
    const [unsealed] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from access_log where seq is null`,
    );
    const pids = (
      await queryRows<{ pid: number }>(
        database.db,
        sql`select pid from pg_stat_activity where datname = current_database()`,
      )
    ).map((row) => row.pid);
    const before = new Map(pids.map((p) => [p, cpuMicrosOf(p)]));
    const node0 = process.cpuUsage();
    const wall0 = performance.now();
    let sealed = 0;
    for (;;) {
      const batch = await sealBatch(database.db, new Date());
      if (batch.sealed === 0) break;
      sealed += batch.sealed;
    }
    const wall = (performance.now() - wall0) * 1000;
    const node = process.cpuUsage(node0);
    let db = 0;
    for (const p of pids) db += cpuMicrosOf(p) - (before.get(p) ?? 0);
    console.log(
      `  sealer, per sealed row (${sealed} of ${unsealed?.n} rows, batches of 5,000): db ${(db / sealed / 1000).toFixed(3)} ms   node ${((node.user + node.system) / sealed / 1000).toFixed(3)} ms   wall ${(wall / sealed / 1000).toFixed(3)} ms`,
    );
  } finally {
    await bench?.remove();
  }
}

await main();
