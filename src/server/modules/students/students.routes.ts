// Routes on the child. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  AccessLogPage,
  AccessLogQuery,
  CreateStudentBody,
  SchoolParams,
  SetSupportLevelBody,
  StudentFileView,
  StudentHistory,
  StudentList,
  StudentListQuery,
  StudentView,
  UpdateStudentBody,
} from '../../../contracts/students.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './students.service.ts';

export const studentRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['students'];

  app.get(
    '/api/schools/:schoolId/students',
    { schema: { tags, params: SchoolParams, querystring: StudentListQuery, response: { 200: StudentList } } },
    async (request) => service.listStudents(ctx(request), request.params.schoolId, request.query),
  );
  app.post(
    '/api/schools/:schoolId/students',
    { schema: { tags, params: SchoolParams, body: CreateStudentBody, response: { 201: StudentView } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createStudent(ctx(request), request.params.schoolId, request.body)),
  );
  app.get(
    '/api/students/:id',
    // `child`: the child's facts come with the session's query (docs/decisions/0038).
    { schema: { tags, params: IdParams, response: { 200: StudentFileView } }, config: { child: 'id' } },
    async (request) => service.getStudent(ctx(request), request.params.id),
  );
  app.patch(
    '/api/students/:id',
    { schema: { tags, params: IdParams, body: UpdateStudentBody, response: { 200: StudentView } } },
    async (request) => service.updateStudent(ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/students/:id/history',
    { schema: { tags, params: IdParams, response: { 200: StudentHistory } }, config: { child: 'id' } },
    async (request) => service.getStudentHistory(ctx(request), request.params.id),
  );
  app.post(
    '/api/students/:id/support-level',
    { schema: { tags, params: IdParams, body: SetSupportLevelBody, response: { 200: StudentView } } },
    async (request) => service.setSupportLevel(ctx(request), request.params.id, request.body),
  );
  app.get(
    '/api/students/:id/access-log',
    {
      schema: { tags, params: IdParams, querystring: AccessLogQuery, response: { 200: AccessLogPage } },
      config: { child: 'id' },
    },
    async (request) => service.getStudentAccessLog(ctx(request), request.params.id, request.query),
  );
};
