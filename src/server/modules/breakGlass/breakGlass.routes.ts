// Routes of break-glass access (docs/SECURITY.md A4): the operator's windows and the SWV's list.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BreakGlassList, BreakGlassWindowView, OpenBreakGlassBody } from '../../../contracts/breakGlass.ts';
import { IdParams } from '../../../contracts/common.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './breakGlass.service.ts';

export const breakGlassRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['break-glass'];

  app.get(
    '/api/break-glass',
    {
      schema: {
        tags,
        description: 'The break-glass windows the signed-in operator opened, newest first.',
        response: { 200: BreakGlassList },
      },
    },
    async (request) => service.listOwnWindows(ctx(request)),
  );
  app.post(
    '/api/break-glass',
    {
      schema: {
        tags,
        description:
          "The operator opens read access to one child's file of one SWV, with a reason, for at most 60 minutes; the SWV's administrators are notified.",
        body: OpenBreakGlassBody,
        response: { 201: BreakGlassWindowView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.openBreakGlass(ctx(request), request.body)),
  );
  app.post(
    '/api/break-glass/:id/close',
    {
      schema: {
        tags,
        description: 'The operator closes their open window before its time.',
        params: IdParams,
        response: { 200: BreakGlassWindowView },
      },
    },
    async (request) => service.closeBreakGlass(ctx(request), request.params.id),
  );
  app.get(
    '/api/swv/break-glass',
    {
      schema: {
        tags,
        description:
          "The SWV administrator's list of break-glass windows on the SWV's children: who, when, how long, why, which child by record id.",
        response: { 200: BreakGlassList },
      },
    },
    async (request) => service.listSwvWindows(ctx(request)),
  );
};
