// Drives load from outside the server process: the Node load generator (loadClient.ts, forked,
// always available) or wrk when asked for and installed. Both answer with the same LoadResult.
import { type ChildProcess, execFile, fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ClientMessage, ClientReply, LoadJob, LoadResult } from './loadClient.ts';

export type { LoadJob, LoadResult } from './loadClient.ts';
export type ClientKind = 'node' | 'wrk';

export type LoadDriver = {
  kind: ClientKind;
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
};

export async function openLoadDriver(kind: ClientKind): Promise<LoadDriver> {
  return kind === 'wrk' ? openWrkDriver() : openNodeDriver();
}

function openNodeDriver(): LoadDriver {
  // Plain Node with the tsx loader: no --cpu-prof or inspector flags of the server process.
  const child: ChildProcess = fork(new URL('./loadClient.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  return {
    kind: 'node',
    run: (job) =>
      new Promise<LoadResult>((resolve, reject) => {
        const id = nextId++;
        const onMessage = (reply: ClientReply) => {
          if (reply.type !== 'result' || reply.id !== id) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(reply.result);
        };
        const onExit = (code: number | null) => reject(new Error(`load client exited with ${code}`));
        child.on('message', onMessage);
        child.once('exit', onExit);
        const message: ClientMessage = { type: 'job', id, job };
        child.send(message);
      }),
    close: async () => {
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const message: ClientMessage = { type: 'stop' };
      child.send(message);
      await exited;
    },
  };
}

const execFileAsync = promisify(execFile);

type WrkSummary = {
  requests: number;
  durationUs: number;
  non2xx: number;
  socketErrors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
};

async function openWrkDriver(): Promise<LoadDriver> {
  await execFileAsync('wrk', ['--version']).catch((error: unknown) => {
    // wrk prints its version and exits with 1; only a missing binary is an error.
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new Error('wrk is not installed (apt-get install -y wrk), or use --client node');
    }
  });
  const folder = mkdtempSync(path.join(tmpdir(), 'passend-wrk-'));
  let scriptNumber = 0;
  return {
    kind: 'wrk',
    run: async (job) => {
      const script = path.join(folder, `job-${scriptNumber++}.lua`);
      writeFileSync(script, wrkScript(job));
      // One thread: the machine has two cores, and the server needs the other one. wrk takes
      // whole seconds only.
      const seconds = Math.max(1, Math.round(job.seconds));
      const { stdout } = await execFileAsync(
        'wrk',
        ['-t1', `-c${job.connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, job.origin],
        { maxBuffer: 1024 * 1024 },
      );
      const line = stdout.split('\n').find((text) => text.startsWith('{"requests"'));
      if (!line) throw new Error(`wrk gave no summary:\n${stdout}`);
      const summary = JSON.parse(line) as WrkSummary;
      const ok = summary.requests - summary.non2xx;
      const errors = summary.non2xx + summary.socketErrors;
      return {
        ok,
        errors,
        firstError:
          errors > 0 ? `${summary.non2xx} non-2xx answers, ${summary.socketErrors} socket errors` : null,
        elapsedMs: summary.durationUs / 1000,
        requestsPerSecond: ok / (summary.durationUs / 1e6),
        latencyMs: {
          p50: summary.p50 / 1000,
          p90: summary.p90 / 1000,
          p99: summary.p99 / 1000,
          max: summary.max / 1000,
        },
      };
    },
    close: async () => {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A wrk Lua script: random paths from the list, the given headers, a JSON summary at the end. */
function wrkScript(job: LoadJob): string {
  const quote = (text: string) => JSON.stringify(text);
  const paths = job.paths.map(quote).join(',\n');
  const headers = Object.entries(job.headers)
    .map(([name, value]) => `[${quote(name)}] = ${quote(value)}`)
    .join(', ');
  return `
local paths = {
${paths}
}
local headers = { ${headers} }
math.randomseed(os.time())
request = function()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"non2xx":%d,"socketErrors":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
`;
}
