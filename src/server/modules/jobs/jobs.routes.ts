import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FailedJobParams, JobParams, JobSent, JobsView } from '../../../contracts/jobs.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { JobQueue } from '../../jobs/jobQueue.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './jobs.service.ts';

export const jobRoutes: FastifyPluginAsyncZod<ModuleOptions & { jobs: JobQueue | null }> = async (
  app,
  { database, jobs },
) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['jobs'];

  app.get('/api/jobs', { schema: { tags, response: { 200: JobsView } } }, async (request) =>
    service.getJobs(ctx(request), jobs),
  );
  app.post(
    '/api/jobs/:name/run',
    { schema: { tags, params: JobParams, response: { 202: JobSent } } },
    async (request, reply) =>
      reply.status(202).send(await service.runJobNow(ctx(request), jobs, request.params.name)),
  );
  app.post(
    '/api/jobs/:name/failed/:jobId/retry',
    { schema: { tags, params: FailedJobParams } },
    async (request, reply) => {
      await service.retryJob(ctx(request), jobs, request.params.name, request.params.jobId);
      return reply.status(204).send();
    },
  );
};
