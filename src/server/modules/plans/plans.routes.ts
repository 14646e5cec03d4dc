// Routes of the child's plan. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  EvaluatePlanBody,
  PlanAgreementParams,
  PlanParams,
  PlanResponseBody,
  PlanSummary,
  PlanView,
  StartPlanBody,
  UpdateAgreementBody,
  UpdatePlanBody,
} from '../../../contracts/plans.ts';
import { contextOf, downloadSites } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './plans.service.ts';

export const planRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['plans'];

  app.get(
    '/api/students/:id/plans',
    { schema: { tags, params: IdParams, response: { 200: z.array(PlanSummary) } } },
    async (request) => service.listPlans(ctx(request), request.params.id),
  );
  app.post(
    '/api/students/:id/plans',
    { schema: { tags, params: IdParams, body: StartPlanBody, response: { 201: PlanView } } },
    async (request, reply) =>
      reply.status(201).send(await service.startPlan(ctx(request), request.params.id, request.body)),
  );
  app.get(
    '/api/plans/:planId',
    { schema: { tags, params: PlanParams, response: { 200: PlanView } } },
    async (request) => service.getPlan(ctx(request), request.params.planId),
  );
  app.patch(
    '/api/plans/:planId',
    { schema: { tags, params: PlanParams, body: UpdatePlanBody, response: { 200: PlanView } } },
    async (request) => service.updatePlan(ctx(request), request.params.planId, request.body),
  );
  app.patch(
    '/api/plans/:planId/agreements/:agreementId',
    { schema: { tags, params: PlanAgreementParams, body: UpdateAgreementBody, response: { 200: PlanView } } },
    async (request) =>
      service.updateAgreement(ctx(request), request.params.planId, request.params.agreementId, request.body),
  );
  app.post(
    '/api/plans/:planId/evaluation',
    { schema: { tags, params: PlanParams, body: EvaluatePlanBody, response: { 201: PlanView } } },
    async (request, reply) =>
      reply.status(201).send(await service.evaluatePlan(ctx(request), request.params.planId, request.body)),
  );
  app.post(
    '/api/plans/:planId/responses',
    { schema: { tags, params: PlanParams, body: PlanResponseBody, response: { 201: PlanView } } },
    async (request, reply) =>
      reply.status(201).send(await service.respondToPlan(ctx(request), request.params.planId, request.body)),
  );
  app.get(
    '/api/plans/:planId/pdf',
    {
      // docs/SECURITY.md C9: a print starts from the plan's page, never from a link on another site.
      config: { fetchSites: downloadSites },
      schema: {
        tags,
        params: PlanParams,
        description: 'The version as a tagged PDF, for printing; logged as a print.',
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await service.printPlan(ctx(request), request.params.planId);
      // docs/SECURITY.md D2: a download, never shown inline or guessed at, never kept in a cache. The name as
      // written for browsers that read filename* (RFC 6266), plain ASCII for those that do not.
      const disposition = `attachment; filename="${fileName.ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.utf8)}`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', disposition)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
};
