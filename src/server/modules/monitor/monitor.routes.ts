// The monitor's route. Thin: contract schema, the service, the reply.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  MonitorDatasetQuery,
  MonitorExportQuery,
  MonitorQuery,
  MonitorReportQuery,
  MonitorView,
} from '../../../contracts/monitor.ts';
import { contextOf, downloadSites } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import { monitorDataset } from './monitor.dataset.ts';
import { monitorReport } from './monitor.report.ts';
import * as service from './monitor.service.ts';

export const monitorRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database, reading }) => {
  // The figures are read on the replica when there is one fit to read (docs/decisions/0039).
  const readingContextOf = (request: FastifyRequest) => ({ ...contextOf(request, database), reading });
  app.get(
    '/api/monitor',
    { schema: { tags: ['monitor'], querystring: MonitorQuery, response: { 200: MonitorView } } },
    async (request) => service.monitorOf(readingContextOf(request), request.query),
  );
  app.get(
    '/api/monitor/export',
    {
      // A download starts from the monitor page, never from a link on another site.
      config: { fetchSites: downloadSites },
      schema: {
        tags: ['monitor'],
        querystring: MonitorExportQuery,
        description: 'Every table of the monitor as CSV or XLSX; counts only, logged as an export.',
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const file = await service.exportMonitor(readingContextOf(request), request.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
  app.get(
    '/api/monitor/report',
    {
      config: { fetchSites: downloadSites },
      schema: {
        tags: ['monitor'],
        querystring: MonitorReportQuery,
        description:
          'The yearly report of a school year for the whole SWV: a tagged PDF with the main figures, charts and short explanations; counts only, logged as an export.',
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await monitorReport(readingContextOf(request), request.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
  app.get(
    '/api/monitor/dataset',
    {
      config: { fetchSites: downloadSites },
      schema: {
        tags: ['monitor'],
        querystring: MonitorDatasetQuery,
        description:
          'The figures of a school year for public accountability, one tidy table (indicator, school year, breakdown, value, unit, suppressed), as CSV or XLSX; logged as an export.',
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const file = await monitorDataset(readingContextOf(request), request.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};
