// The monitor's route. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MonitorQuery, MonitorView } from '../../../contracts/monitor.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './monitor.service.ts';

export const monitorRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  app.get(
    '/api/monitor',
    { schema: { tags: ['monitor'], querystring: MonitorQuery, response: { 200: MonitorView } } },
    async (request) => service.monitorOf(contextOf(request, database), request.query),
  );
};
