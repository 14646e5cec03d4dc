// Routes on objections, disputes, complaints and support-point signals. Thin: contract schema, the
// service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ComplaintList,
  ComplaintView,
  CreateComplaintBody,
  CreateDisputeBody,
  CreateSupportSignalBody,
  DisputeList,
  DisputeView,
  FileObjectionBody,
  ObjectionList,
  ObjectionListQuery,
  ObjectionParams,
  ObjectionStepBody,
  ObjectionSummary,
  ObjectionView,
  RecordParams,
  RequestObjections,
  RuleDisputeBody,
  SummaryQuery,
  SupportSignalList,
  SupportSignalView,
  UpdateComplaintBody,
  UpdateSupportSignalBody,
} from '../../../contracts/objections.ts';
import { RequestParams } from '../../../contracts/requests.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './objections.service.ts';

export const objectionRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['objections'];

  app.get(
    '/api/requests/:requestId/objections',
    { schema: { tags, params: RequestParams, response: { 200: RequestObjections } } },
    async (request) => service.listRequestObjections(ctx(request), request.params.requestId),
  );
  app.post(
    '/api/requests/:requestId/objections',
    { schema: { tags, params: RequestParams, body: FileObjectionBody, response: { 201: ObjectionView } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.fileObjection(ctx(request), request.params.requestId, request.body)),
  );
  app.get(
    '/api/objections',
    { schema: { tags, querystring: ObjectionListQuery, response: { 200: ObjectionList } } },
    async (request) => service.listObjections(ctx(request), request.query),
  );
  app.get(
    '/api/objections/:objectionId',
    { schema: { tags, params: ObjectionParams, response: { 200: ObjectionView } } },
    async (request) => service.getObjection(ctx(request), request.params.objectionId),
  );
  app.post(
    '/api/objections/:objectionId/steps',
    { schema: { tags, params: ObjectionParams, body: ObjectionStepBody, response: { 200: ObjectionView } } },
    async (request) => service.takeObjectionStep(ctx(request), request.params.objectionId, request.body),
  );
  app.get(
    '/api/objection-summary',
    { schema: { tags, querystring: SummaryQuery, response: { 200: ObjectionSummary } } },
    async (request) => service.summary(ctx(request), request.query),
  );

  app.get('/api/disputes', { schema: { tags, response: { 200: DisputeList } } }, async (request) =>
    service.listDisputes(ctx(request)),
  );
  app.post(
    '/api/disputes',
    { schema: { tags, body: CreateDisputeBody, response: { 201: DisputeView } } },
    async (request, reply) => reply.status(201).send(await service.createDispute(ctx(request), request.body)),
  );
  app.patch(
    '/api/disputes/:id',
    { schema: { tags, params: RecordParams, body: RuleDisputeBody, response: { 200: DisputeView } } },
    async (request) => service.ruleDispute(ctx(request), request.params.id, request.body),
  );

  app.get('/api/complaints', { schema: { tags, response: { 200: ComplaintList } } }, async (request) =>
    service.listComplaints(ctx(request)),
  );
  app.post(
    '/api/complaints',
    { schema: { tags, body: CreateComplaintBody, response: { 201: ComplaintView } } },
    async (request, reply) =>
      reply.status(201).send(await service.createComplaint(ctx(request), request.body)),
  );
  app.patch(
    '/api/complaints/:id',
    { schema: { tags, params: RecordParams, body: UpdateComplaintBody, response: { 200: ComplaintView } } },
    async (request) => service.updateComplaint(ctx(request), request.params.id, request.body),
  );

  app.get(
    '/api/support-signals',
    { schema: { tags, response: { 200: SupportSignalList } } },
    async (request) => service.listSupportSignals(ctx(request)),
  );
  app.post(
    '/api/support-signals',
    { schema: { tags, body: CreateSupportSignalBody, response: { 201: SupportSignalView } } },
    async (request, reply) =>
      reply.status(201).send(await service.createSupportSignal(ctx(request), request.body)),
  );
  app.patch(
    '/api/support-signals/:id',
    {
      schema: {
        tags,
        params: RecordParams,
        body: UpdateSupportSignalBody,
        response: { 200: SupportSignalView },
      },
    },
    async (request) => service.updateSupportSignal(ctx(request), request.params.id, request.body),
  );
};
