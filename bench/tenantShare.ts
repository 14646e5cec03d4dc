// How much of a national database one SWV is (issue 17 item 5, docs/scaling.md): per table with
// swv_id, the rows of the largest SWV (by pupils) and the largest share any one SWV has; the SWV's
// share of the work (pupils, schools, accounts, requests, cases, plans: what its users' queries
// scale with; the demo writes no access log to count reads by); and, placing each SWV's rows as
// Citus would (hash of swv_id with uuid_hash, 32 or 128 shards, round-robin over the workers), the
// share of the busiest shard and worker. Reads only.
//
//   npx tsx bench/tenantShare.ts [--database-url URL] [--shards 32,128] [--workers 4]
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/passend_national' },
    // Citus's default citus.shard_count is 32; more shards spread a few large tenants more evenly.
    shards: { type: 'string', default: '32,128' },
    workers: { type: 'string', default: '4' },
  },
});
const shardCounts = values.shards.split(',').map(Number);
const workerCounts = [...new Set([2, 4, 8, Number(values.workers)])].sort((a, b) => a - b);

const client = new pg.Client({ connectionString: values['database-url'] });
await client.connect();
const q = async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[];

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((part / whole) * 100).toFixed(2)} %`);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

console.log("Passend: the largest SWV's share of a national database");
console.log(`  date         ${new Date().toISOString()}`);
console.log(
  `  machine      ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
);
console.log(
  `  load         ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const [db] = await q<{ name: string; size: string; version: string }>(
  `select current_database() as name, pg_database_size(current_database())::text as size, version() as version`,
);
console.log(`  database     ${db!.name}, ${mib(Number(db!.size))}, ${db!.version.split(' on ')[0]}`);

const swvs = await q<{ id: string; name: string; pupils: number; hash: number }>(
  `select s.id, s.name, count(st.id)::int as pupils, uuid_hash(s.id) as hash
     from swv s left join student st on st.swv_id = s.id group by s.id order by pupils desc, s.id`,
);
const largest = swvs[0]!;
const totalPupils = swvs.reduce((sum, s) => sum + s.pupils, 0);
console.log(
  `  SWVs         ${swvs.length}, ${int(totalPupils)} pupils; largest: ${largest.name} with ${int(largest.pupils)} (${pct(largest.pupils, totalPupils)})`,
);

const tables = await q<{ table: string; notNull: boolean }>(
  `select c.relname as table, a.attnotnull as "notNull"
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attname = 'swv_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
);
const others = await q<{ table: string }>(
  `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
      and not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'swv_id')
      and c.relname not like '\\_\\_%' order by 1`,
);

type TableShare = {
  table: string;
  rows: number;
  bytes: number;
  largestRows: number;
  maxRows: number;
  maxSwv: string;
  perSwv: Map<string, number>;
  nullRows: number;
};
const shares: TableShare[] = [];
for (const { table } of tables) {
  const ident = pg.escapeIdentifier(table);
  const counts = await q<{ swv_id: string | null; n: string }>(
    `select swv_id, count(*)::text as n from ${ident} group by swv_id`,
  );
  const [size] = await q<{ bytes: string }>(`select pg_total_relation_size($1::regclass)::text as bytes`, [
    table,
  ]);
  const perSwv = new Map<string, number>();
  let rows = 0;
  let nullRows = 0;
  let maxRows = 0;
  let maxSwv = '';
  for (const c of counts) {
    const n = Number(c.n);
    rows += n;
    if (c.swv_id === null) {
      nullRows += n;
      continue;
    }
    perSwv.set(c.swv_id, n);
    if (n > maxRows) {
      maxRows = n;
      maxSwv = c.swv_id;
    }
  }
  const largestRows = Number(counts.find((c) => c.swv_id === largest.id)?.n ?? 0);
  shares.push({ table, rows, bytes: Number(size!.bytes), largestRows, maxRows, maxSwv, perSwv, nullRows });
}

console.log('\n  rows per table (tables with swv_id), largest SWV by pupils, and the most any one SWV has:');
console.log(
  `  ${'table'.padEnd(26)} ${'rows'.padStart(11)} ${'size'.padStart(11)} ${'largest SWV'.padStart(11)} ${'share'.padStart(9)} ${'max share'.padStart(9)}`,
);
for (const s of [...shares].sort((a, b) => b.rows - a.rows)) {
  if (s.rows === 0) continue;
  const maxName = s.maxSwv === largest.id ? '' : ' (another SWV)';
  console.log(
    `  ${s.table.padEnd(26)} ${int(s.rows).padStart(11)} ${mib(s.bytes).padStart(11)} ${int(s.largestRows).padStart(11)} ${pct(s.largestRows, s.rows).padStart(9)} ${pct(s.maxRows, s.rows - s.nullRows).padStart(9)}${maxName}${s.nullRows ? `; ${int(s.nullRows)} rows without SWV` : ''}`,
  );
}
const empty = shares.filter((s) => s.rows === 0).map((s) => s.table);
if (empty.length) console.log(`  empty in this demo: ${empty.join(', ')}`);
const allRows = shares.reduce((sum, s) => sum + s.rows, 0);
const allBytes = shares.reduce((sum, s) => sum + s.bytes, 0);
const largestRowsAll = shares.reduce((sum, s) => sum + s.largestRows, 0);
// Bytes of the largest SWV: each table's size in proportion to its rows.
const largestBytes = shares.reduce((sum, s) => sum + (s.rows ? (s.bytes * s.largestRows) / s.rows : 0), 0);
console.log(
  `  all tenant tables: ${int(allRows)} rows, ${mib(allBytes)}; the largest SWV ${int(largestRowsAll)} rows (${pct(largestRowsAll, allRows)}), about ${mib(largestBytes)}`,
);

console.log('\n  tables without swv_id (not per tenant):');
for (const { table } of others) {
  const [row] = await q<{ n: string; bytes: string }>(
    `select count(*)::text as n, pg_total_relation_size($1::regclass)::text as bytes from ${pg.escapeIdentifier(table)}`,
    [table],
  );
  console.log(
    `  ${table.padEnd(26)} ${int(Number(row!.n)).padStart(11)} ${mib(Number(row!.bytes)).padStart(11)}`,
  );
}

// The work: what the SWV's users' queries scale with.
console.log("\n  the largest SWV's share of what its users' queries scale with:");
const work = [
  ['pupils', 'student'],
  ['schools', 'school'],
  ['accounts', 'app_user'],
  ['support requests', 'support_request'],
  ['absence cases', 'absence_case'],
  ['plans', 'plan'],
] as const;
for (const [what, table] of work) {
  const s = shares.find((x) => x.table === table);
  if (!s) continue;
  const top = await q<{ swv_id: string; n: string }>(
    `select swv_id, count(*)::text as n from ${pg.escapeIdentifier(table)} where swv_id is not null group by swv_id order by count(*) desc limit 1`,
  );
  console.log(
    `  ${what.padEnd(38)} largest SWV ${pct(s.largestRows, s.rows - s.nullRows).padStart(8)}; most of any SWV ${pct(Number(top[0]?.n ?? 0), s.rows - s.nullRows).padStart(8)}`,
  );
}

// Placement as Citus would do it: shard i of n covers the hash values from INT32_MIN + i * (2^32 / n);
// the shards go round-robin to the workers.
for (const shardCount of shardCounts) {
  const increment = 2 ** 32 / shardCount;
  const shardOf = (hash: number) => Math.min(shardCount - 1, Math.floor((hash + 2 ** 31) / increment));
  const shardBySwv = new Map(swvs.map((s) => [s.id, shardOf(s.hash)]));
  const shardRows = new Array<number>(shardCount).fill(0);
  const shardBytes = new Array<number>(shardCount).fill(0);
  for (const s of shares) {
    for (const [swvId, n] of s.perSwv) {
      const shard = shardBySwv.get(swvId) ?? 0;
      shardRows[shard]! += n;
      shardBytes[shard]! += s.rows ? (s.bytes * n) / s.rows : 0;
    }
  }
  const swvsPerShard = new Array<number>(shardCount).fill(0);
  for (const shard of shardBySwv.values()) swvsPerShard[shard]!++;
  const biggestShard = shardRows.indexOf(Math.max(...shardRows));
  console.log(`\n  placed as Citus would (hash of swv_id, ${shardCount} shards, round-robin over workers):`);
  console.log(
    `  shards: SWVs per shard ${Math.min(...swvsPerShard)}–${Math.max(...swvsPerShard)}; the largest shard (${biggestShard}) holds ${pct(shardRows[biggestShard]!, allRows)} of the rows (${mib(shardBytes[biggestShard]!)}); the largest SWV is in shard ${shardBySwv.get(largest.id)}`,
  );
  for (const workers of workerCounts) {
    const rows = new Array<number>(workers).fill(0);
    const bytes = new Array<number>(workers).fill(0);
    for (let i = 0; i < shardCount; i++) {
      rows[i % workers]! += shardRows[i]!;
      bytes[i % workers]! += shardBytes[i]!;
    }
    const max = Math.max(...rows);
    const at = rows.indexOf(max);
    console.log(
      `  ${String(workers).padStart(2)} workers: the busiest holds ${pct(max, allRows)} of the rows (${mib(bytes[at]!)}); an even split would be ${pct(1, workers)}`,
    );
  }
}
await client.end();
