// Routes on children at home: absence cases, watches, figures and the escalation ladder. Thin:
// contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AbsenceCaseParams,
  AbsenceCaseView,
  AbsenceFigures,
  AbsenceFiguresQuery,
  AbsenceLadder,
  AbsenceLadderBody,
  AbsenceList,
  AbsenceListQuery,
  AbsenceOfferBody,
  AbsenceStepBody,
  AbsenceStepParams,
  AbsenceStepUpdateBody,
  AbsenceWatchBody,
  AbsenceWatchParams,
  AbsenceWatchRow,
  CloseWatchBody,
  ConvertWatchBody,
  EndAbsenceCaseBody,
  RegisterAbsenceCaseBody,
  UpdateAbsenceCaseBody,
} from '../../../contracts/absence.ts';
import { IdParams } from '../../../contracts/common.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './absence.service.ts';

export const absenceRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['absence'];

  app.get(
    '/api/absence',
    { schema: { tags, querystring: AbsenceListQuery, response: { 200: AbsenceList } } },
    async (request) => service.listAbsence(ctx(request), request.query),
  );
  app.post(
    '/api/absence/cases',
    { schema: { tags, body: RegisterAbsenceCaseBody, response: { 201: AbsenceCaseView } } },
    async (request, reply) => reply.status(201).send(await service.registerCase(ctx(request), request.body)),
  );
  app.get(
    '/api/absence/cases/:caseId',
    { schema: { tags, params: AbsenceCaseParams, response: { 200: AbsenceCaseView } } },
    async (request) => service.getCase(ctx(request), request.params.caseId),
  );
  app.patch(
    '/api/absence/cases/:caseId',
    {
      schema: {
        tags,
        params: AbsenceCaseParams,
        body: UpdateAbsenceCaseBody,
        response: { 200: AbsenceCaseView },
      },
    },
    async (request) => service.updateCase(ctx(request), request.params.caseId, request.body),
  );
  app.post(
    '/api/absence/cases/:caseId/offers',
    {
      schema: { tags, params: AbsenceCaseParams, body: AbsenceOfferBody, response: { 200: AbsenceCaseView } },
    },
    async (request) => service.addOffer(ctx(request), request.params.caseId, request.body),
  );
  app.post(
    '/api/absence/cases/:caseId/steps',
    {
      schema: { tags, params: AbsenceCaseParams, body: AbsenceStepBody, response: { 200: AbsenceCaseView } },
    },
    async (request) => service.addStep(ctx(request), request.params.caseId, request.body),
  );
  app.patch(
    '/api/absence/cases/:caseId/steps/:stepId',
    {
      schema: {
        tags,
        params: AbsenceStepParams,
        body: AbsenceStepUpdateBody,
        response: { 200: AbsenceCaseView },
      },
    },
    async (request) =>
      service.updateStep(ctx(request), request.params.caseId, request.params.stepId, request.body),
  );
  app.post(
    '/api/absence/cases/:caseId/end',
    {
      schema: {
        tags,
        params: AbsenceCaseParams,
        body: EndAbsenceCaseBody,
        response: { 200: AbsenceCaseView },
      },
    },
    async (request) => service.endCase(ctx(request), request.params.caseId, request.body),
  );
  app.post(
    '/api/students/:id/absence-watches',
    { schema: { tags, params: IdParams, body: AbsenceWatchBody, response: { 201: AbsenceWatchRow } } },
    async (request, reply) =>
      reply.status(201).send(await service.reportWatch(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/api/absence/watches/:watchId/convert',
    {
      schema: {
        tags,
        params: AbsenceWatchParams,
        body: ConvertWatchBody,
        response: { 201: AbsenceCaseView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.convertWatch(ctx(request), request.params.watchId, request.body)),
  );
  app.post(
    '/api/absence/watches/:watchId/close',
    {
      schema: { tags, params: AbsenceWatchParams, body: CloseWatchBody, response: { 200: AbsenceWatchRow } },
    },
    async (request) => service.closeWatch(ctx(request), request.params.watchId),
  );
  app.get(
    '/api/absence/figures',
    { schema: { tags, querystring: AbsenceFiguresQuery, response: { 200: AbsenceFigures } } },
    async (request) => service.figures(ctx(request), request.query),
  );
  app.get('/api/absence/ladder', { schema: { tags, response: { 200: AbsenceLadder } } }, async (request) =>
    service.getLadder(ctx(request)),
  );
  app.put(
    '/api/absence/ladder',
    { schema: { tags, body: AbsenceLadderBody, response: { 200: AbsenceLadder } } },
    async (request) => service.putLadder(ctx(request), request.body),
  );
};
