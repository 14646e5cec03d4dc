// Routes on the case team, under the child. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AddCaseMemberBody,
  CaseMemberParams,
  CaseMemberView,
  CaseTeamView,
} from '../../../contracts/caseTeam.ts';
import { IdParams } from '../../../contracts/common.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './caseTeam.service.ts';

export const caseTeamRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['case team'];

  app.get(
    '/api/students/:id/case-team',
    { schema: { tags, params: IdParams, response: { 200: CaseTeamView } } },
    async (request) => service.listCaseTeam(ctx(request), request.params.id),
  );
  app.post(
    '/api/students/:id/case-team',
    { schema: { tags, params: IdParams, body: AddCaseMemberBody, response: { 201: CaseMemberView } } },
    async (request, reply) =>
      reply.status(201).send(await service.addCaseMember(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/api/students/:id/case-team/:memberId/end',
    { schema: { tags, params: CaseMemberParams, response: { 200: CaseMemberView } } },
    async (request) => service.endCaseMember(ctx(request), request.params.id, request.params.memberId),
  );
};
