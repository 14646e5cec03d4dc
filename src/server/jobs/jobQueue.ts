// Scheduled work that runs once (docs/decisions/0021-pg-boss-job-queue.md): pg-boss keeps its queue
// in the same database (schema `pgboss`), on PGlite through Database.executeSql and on PostgreSQL
// through the pool, so several app instances on one PostgreSQL share it and each job is fetched by
// exactly one of them (FOR UPDATE SKIP LOCKED). A failing job is retried with backoff and then
// parked as failed, where the operator's page (GET /api/jobs) shows it.
import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';

export type JobDefinition = {
  /** The queue's name, e.g. `reminders`. */
  name: string;
  /** When it runs, as cron in Amsterdam time; pg-boss lets one instance send it per slot. */
  cron: string;
  /** The work; must be idempotent, since a retry after a crash runs it again. */
  run: (now: Date, jobId: string) => Promise<unknown>;
};

export type JobQueue = {
  /**
   * Installs or checks pg-boss's schema and starts the schedules and workers; `runEachNow` then
   * sends every job once (what was missed while stopped). A stop meanwhile waits for it.
   */
  start(options?: { runEachNow?: boolean }): Promise<void>;
  /** Whether start() has finished and stop() has not begun. */
  readonly running: boolean;
  /** Sends a job now (the operator's "run now"); null when one is queued already. */
  runNow(name: string): Promise<string | null>;
  /** Sends a failed job back to the queue. */
  retry(name: string, jobId: string): Promise<void>;
  names: readonly string[];
  stop(): Promise<void>;
};

export const jobSchema = 'pgboss';

export type JobQueueOptions = {
  jobs: readonly JobDefinition[];
  now: () => Date;
  /** Told the error's type only: job errors may name nothing personal, but a driver's might. */
  onError: (error: unknown) => void;
  /** How often a worker looks for work (seconds); tests use less. */
  pollingIntervalSeconds?: number;
  /** Retries before a job is parked, and the first delay (doubling each time). */
  retry?: { limit: number; delaySeconds: number };
};

/** Starts the queue; see createJobQueue for one that starts later (after the server listens). */
export async function startJobQueue(database: Database, options: JobQueueOptions): Promise<JobQueue> {
  const queue = createJobQueue(database, options);
  await queue.start();
  return queue;
}

export function createJobQueue(database: Database, options: JobQueueOptions): JobQueue {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    schema: jobSchema,
    // Retries: by default 4 more attempts, about 30 s, 60 s, 120 s, 240 s apart; then the job is
    // parked as failed.
    retryLimit: options.retry?.limit ?? 4,
    retryDelay: options.retry?.delaySeconds ?? 30,
    retryBackoff: true,
    expireInMinutes: 15,
    // Finished jobs stay visible for a week, parked ones for a month.
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
    archiveFailedAfterSeconds: 30 * 24 * 3600,
    deleteAfterDays: 90,
  });
  boss.on('error', options.onError);
  // idle → starting → running → stopped; a stop during the start waits for it, so nothing the
  // start sends meets a closed database.
  let state: 'idle' | 'starting' | 'running' | 'stopped' = 'idle';
  let starting: Promise<void> | null = null;
  const start = async (options_: { runEachNow?: boolean } = {}) => {
    await boss.start();
    for (const job of options.jobs) {
      await createQueue(boss, job.name);
      await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/Amsterdam' });
      await boss.work(
        job.name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10, batchSize: 1 },
        async ([fetched]) => {
          if (fetched) await job.run(options.now(), fetched.id);
        },
      );
    }
    if (options_.runEachNow) for (const job of options.jobs) await boss.send(job.name, {});
  };
  return {
    start: (startOptions) => {
      if (state !== 'idle') return starting ?? Promise.resolve();
      state = 'starting';
      starting = start(startOptions).then(() => {
        if (state === 'starting') state = 'running';
      });
      return starting;
    },
    get running() {
      return state === 'running';
    },
    names: options.jobs.map((job) => job.name),
    runNow: (name) => boss.send(name, {}),
    retry: (name, jobId) => boss.retry(name, jobId),
    stop: async () => {
      const was = state;
      state = 'stopped';
      if (was === 'idle' || was === 'stopped') return;
      if (was === 'starting') await starting?.catch(() => {});
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * Creates a queue unless it exists. Two instances starting together can deadlock in pg-boss's
 * create_queue (both attach a partition); the loser retries and then finds the queue made.
 */
async function createQueue(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(name)) return;
      // stately: at most one waiting and one running, so a slow run never piles up behind itself.
      await boss.createQueue(name, { name, policy: 'stately' });
      return;
    } catch (error) {
      const deadlock = (error as { code?: unknown }).code === '40P01';
      if (!deadlock || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }
}
