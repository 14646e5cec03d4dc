// The operator's view of the job queue: per queue what waits, runs and failed, when it last ran,
// and the parked failures, read from pg-boss's tables; "run now" and "retry" go through pg-boss.
// The queue is the installation's, not an SWV's: only the operator sees it.
import { sql } from 'drizzle-orm';
import type { JobsView } from '../../../contracts/jobs.ts';
import type { Context } from '../../access/actor.ts';
import { authorize } from '../../access/authorize.ts';
import { queryRows } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { type JobQueue, jobSchema } from '../../jobs/jobQueue.ts';

const schema = sql.raw(jobSchema);

export async function getJobs(ctx: Context, queue: JobQueue | null): Promise<JobsView> {
  authorize(ctx, 'read', { type: 'job_queue' });
  const [installed] = await queryRows<{ exists: boolean }>(
    ctx.database.db,
    sql`select to_regclass(${`${jobSchema}.queue`}) is not null as exists`,
  );
  if (!installed?.exists) return { running: queue?.running ?? false, queues: [], failed: [] };
  const queues = await queryRows<{
    name: string;
    cron: string | null;
    pending: number;
    active: number;
    failed: number;
    lastCompletedAt: Date | null;
  }>(
    ctx.database.db,
    sql`select q.name, s.cron,
          (select count(*)::int from ${schema}.job j where j.name = q.name and j.state in ('created', 'retry')) as pending,
          (select count(*)::int from ${schema}.job j where j.name = q.name and j.state = 'active') as active,
          (select count(*)::int from ${schema}.job j where j.name = q.name and j.state = 'failed') as failed,
          greatest(
            (select max(completed_on) from ${schema}.job j where j.name = q.name and j.state = 'completed'),
            (select max(completed_on) from ${schema}.archive a where a.name = q.name and a.state = 'completed')
          ) as "lastCompletedAt"
        from ${schema}.queue q left join ${schema}.schedule s on s.name = q.name
        where q.name not like '\_\_pgboss\_\_%'
        order by q.name`,
  );
  const failed = await queryRows<{
    id: string;
    name: string;
    failedAt: Date | null;
    attempts: number;
    message: string | null;
  }>(
    ctx.database.db,
    sql`select id, name, completed_on as "failedAt", retry_count + 1 as attempts, output->>'message' as message
        from ${schema}.job where state = 'failed' order by completed_on desc nulls last limit 20`,
  );
  return {
    running: queue?.running ?? false,
    queues: queues.map((q) => ({
      ...q,
      lastCompletedAt: q.lastCompletedAt ? new Date(q.lastCompletedAt).toISOString() : null,
    })),
    failed: failed.map((f) => ({
      ...f,
      failedAt: f.failedAt ? new Date(f.failedAt).toISOString() : null,
      message: (f.message ?? '').slice(0, 500),
    })),
  };
}

function runningQueue(queue: JobQueue | null, name: string): JobQueue {
  if (!queue?.running) throw new AppError('conflict', 'This instance does not run the job queue');
  if (!queue.names.includes(name)) throw notFound();
  return queue;
}

export async function runJobNow(
  ctx: Context,
  queue: JobQueue | null,
  name: string,
): Promise<{ id: string | null }> {
  authorize(ctx, 'manage', { type: 'job_queue' });
  return { id: await runningQueue(queue, name).runNow(name) };
}

export async function retryJob(
  ctx: Context,
  queue: JobQueue | null,
  name: string,
  jobId: string,
): Promise<void> {
  authorize(ctx, 'manage', { type: 'job_queue' });
  const running = runningQueue(queue, name);
  const [job] = await queryRows<{ state: string }>(
    ctx.database.db,
    sql`select state from ${schema}.job where name = ${name} and id = ${jobId}`,
  );
  if (!job) throw notFound();
  if (job.state !== 'failed') throw new AppError('conflict', 'Only a failed job can be retried');
  await running.retry(name, jobId);
}
