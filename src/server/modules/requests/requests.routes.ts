// Routes on requests for support and their decisions. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  AdviceBody,
  AssignBody,
  BudgetBody,
  BudgetQuery,
  BudgetView,
  CreateRequestBody,
  DecisionBody,
  DeliveryBody,
  ParentsViewBody,
  RequestList,
  RequestListQuery,
  RequestParams,
  RequestTypeList,
  RequestTypeParams,
  RequestTypeView,
  RequestView,
  StepBody,
  UpdateRequestBody,
  UpdateRequestTypeBody,
} from '../../../contracts/requests.ts';
import { SchoolParams } from '../../../contracts/students.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './requests.service.ts';

export const requestRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['requests'];
  const one = { 200: RequestView };

  app.get('/api/request-types', { schema: { tags, response: { 200: RequestTypeList } } }, async (request) =>
    service.listRequestTypes(ctx(request)),
  );
  app.patch(
    '/api/request-types/:typeId',
    {
      schema: {
        tags,
        params: RequestTypeParams,
        body: UpdateRequestTypeBody,
        response: { 200: RequestTypeView },
      },
    },
    async (request) => service.updateRequestType(ctx(request), request.params.typeId, request.body),
  );
  app.get(
    '/api/requests',
    { schema: { tags, querystring: RequestListQuery, response: { 200: RequestList } } },
    async (request) => service.listRequests(ctx(request), request.query),
  );
  app.get(
    '/api/students/:id/requests',
    { schema: { tags, params: IdParams, response: { 200: RequestList } } },
    async (request) => service.listChildRequests(ctx(request), request.params.id),
  );
  app.post(
    '/api/students/:id/requests',
    { schema: { tags, params: IdParams, body: CreateRequestBody, response: { 201: RequestView } } },
    async (request, reply) =>
      reply.status(201).send(await service.createChildRequest(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/api/schools/:schoolId/requests',
    { schema: { tags, params: SchoolParams, body: CreateRequestBody, response: { 201: RequestView } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createTeamRequest(ctx(request), request.params.schoolId, request.body)),
  );
  app.get(
    '/api/requests/:requestId',
    { schema: { tags, params: RequestParams, response: one } },
    async (request) => service.getRequest(ctx(request), request.params.requestId),
  );
  app.patch(
    '/api/requests/:requestId',
    { schema: { tags, params: RequestParams, body: UpdateRequestBody, response: one } },
    async (request) => service.updateRequest(ctx(request), request.params.requestId, request.body),
  );
  app.post(
    '/api/requests/:requestId/steps',
    { schema: { tags, params: RequestParams, body: StepBody, response: one } },
    async (request) => service.takeStep(ctx(request), request.params.requestId, request.body),
  );
  app.post(
    '/api/requests/:requestId/decision',
    { schema: { tags, params: RequestParams, body: DecisionBody, response: one } },
    async (request) => service.decide(ctx(request), request.params.requestId, request.body),
  );
  app.post(
    '/api/requests/:requestId/advices',
    { schema: { tags, params: RequestParams, body: AdviceBody, response: one } },
    async (request) => service.addAdvice(ctx(request), request.params.requestId, request.body),
  );
  app.post(
    '/api/requests/:requestId/parents-view',
    { schema: { tags, params: RequestParams, body: ParentsViewBody, response: one } },
    async (request) => service.giveParentsView(ctx(request), request.params.requestId, request.body),
  );
  app.post(
    '/api/requests/:requestId/deliveries',
    { schema: { tags, params: RequestParams, body: DeliveryBody, response: one } },
    async (request) => service.recordDelivery(ctx(request), request.params.requestId, request.body),
  );
  app.put(
    '/api/requests/:requestId/assignee',
    { schema: { tags, params: RequestParams, body: AssignBody, response: one } },
    async (request) => service.assign(ctx(request), request.params.requestId, request.body),
  );
  app.get(
    '/api/request-budget',
    { schema: { tags, querystring: BudgetQuery, response: { 200: BudgetView } } },
    async (request) => service.getBudget(ctx(request), request.query),
  );
  app.put(
    '/api/request-budget',
    { schema: { tags, body: BudgetBody, response: { 200: BudgetView } } },
    async (request) => service.setBudget(ctx(request), request.body),
  );
};
