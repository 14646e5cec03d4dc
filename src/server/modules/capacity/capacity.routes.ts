// Routes on places and waiting lists. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CapacityQuery,
  CapacityView,
  CreateProviderBody,
  CreateWaitBody,
  ProviderView,
  SetPlacesBody,
  StudentWaits,
  UpdateWaitBody,
  WaitingCountQuery,
  WaitingCountView,
  WaitingEntryView,
  WaitingList,
  WaitingListQuery,
  WaitParams,
} from '../../../contracts/capacity.ts';
import { IdParams } from '../../../contracts/common.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './capacity.service.ts';

export const capacityRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['capacity'];

  app.get(
    '/api/capacity',
    { schema: { tags, querystring: CapacityQuery, response: { 200: CapacityView } } },
    async (request) => service.capacityOf(ctx(request), request.query),
  );
  app.put(
    '/api/capacity',
    { schema: { tags, body: SetPlacesBody, response: { 200: z.object({ saved: z.literal(true) }) } } },
    async (request) => service.setPlaces(ctx(request), request.body),
  );
  app.post(
    '/api/arrangement-providers',
    { schema: { tags, body: CreateProviderBody, response: { 201: ProviderView } } },
    async (request, reply) =>
      reply.status(201).send(await service.createProvider(ctx(request), request.body)),
  );
  app.get(
    '/api/waiting-list',
    { schema: { tags, querystring: WaitingListQuery, response: { 200: WaitingList } } },
    async (request) => service.waitingList(ctx(request), request.query),
  );
  app.get(
    '/api/waiting-list/counts',
    { schema: { tags, querystring: WaitingCountQuery, response: { 200: WaitingCountView } } },
    async (request) => service.waitingCounts(ctx(request), request.query),
  );
  app.get(
    '/api/students/:id/waiting-entries',
    { schema: { tags, params: IdParams, response: { 200: StudentWaits } } },
    async (request) => service.studentWaits(ctx(request), request.params.id),
  );
  app.post(
    '/api/students/:id/waiting-entries',
    { schema: { tags, params: IdParams, body: CreateWaitBody, response: { 201: WaitingEntryView } } },
    async (request, reply) =>
      reply.status(201).send(await service.createWait(ctx(request), request.params.id, request.body)),
  );
  app.get(
    '/api/waiting-entries/:entryId',
    { schema: { tags, params: WaitParams, response: { 200: WaitingEntryView } } },
    async (request) => service.getWait(ctx(request), request.params.entryId),
  );
  app.patch(
    '/api/waiting-entries/:entryId',
    { schema: { tags, params: WaitParams, body: UpdateWaitBody, response: { 200: WaitingEntryView } } },
    async (request) => service.updateWait(ctx(request), request.params.entryId, request.body),
  );
};
