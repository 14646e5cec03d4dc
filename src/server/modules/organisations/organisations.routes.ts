// Routes of the SWV's organisation. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminEventsQuery,
  AdminEventView,
  RoleGrantDecision,
  RoleGrantView,
} from '../../../contracts/admin.ts';
import { IdParams } from '../../../contracts/common.ts';
import {
  ActivationView,
  BoardView,
  CreateBoardBody,
  CreatePartnerOrganisationBody,
  CreateSchoolBody,
  CreateSwvBody,
  CreateSwvResponse,
  CreateTeamBody,
  CreateUserBody,
  CreateUserResponse,
  EmployeeAccessQuery,
  EmployeeAccessView,
  ParticipationReferenceView,
  PartnerOrganisationView,
  PutParticipationReferenceBody,
  PutSchoolHolidaysBody,
  SchoolHolidaysQuery,
  SchoolHolidaysView,
  SchoolView,
  SwvView,
  TeamView,
  UpdateBoardBody,
  UpdatePartnerOrganisationBody,
  UpdateSchoolBody,
  UpdateSwvBody,
  UpdateTeamBody,
  UpdateUserBody,
  UserView,
} from '../../../contracts/organisations.ts';
import {
  SchoolRegisterImportBody,
  SchoolRegisterImportQuery,
  SchoolRegisterImportResult,
} from '../../../contracts/schoolRegister.ts';
import { fileBodyRoutes } from '../../http/receiveFile.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './organisations.service.ts';
import { importRegisterForOwnSwv } from './schoolRegister.ts';

/** DUO's largest register file (all primary school locations of the country) is about 2 MB. */
const registerMaxBytes = 20 * 1024 * 1024;
// Browsers send a .csv as text/csv, or on Windows as the spreadsheet program's type.
const registerTypes = ['text/csv', 'application/vnd.ms-excel', 'text/plain', 'application/octet-stream'];

export const organisationRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['organisation'];

  app.post(
    '/api/swvs',
    { schema: { tags, body: CreateSwvBody, response: { 201: CreateSwvResponse } } },
    async (request, reply) => reply.status(201).send(await service.createSwv(ctx(request), request.body)),
  );
  app.get('/api/swvs', { schema: { tags, response: { 200: z.array(SwvView) } } }, async (request) =>
    service.listSwvs(ctx(request)),
  );
  app.get('/api/swv', { schema: { tags, response: { 200: SwvView } } }, async (request) =>
    service.getOwnSwv(ctx(request)),
  );
  app.patch(
    '/api/swv',
    { schema: { tags, body: UpdateSwvBody, response: { 200: SwvView } } },
    async (request) => service.updateOwnSwv(ctx(request), request.body),
  );
  app.put(
    '/api/swv/participation-reference',
    {
      schema: {
        tags,
        description:
          "The monitor's reference for participation in SBO, SO and VSO (percent); the SWV administrator's.",
        body: PutParticipationReferenceBody,
        response: { 200: ParticipationReferenceView },
      },
    },
    async (request) => service.setParticipationReference(ctx(request), request.body),
  );
  app.get(
    '/api/swv/school-holidays',
    { schema: { tags, querystring: SchoolHolidaysQuery, response: { 200: SchoolHolidaysView } } },
    async (request) => service.getSchoolHolidays(ctx(request), request.query.schoolYear),
  );
  app.put(
    '/api/swv/school-holidays',
    { schema: { tags, body: PutSchoolHolidaysBody, response: { 200: SchoolHolidaysView } } },
    async (request) => service.replaceSchoolHolidays(ctx(request), request.body),
  );

  app.get('/api/boards', { schema: { tags, response: { 200: z.array(BoardView) } } }, async (request) =>
    service.listBoards(ctx(request)),
  );
  app.post(
    '/api/boards',
    { schema: { tags, body: CreateBoardBody, response: { 201: BoardView } } },
    async (request, reply) => reply.status(201).send(await service.createBoard(ctx(request), request.body)),
  );
  app.patch(
    '/api/boards/:id',
    { schema: { tags, params: IdParams, body: UpdateBoardBody, response: { 200: BoardView } } },
    async (request) => service.updateBoard(ctx(request), request.params.id, request.body),
  );

  app.get('/api/schools', { schema: { tags, response: { 200: z.array(SchoolView) } } }, async (request) =>
    service.listSchools(ctx(request)),
  );
  app.post(
    '/api/schools',
    { schema: { tags, body: CreateSchoolBody, response: { 201: SchoolView } } },
    async (request, reply) => reply.status(201).send(await service.createSchool(ctx(request), request.body)),
  );
  app.patch(
    '/api/schools/:id',
    { schema: { tags, params: IdParams, body: UpdateSchoolBody, response: { 200: SchoolView } } },
    async (request) => service.updateSchool(ctx(request), request.params.id, request.body),
  );

  app.get('/api/teams', { schema: { tags, response: { 200: z.array(TeamView) } } }, async (request) =>
    service.listTeams(ctx(request)),
  );
  app.post(
    '/api/teams',
    { schema: { tags, body: CreateTeamBody, response: { 201: TeamView } } },
    async (request, reply) => reply.status(201).send(await service.createTeam(ctx(request), request.body)),
  );
  app.patch(
    '/api/teams/:id',
    { schema: { tags, params: IdParams, body: UpdateTeamBody, response: { 200: TeamView } } },
    async (request) => service.updateTeam(ctx(request), request.params.id, request.body),
  );

  app.get(
    '/api/partner-organisations',
    { schema: { tags, response: { 200: z.array(PartnerOrganisationView) } } },
    async (request) => service.listPartnerOrganisations(ctx(request)),
  );
  app.post(
    '/api/partner-organisations',
    { schema: { tags, body: CreatePartnerOrganisationBody, response: { 201: PartnerOrganisationView } } },
    async (request, reply) =>
      reply.status(201).send(await service.createPartnerOrganisation(ctx(request), request.body)),
  );
  app.patch(
    '/api/partner-organisations/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdatePartnerOrganisationBody,
        response: { 200: PartnerOrganisationView },
      },
    },
    async (request) => service.updatePartnerOrganisation(ctx(request), request.params.id, request.body),
  );

  app.get('/api/users', { schema: { tags, response: { 200: z.array(UserView) } } }, async (request) =>
    service.listUsers(ctx(request)),
  );
  app.post(
    '/api/users',
    { schema: { tags, body: CreateUserBody, response: { 201: CreateUserResponse } } },
    async (request, reply) => reply.status(201).send(await service.createUser(ctx(request), request.body)),
  );
  app.patch(
    '/api/users/:id',
    { schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: UserView } } },
    async (request) => service.updateUser(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/api/users/:id/end-sessions',
    { schema: { tags, params: IdParams, response: { 200: z.object({ ended: z.number() }) } } },
    async (request) => service.endSessionsOfUser(ctx(request), request.params.id),
  );
  app.get(
    '/api/users/:id/access',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: EmployeeAccessQuery,
        response: { 200: EmployeeAccessView },
      },
    },
    async (request) => service.employeeAccess(ctx(request), request.params.id, request.query),
  );
  app.post(
    '/api/users/:id/reset-second-factor',
    { schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await service.resetSecondFactor(ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/users/:id/activation',
    { schema: { tags, params: IdParams, response: { 200: ActivationView } } },
    async (request) => service.renewActivation(ctx(request), request.params.id),
  );

  app.get(
    '/api/role-grants',
    { schema: { tags, response: { 200: z.array(RoleGrantView) } } },
    async (request) => service.listRoleGrants(ctx(request)),
  );
  app.post(
    '/api/role-grants/:id/approve',
    { schema: { tags, params: IdParams, response: { 200: RoleGrantDecision } } },
    async (request) => service.decideRoleGrant(ctx(request), request.params.id, 'approved'),
  );
  app.post(
    '/api/role-grants/:id/reject',
    { schema: { tags, params: IdParams, response: { 200: RoleGrantDecision } } },
    async (request) => service.decideRoleGrant(ctx(request), request.params.id, 'rejected'),
  );

  app.get(
    '/api/admin-events',
    { schema: { tags, querystring: AdminEventsQuery, response: { 200: z.array(AdminEventView) } } },
    async (request) => service.listAdminEvents(ctx(request), request.query.before),
  );

  await fileBodyRoutes(
    app,
    { types: registerTypes, maxBytes: registerMaxBytes, refusal: 'Send the DUO file as text/csv' },
    (upload) => {
      upload.post(
        '/api/swv/school-register',
        {
          bodyLimit: registerMaxBytes,
          schema: {
            tags,
            consumes: registerTypes,
            querystring: SchoolRegisterImportQuery,
            body: SchoolRegisterImportBody,
            response: { 200: SchoolRegisterImportResult },
          },
        },
        async (request) => importRegisterForOwnSwv(ctx(request), request.body, request.query),
      );
    },
  );
};
