// The export of everything about a child (docs/SECURITY.md E1). Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChildExportQuery } from '../../../contracts/childExport.ts';
import { IdParams } from '../../../contracts/common.ts';
import { contextOf, downloadSites } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './childExport.service.ts';

export const childExportRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  app.get(
    '/api/students/:id/export',
    {
      // docs/SECURITY.md C9: a download starts from the child's page, never from a link on another site.
      config: { fetchSites: downloadSites, child: 'id' },
      schema: {
        tags: ['students'],
        params: IdParams,
        querystring: ChildExportQuery,
        description:
          'Everything Passend holds about the child and its access log (AVG art. 15), as JSON (contract ChildExport) or a tagged PDF; logged as an export.',
        produces: ['application/json', 'application/pdf'],
      },
    },
    async (request, reply) => {
      const { fileName, contentType, body } = await service.exportChild(
        contextOf(request, database),
        request.params.id,
        request.query,
      );
      // docs/SECURITY.md D2: a download, never shown inline or guessed at, never kept in a cache.
      const disposition = `attachment; filename="${fileName.ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.utf8)}`;
      return reply
        .header('content-type', contentType)
        .header('content-disposition', disposition)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};
