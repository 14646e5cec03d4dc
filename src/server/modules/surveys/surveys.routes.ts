// Routes of the satisfaction survey. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  MySurveys,
  SurveyAnswerBody,
  SurveyAnswered,
  SurveyParams,
  SurveyResultsQuery,
  SurveyResultsView,
} from '../../../contracts/surveys.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './surveys.service.ts';

export const surveyRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['surveys'];

  app.get('/api/surveys/mine', { schema: { tags, response: { 200: MySurveys } } }, async (request) =>
    service.mySurveys(ctx(request)),
  );
  app.post(
    '/api/surveys/:invitationId/answer',
    { schema: { tags, params: SurveyParams, body: SurveyAnswerBody, response: { 200: SurveyAnswered } } },
    async (request) => service.answerSurvey(ctx(request), request.params.invitationId, request.body),
  );
  app.get(
    '/api/surveys/results',
    { schema: { tags, querystring: SurveyResultsQuery, response: { 200: SurveyResultsView } } },
    async (request) => service.surveyResultsOf(ctx(request), request.query),
  );
};
