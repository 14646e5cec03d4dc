// The small-cell suppression of one monitor figure (src/domain/smallCells.ts, `suppressTable`), the
// old full-pass version against the current one, in one run. No bar of its own: it measures the
// part of GET /api/monitor that a CPU profile found to be a third of the busy time (bench/RESULTS.md,
// "monitor"). The tables are shaped like the Utrecht demo SWV's (src/server/db/demo/plan.ts: 100
// basisscholen, 4 SBO and 6 SO locations in 10 wijken) and its figures (src/domain/monitor.ts,
// `publishFigure` and `placeDimension`; 10 request types).
//
//   npx tsx bench/suppression.ts [--iterations N] [--warmup N] [--baseline COMMIT]
//
// The old version is read from git at `--baseline` (default 92bab70, the last before the rewrite)
// and imported from a temporary file. Both are first checked to give every cell the same count.
// Time, in this process with Node's default flags (as the server runs): the median wall time per
// call, old and new alternating, back to back (GC included, as it falls), and the GC time observed
// around the timed calls. Allocation, in a child process started with --expose-gc and a young
// generation large enough that no collection runs inside a call (checked; such a call is dropped):
// the growth of the V8 heap plus ArrayBuffer memory across one call, after a full GC.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { type MonitorSchool, placeDimension } from '../src/domain/monitor.ts';
import {
  type Dimension,
  flatDimension,
  type SuppressedTable,
  suppressTable,
} from '../src/domain/smallCells.ts';
import { median } from './support/stats.ts';

type Suppress = (
  dimensions: readonly Dimension[],
  leafCounts: ReadonlyMap<string, number>,
) => SuppressedTable;

const Options = z.object({
  iterations: z.coerce.number().int().min(1).default(30),
  warmup: z.coerce.number().int().min(0).default(5),
  baseline: z.string().default('92bab70'),
});

function optionsFromArgv() {
  const raw: Record<string, string> = {};
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === '--allocation') i--;
    else raw[args[i]!.replace(/^--/, '')] = args[i + 1]!;
  }
  return Options.parse(raw);
}

const allocationMode = process.argv.includes('--allocation');

/** A seeded random source, so every run suppresses the same tables. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { next, int: (below: number) => Math.floor(next() * below) };
}

const wijken = [
  'Binnenstad',
  'Noordoost',
  'Oost',
  'Zuid',
  'Zuidwest',
  'Noordwest',
  'West',
  'Overvecht',
  'Leidsche Rijn',
  'Vleuten-De Meern',
];
const requestTypes = [
  'consultation',
  'arrangement',
  'tlv_sbo',
  'tlv_so',
  'tlv_vso',
  'tlv_pro',
  'opdc_placement',
  'crisis_placement',
  'reading_clinic',
  'team_training',
];

function utrechtSchools(random: ReturnType<typeof randomSource>): MonitorSchool[] {
  const kinds = [
    ...Array(100).fill('bao'),
    ...Array(4).fill('sbo'),
    ...Array(6).fill('so'),
  ] as MonitorSchool['kind'][];
  return kinds.map((kind, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `School ${i}`,
    wijk: wijken[random.int(wijken.length)]!,
    municipality: 'Utrecht',
    kind,
  }));
}

type Shape = { name: string; dimensions: Dimension[]; leafCounts: Map<string, number>; facts: number };

/** A figure as `publishFigure` hands it to `suppressTable`: `facts` facts at random schools. */
function shapeOf(
  name: string,
  schools: readonly MonitorSchool[],
  categories: readonly (readonly string[])[],
  facts: number,
  random: ReturnType<typeof randomSource>,
): Shape {
  const leafCounts = new Map<string, number>();
  for (let f = 0; f < facts; f++) {
    // One fact in twenty has no (known) school, as a case of a child enrolled nowhere.
    const place = random.int(20) === 0 ? 's:none' : `s:${schools[random.int(schools.length)]!.id}`;
    const key = [place, ...categories.map((values) => values[random.int(values.length)]!)].join('\u001f');
    leafCounts.set(key, (leafCounts.get(key) ?? 0) + 1);
  }
  return {
    name,
    dimensions: [placeDimension(schools), ...categories.map((values) => flatDimension(values))],
    leafCounts,
    facts,
  };
}

function cellsOf(dimensions: readonly Dimension[]): string[][] {
  let cells: string[][] = [[]];
  for (const dimension of dimensions) cells = cells.flatMap((c) => dimension.nodes.map((n) => [...c, n]));
  return cells;
}

async function oldSuppressTable(baseline: string): Promise<{ suppress: Suppress; commit: string }> {
  const commit = execFileSync('git', ['rev-parse', '--short', baseline], { encoding: 'utf8' }).trim();
  const source = execFileSync('git', ['show', `${baseline}:src/domain/smallCells.ts`], { encoding: 'utf8' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suppression-bench-'));
  const file = path.join(dir, 'smallCellsBaseline.ts');
  writeFileSync(file, source);
  const module = (await import(pathToFileURL(file).href)) as { suppressTable: Suppress };
  rmSync(dir, { recursive: true, force: true });
  return { suppress: module.suppressTable, commit };
}

let gcCount = 0;
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcCount++;
    gcMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });
/** Lets the GC observer's entries in (they arrive on a later turn). */
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 1));
};

/** Bytes allocated by one call after a full GC, or null when a GC ran inside it. */
async function allocatedBy(suppress: Suppress, shape: Shape): Promise<number | null> {
  (globalThis.gc as () => void)();
  await settle();
  const gcsBefore = gcCount;
  const before = process.memoryUsage();
  const table = suppress(shape.dimensions, shape.leafCounts);
  const after = process.memoryUsage();
  await settle();
  if (table.raw([]) < 0) throw new Error('unreachable'); // keeps the table alive until read
  if (gcCount !== gcsBefore) return null;
  return after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
}

/** Wall milliseconds of one call, and the GC milliseconds observed around it. */
async function timed(suppress: Suppress, shape: Shape, into: { ms: number[]; gcMs: number }) {
  const gcBefore = gcMs;
  const start = performance.now();
  suppress(shape.dimensions, shape.leafCounts);
  into.ms.push(performance.now() - start);
  await settle();
  into.gcMs += gcMs - gcBefore;
}

type Allocation = { shape: string; old: number[]; new: number[] };

/** Runs this benchmark again in allocation mode, in a child process with the GC flags. */
function allocationsFromChild(): Allocation[] {
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-semi-space-size=256',
      ...process.execArgv,
      ...process.argv.slice(1),
      '--allocation',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  if (run.status !== 0) throw new Error(`the allocation run failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Allocation);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const msText = (ms: number) => `${ms.toFixed(1)} ms`;

async function main() {
  const options = optionsFromArgv();
  const { suppress: old, commit } = await oldSuppressTable(options.baseline);
  const random = randomSource(20261203);
  const schools = utrechtSchools(random);
  const shapes = [
    // The largest: send-backs as incomplete by request type × reason (10 × 10).
    shapeOf(
      'incomplete: type 10 × reason 10',
      schools,
      [requestTypes, Array.from({ length: 10 }, (_, i) => `reason${i}`)],
      400,
      random,
    ),
    // Requests by type × result (granted, partly, rejected, withdrawn), 294 in the demo year.
    shapeOf(
      'requests: type 10 × result 4',
      schools,
      [requestTypes, ['granted', 'partly_granted', 'rejected', 'withdrawn']],
      294,
      random,
    ),
    // The brief's middle shape: two categories of 6 and 8 values.
    shapeOf(
      'categories 6 × 8',
      schools,
      [Array.from({ length: 6 }, (_, i) => `a${i}`), Array.from({ length: 8 }, (_, i) => `b${i}`)],
      300,
      random,
    ),
  ];
  if (!allocationMode) {
    const load = os.loadavg();
    console.log('Passend benchmark: suppressTable, the old full passes vs integer cells and dirty lines');
    console.log(`  date         ${new Date().toISOString()}`);
    console.log(
      `  machine      ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    );
    console.log(`  load         ${load.map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min)`);
    console.log(`  node         ${process.version}`);
    console.log(`  command      npx tsx bench/suppression.ts ${process.argv.slice(2).join(' ')}`.trimEnd());
    console.log(`  old          suppressTable at ${commit}; new: the working tree`);
    console.log(
      `  settings     ${options.iterations} calls each after ${options.warmup} warm-up (new: ${options.warmup * 40}), old and new alternating; allocation in a child run (--expose-gc --max-semi-space-size=256)`,
    );
    console.log(
      `  schools      ${schools.length} (100 bao, 4 sbo, 6 so) in ${wijken.length} wijken, and 'none'`,
    );
  }
  const allocations = allocationMode ? [] : allocationsFromChild();
  for (const shape of shapes) {
    const cells = cellsOf(shape.dimensions);
    const oldTable = old(shape.dimensions, shape.leafCounts);
    const newTable = suppressTable(shape.dimensions, shape.leafCounts);
    const differing = cells.filter((nodes) => oldTable.count(nodes) !== newTable.count(nodes)).length;
    if (differing > 0) throw new Error(`${shape.name}: ${differing} cells differ between old and new`);
    const hidden = cells.filter((nodes) => newTable.count(nodes) === null).length;
    // The new one is cheap and needs more calls before V8 optimises it: warm it up forty times as
    // often, so that both are measured as a busy server runs them.
    for (let i = 0; i < options.warmup; i++) old(shape.dimensions, shape.leafCounts);
    for (let i = 0; i < options.warmup * 40; i++) suppressTable(shape.dimensions, shape.leafCounts);
    if (allocationMode) {
      const bytes = { old: [] as number[], new: [] as number[] };
      for (let i = 0; i < options.iterations; i++) {
        const oldBytes = await allocatedBy(old, shape);
        if (oldBytes !== null) bytes.old.push(oldBytes);
        const newBytes = await allocatedBy(suppressTable, shape);
        if (newBytes !== null) bytes.new.push(newBytes);
      }
      console.log(JSON.stringify({ shape: shape.name, ...bytes }));
      continue;
    }
    const runs = { old: { ms: [] as number[], gcMs: 0 }, new: { ms: [] as number[], gcMs: 0 } };
    for (let i = 0; i < options.iterations; i++) {
      if (i % 2 === 0) {
        await timed(old, shape, runs.old);
        await timed(suppressTable, shape, runs.new);
      } else {
        await timed(suppressTable, shape, runs.new);
        await timed(old, shape, runs.old);
      }
    }
    const [oldMs, newMs] = [median(runs.old.ms), median(runs.new.ms)];
    console.log('');
    console.log(
      `  ${shape.name}: ${cells.length.toLocaleString('en')} cells, ${shape.leafCounts.size} leaf cells from ${shape.facts} facts, ${hidden.toLocaleString('en')} hidden (same in old and new)`,
    );
    console.log(
      `    median per call      old ${msText(oldMs)}   new ${msText(newMs)}   old/new ${(oldMs / newMs).toFixed(1)}×`,
    );
    console.log(
      `    GC per call          old ${msText(runs.old.gcMs / options.iterations)}   new ${msText(runs.new.gcMs / options.iterations)}`,
    );
    const allocation = allocations.find((a) => a.shape === shape.name);
    if (allocation) {
      const [oldBytes, newBytes] = [median(allocation.old), median(allocation.new)];
      console.log(
        `    allocated per call   old ${mb(oldBytes)}   new ${mb(newBytes)}   old/new ${(oldBytes / newBytes).toFixed(1)}×   (medians of ${allocation.old.length} and ${allocation.new.length} calls without a GC inside)`,
      );
    }
  }
  if (allocationMode) return;
  console.log('');
  console.log(
    `  load after   ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
