// The load generator, run as its own process (forked by loadDriver.ts) so that client and server
// never share an event loop. It keeps N keep-alive connections busy with GET requests on random
// paths for a fixed time and reports throughput and latency; it does not judge the numbers.
import http from 'node:http';
import { percentile } from './stats.ts';

export type LoadJob = {
  /** Origin of the server, e.g. http://127.0.0.1:3000 */
  origin: string;
  paths: readonly string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
};

export type LoadResult = {
  /** Answers with status 200. */
  ok: number;
  /** Answers with another status, or failed connections; a run with any is not valid. */
  errors: number;
  firstError: string | null;
  elapsedMs: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
};

export type ClientMessage = { type: 'job'; id: number; job: LoadJob } | { type: 'stop' };
export type ClientReply = { type: 'result'; id: number; result: LoadResult };

function get(agent: http.Agent, url: URL, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ agent, hostname: url.hostname, port: url.port, path, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const url = new URL(job.origin);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let firstError: string | null = null;
  const startedAt = performance.now();
  const endAt = startedAt + job.seconds * 1000;

  async function connectionLoop(): Promise<void> {
    while (performance.now() < endAt) {
      const path = job.paths[Math.floor(Math.random() * job.paths.length)]!;
      const sentAt = performance.now();
      try {
        const status = await get(agent, url, path, job.headers);
        if (status === 200) {
          ok += 1;
          latencies.push(performance.now() - sentAt);
        } else {
          errors += 1;
          firstError ??= `status ${status} on ${path}`;
        }
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  }

  await Promise.all(Array.from({ length: job.connections }, connectionLoop));
  const elapsedMs = performance.now() - startedAt;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    ok,
    errors,
    firstError,
    elapsedMs,
    requestsPerSecond: (ok / elapsedMs) * 1000,
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p90: percentile(latencies, 0.9),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
    },
  };
}

// Forked: take jobs from the parent one at a time until told to stop.
if (process.send) {
  process.on('message', (message: ClientMessage) => {
    if (message.type === 'stop') {
      process.disconnect();
      return;
    }
    void runLoad(message.job).then((result) => {
      const reply: ClientReply = { type: 'result', id: message.id, result };
      process.send!(reply);
    });
  });
}
