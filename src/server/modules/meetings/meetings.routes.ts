// Routes on case meetings. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CreateMeetingBody,
  MeetingActionParams,
  MeetingParams,
  MeetingView,
  UpdateMeetingBody,
} from '../../../contracts/meetings.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './meetings.service.ts';

export const meetingRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['meetings'];

  app.get(
    '/api/students/:id/meetings',
    { schema: { tags, params: IdParams, response: { 200: z.array(MeetingView) } } },
    async (request) => service.listMeetings(ctx(request), request.params.id),
  );
  app.post(
    '/api/students/:id/meetings',
    { schema: { tags, params: IdParams, body: CreateMeetingBody, response: { 201: MeetingView } } },
    async (request, reply) =>
      reply.status(201).send(await service.createMeeting(ctx(request), request.params.id, request.body)),
  );
  app.get(
    '/api/meetings/:meetingId',
    { schema: { tags, params: MeetingParams, response: { 200: MeetingView } } },
    async (request) => service.getMeeting(ctx(request), request.params.meetingId),
  );
  app.patch(
    '/api/meetings/:meetingId',
    { schema: { tags, params: MeetingParams, body: UpdateMeetingBody, response: { 200: MeetingView } } },
    async (request) => service.updateMeeting(ctx(request), request.params.meetingId, request.body),
  );
  app.post(
    '/api/meetings/:meetingId/actions/:actionId/to-plan',
    { schema: { tags, params: MeetingActionParams, response: { 200: MeetingView } } },
    async (request) =>
      service.takeActionIntoPlan(ctx(request), request.params.meetingId, request.params.actionId),
  );
};
