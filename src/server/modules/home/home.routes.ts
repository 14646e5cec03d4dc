// Routes of the home page's panels, one per role. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CommitteePanel,
  DirectorPanel,
  HomeSchoolParams,
  OrganisationPanel,
  ParentChildrenPanel,
  ParentWaitingPanel,
  PartnerCasesPanel,
  SchoolSupportPanel,
  SwvFiguresPanel,
  TeacherGroupsPanel,
  TeamEvaluationsDuePanel,
  TeamEvaluationsDueQuery,
  TeamSchoolsPanel,
  TeamSchoolsQuery,
} from '../../../contracts/home.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './home.service.ts';

export const homeRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['home'];

  app.get(
    '/api/home/schools/:schoolId/support-levels',
    { schema: { tags, params: HomeSchoolParams, response: { 200: SchoolSupportPanel } } },
    async (request) => service.getSchoolSupportLevels(ctx(request), request.params.schoolId),
  );
  app.get(
    '/api/home/schools/:schoolId/own-groups',
    { schema: { tags, params: HomeSchoolParams, response: { 200: TeacherGroupsPanel } } },
    async (request) => service.getOwnGroups(ctx(request), request.params.schoolId),
  );
  app.get(
    '/api/home/schools/:schoolId/director',
    { schema: { tags, params: HomeSchoolParams, response: { 200: DirectorPanel } } },
    async (request) => service.getDirectorOverview(ctx(request), request.params.schoolId),
  );
  app.get(
    '/api/home/team-schools',
    { schema: { tags, querystring: TeamSchoolsQuery, response: { 200: TeamSchoolsPanel } } },
    async (request) => service.getTeamSchools(ctx(request), request.query),
  );
  app.get(
    '/api/home/evaluations-due',
    { schema: { tags, querystring: TeamEvaluationsDueQuery, response: { 200: TeamEvaluationsDuePanel } } },
    async (request) => service.getTeamEvaluationsDue(ctx(request), request.query),
  );
  app.get('/api/home/cases', { schema: { tags, response: { 200: PartnerCasesPanel } } }, async (request) =>
    service.getPartnerCases(ctx(request)),
  );
  app.get(
    '/api/home/children',
    { schema: { tags, response: { 200: ParentChildrenPanel } } },
    async (request) => service.getParentChildren(ctx(request)),
  );
  app.get('/api/home/waiting', { schema: { tags, response: { 200: ParentWaitingPanel } } }, async (request) =>
    service.getParentWaiting(ctx(request)),
  );
  app.get('/api/home/committee', { schema: { tags, response: { 200: CommitteePanel } } }, async (request) =>
    service.getCommitteeOverview(ctx(request)),
  );
  app.get(
    '/api/home/swv-figures',
    { schema: { tags, response: { 200: SwvFiguresPanel } } },
    async (request) => service.getSwvFigures(ctx(request)),
  );
  app.get(
    '/api/home/organisation',
    { schema: { tags, response: { 200: OrganisationPanel } } },
    async (request) => service.getOrganisationCounts(ctx(request)),
  );
};
