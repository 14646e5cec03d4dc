// Routes on consent. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import { ConsentList, ConsentParams, ConsentView, GiveConsentBody } from '../../../contracts/consent.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './consent.service.ts';

export const consentRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['consent'];

  app.get(
    '/api/students/:id/consents',
    { schema: { tags, params: IdParams, response: { 200: ConsentList } } },
    async (request) => service.listConsents(ctx(request), request.params.id),
  );
  app.post(
    '/api/students/:id/consents',
    { schema: { tags, params: IdParams, body: GiveConsentBody, response: { 201: ConsentView } } },
    async (request, reply) =>
      reply.status(201).send(await service.giveConsent(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/api/consents/:consentId/withdraw',
    { schema: { tags, params: ConsentParams, response: { 200: ConsentView } } },
    async (request) => service.withdrawConsent(ctx(request), request.params.consentId),
  );
};
