// The operator's view of the scheduled work (docs/decisions/0021-pg-boss-job-queue.md).
import { z } from 'zod';

export const JobName = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/);

export const FailedJob = z.object({
  id: z.string(),
  name: z.string(),
  failedAt: z.string().nullable(),
  attempts: z.number().int(),
  /** The error's message as the job stored it (jobs put no personal data in their errors). */
  message: z.string(),
});

export const JobQueueView = z.object({
  name: z.string(),
  cron: z.string().nullable(),
  pending: z.number().int(),
  active: z.number().int(),
  failed: z.number().int(),
  lastCompletedAt: z.string().nullable(),
});

export const JobsView = z.object({
  /** Whether this instance runs the queue's workers (false in a process started without them). */
  running: z.boolean(),
  queues: z.array(JobQueueView),
  failed: z.array(FailedJob),
});
export type JobsView = z.infer<typeof JobsView>;

export const JobParams = z.strictObject({ name: JobName });
export const FailedJobParams = z.strictObject({ name: JobName, jobId: z.uuid() });
export const JobSent = z.object({ id: z.string().nullable() });
