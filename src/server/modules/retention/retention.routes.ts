// Routes of retention (docs/decisions/0045): the periods, the dry run and the confirmed deletion.
// Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DeleteDueBody,
  DeletionResult,
  PutRetentionSettingBody,
  RetentionReport,
  RetentionSettingsView,
} from '../../../contracts/retention.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './retention.service.ts';

export const retentionRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['retention'];

  app.get(
    '/api/retention/settings',
    { schema: { tags, response: { 200: RetentionSettingsView } } },
    async (request) => service.getRetentionSettings(ctx(request)),
  );
  app.put(
    '/api/retention/settings',
    { schema: { tags, body: PutRetentionSettingBody, response: { 200: RetentionSettingsView } } },
    async (request) => service.setRetentionPeriod(ctx(request), request.body),
  );
  app.get(
    '/api/retention/report',
    { schema: { tags, response: { 200: RetentionReport } } },
    async (request) => service.retentionReport(ctx(request)),
  );
  app.post(
    '/api/retention/deletions',
    { schema: { tags, body: DeleteDueBody, response: { 200: DeletionResult } } },
    async (request) => service.deleteDue(ctx(request), request.body),
  );
};
