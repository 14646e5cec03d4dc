// The measuring loop the read benchmarks share: their common options, the report header, warm-up
// and alternating rounds of load per endpoint with CPU accounting, medians and ratios.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type CpuReport, startCpuMeter } from './cpu.ts';
import type { LoadDriver, LoadResult } from './loadDriver.ts';
import type { Profiler } from './profiler.ts';
import { median } from './stats.ts';

/** The options every read benchmark takes; defaults passed per benchmark. */
export const CommonOptions = z.object({
  database: z.enum(['pglite', 'postgres']),
  'database-url': z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://'),
  seconds: z.coerce.number().positive(),
  warmup: z.coerce.number().min(0),
  rounds: z.coerce.number().int().min(1),
  connections: z.coerce.number().int().min(1),
  client: z.enum(['node', 'wrk']),
  'pool-size': z.coerce.number().int().min(1),
  'log-level': z.enum(['silent', 'info']),
});
export type CommonOptions = z.infer<typeof CommonOptions>;

type OptionSpecs = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;

export function readOptions<T extends z.ZodType>(
  schema: T,
  defaults: { seconds: string; warmup: string; rounds: string },
  extra: OptionSpecs,
): z.infer<T> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'pglite' },
      'database-url': {
        type: 'string',
        default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      seconds: { type: 'string', default: defaults.seconds },
      warmup: { type: 'string', default: defaults.warmup },
      rounds: { type: 'string', default: defaults.rounds },
      connections: { type: 'string', default: '16' },
      client: { type: 'string', default: 'node' },
      // The app's own default pool (src/server/db/client.ts).
      'pool-size': { type: 'string', default: '10' },
      // As in production (main.ts logs at info); "silent" is buildApp's default for tests.
      'log-level': { type: 'string', default: 'info' },
      ...extra,
    },
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid option --${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Date, machine, load and settings: what the report needs to be read later. */
export function printHeader(title: string, script: string, options: CommonOptions): void {
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  const gib = Math.round(os.totalmem() / 2 ** 30);
  console.log(title);
  console.log(`  date         ${new Date().toISOString()}`);
  console.log(`  machine      ${os.cpus().length} × ${cpuModel}, ${gib} GiB, ${os.type()} ${os.release()}`);
  console.log(
    `  load         ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (1, 5, 15 min)`,
  );
  console.log(`  node         ${process.version}`);
  console.log(`  command      npx tsx ${script} ${process.argv.slice(2).join(' ')}`.trimEnd());
  console.log(
    `  settings     ${options.database}, ${options.client} client, ${options.connections} connections, warm-up ${options.warmup} s, ${options.rounds} rounds × ${options.seconds} s per endpoint, app log level ${options['log-level']}`,
  );
}

export type Endpoint = {
  name: string;
  title: string;
  origin: string;
  paths: string[];
  headers: Record<string, string>;
  /** Writes an access-log row per call: counted, and the log left to settle after each run. */
  logged: boolean;
};
export type Run = { round: number; endpoint: string; result: LoadResult; cpu: CpuReport };

/** CPU time per answered request, server process plus database backends, in milliseconds. */
function cpuPerRequestMs(run: Run): number {
  return (run.cpu.serverMicros + (run.cpu.databaseMicros ?? 0)) / 1000 / run.result.ok;
}

export const format = {
  rate: (value: number) => Math.round(value).toLocaleString('en-US').padStart(6),
  ms: (value: number) => `${value.toFixed(2).padStart(6)} ms`,
  percent: (value: number | null) => (value === null ? ' n/a' : `${value.toFixed(0).padStart(3)}%`),
  ratio: (value: number) => value.toFixed(3),
};

function describeRun(run: Run, width: number): string {
  const { result, cpu } = run;
  const database =
    cpu.databaseMicros === null ? '' : ` + db ${format.ms(cpu.databaseMicros / 1000 / result.ok)}`;
  return [
    `round ${run.round}`,
    run.endpoint.padEnd(width),
    `${format.rate(result.requestsPerSecond)} req/s`,
    `p50 ${format.ms(result.latencyMs.p50)}`,
    `p99 ${format.ms(result.latencyMs.p99)}`,
    `CPU/req server ${format.ms(cpu.serverMicros / 1000 / result.ok)}${database}`,
    `server ${format.percent(cpu.serverPercent)}`,
    `machine ${format.percent(cpu.machineBusyPercent)} (steal ${format.percent(cpu.machineStealPercent)})`,
  ].join('  ');
}

export type RoundsSetup = {
  load: LoadDriver;
  options: CommonOptions;
  databasePids: (() => Promise<number[]>) | null;
  /** Waits until the logged endpoints' last calls have landed in the access log. */
  settleLog: () => Promise<void>;
  profiler?: Profiler | null;
};

/**
 * Warms every endpoint up, then runs the rounds, rotating the order each round so a slow drift of
 * the machine favours no endpoint. Any answer other than 200 aborts. Answers the runs and how many
 * calls the logged endpoints answered (warm-up included), for the access-log check.
 */
export async function runRounds(
  endpoints: readonly Endpoint[],
  setup: RoundsSetup,
): Promise<{ runs: Run[]; loggedAnswers: number }> {
  const { load, options } = setup;
  let loggedAnswers = 0;
  const drive = async (endpoint: Endpoint, seconds: number) => {
    const stop = await startCpuMeter(os.cpus().length, setup.databasePids);
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
    if (endpoint.logged) {
      loggedAnswers += result.ok;
      await setup.settleLog();
    }
    return { result, cpu };
  };

  if (options.warmup > 0) for (const endpoint of endpoints) await drive(endpoint, options.warmup);
  const width = Math.max(...endpoints.map((endpoint) => endpoint.name.length));
  const runs: Run[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const shift = (round - 1) % endpoints.length;
    const order = [...endpoints.slice(shift), ...endpoints.slice(0, shift)];
    for (const endpoint of order) {
      const measure = () => drive(endpoint, options.seconds);
      const { result, cpu } = setup.profiler
        ? await setup.profiler.around(endpoint.name, measure)
        : await measure();
      const run: Run = { round, endpoint: endpoint.name, result, cpu };
      runs.push(run);
      console.log(`  ${describeRun(run, width)}`);
    }
  }
  return { runs, loggedAnswers };
}

/** One endpoint's medians over the rounds. */
export function side(runs: readonly Run[], name: string) {
  const of = runs.filter((run) => run.endpoint === name);
  return {
    requestsPerSecond: median(of.map((run) => run.result.requestsPerSecond)),
    p50: median(of.map((run) => run.result.latencyMs.p50)),
    p99: median(of.map((run) => run.result.latencyMs.p99)),
    cpuPerRequestMs: median(of.map(cpuPerRequestMs)),
  };
}

export function printMedians(runs: readonly Run[], endpoints: readonly Endpoint[], rounds: number): void {
  console.log(`\n  medians over ${rounds} rounds:`);
  for (const endpoint of endpoints) {
    const s = side(runs, endpoint.name);
    console.log(`  ${endpoint.title}`);
    console.log(
      `          ${format.rate(s.requestsPerSecond)} req/s   p50 ${format.ms(s.p50)}   p99 ${format.ms(s.p99)}   CPU per request ${format.ms(s.cpuPerRequestMs)}`,
    );
  }
}

/** a against b: the ratio of the medians, the ratio within each round, and by CPU time. */
export function compare(runs: readonly Run[], a: string, b: string) {
  const rounds = [...new Set(runs.map((run) => run.round))];
  const rate = (round: number, name: string) =>
    runs.find((run) => run.round === round && run.endpoint === name)!.result.requestsPerSecond;
  const sideA = side(runs, a);
  const sideB = side(runs, b);
  return {
    ratio: sideA.requestsPerSecond / sideB.requestsPerSecond,
    roundRatios: rounds.map((round) => rate(round, a) / rate(round, b)),
    cpuRatio: sideB.cpuPerRequestMs / sideA.cpuPerRequestMs,
  };
}

export function printRatio(label: string, comparison: ReturnType<typeof compare>, cpuScope: string): void {
  console.log(
    `  ${label.padEnd(18)}  ${format.ratio(comparison.ratio)} by requests per second (medians); per round ${comparison.roundRatios.map(format.ratio).join(', ')}`,
  );
  console.log(
    `  ${''.padEnd(18)}  ${format.ratio(comparison.cpuRatio)} by CPU time per request (${cpuScope})`,
  );
}
