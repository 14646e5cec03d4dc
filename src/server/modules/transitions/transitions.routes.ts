// Routes on moves between schools. Thin: contract schema, the service, the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  osoDossierContentType,
  SchoolDirectory,
  SchoolDirectoryQuery,
  StartTransitionBody,
  StudentTransitionParams,
  StudentTransitions,
  TransitionList,
  TransitionListQuery,
  TransitionParams,
  TransitionStepBody,
  TransitionView,
} from '../../../contracts/transitions.ts';
import { contextOf, downloadSites } from '../../http/requestContext.ts';
import type { KeyRing } from '../documents/encryption.ts';
import { contentDisposition } from '../documents/fileName.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import { exportOsoDossier, loggableProblem, OsoDossierInvalid } from './osoExport.ts';
import * as service from './transitions.service.ts';

/** The documents' key ring: the OSO dossier carries the child's documents when consented. */
export type TransitionModuleOptions = ModuleOptions & { documentKeys: KeyRing };

export const transitionRoutes: FastifyPluginAsyncZod<TransitionModuleOptions> = async (
  app,
  { database, documentKeys },
) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['transitions'];

  app.get(
    '/api/transitions',
    { schema: { tags, querystring: TransitionListQuery, response: { 200: TransitionList } } },
    async (request) => service.listTransitions(ctx(request), request.query),
  );
  app.post(
    '/api/students/:studentId/transitions',
    {
      schema: {
        tags,
        params: StudentTransitionParams,
        body: StartTransitionBody,
        response: { 201: TransitionView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.startTransition(ctx(request), request.params.studentId, request.body)),
  );
  app.get(
    '/api/transitions/:transitionId',
    { schema: { tags, params: TransitionParams, response: { 200: TransitionView } } },
    async (request) => service.getTransition(ctx(request), request.params.transitionId),
  );
  app.post(
    '/api/transitions/:transitionId/steps',
    {
      schema: { tags, params: TransitionParams, body: TransitionStepBody, response: { 200: TransitionView } },
    },
    async (request) => service.takeStep(ctx(request), request.params.transitionId, request.body),
  );
  app.get(
    '/api/transitions/:transitionId/oso-dossier',
    // A child's data leaving Passend: from the web app's own pages only (docs/SECURITY.md C9).
    { schema: { tags, params: TransitionParams }, config: { fetchSites: downloadSites } },
    async (request, reply) => {
      try {
        const dossier = await exportOsoDossier(ctx(request), documentKeys, request.params.transitionId);
        return reply
          .header('content-type', osoDossierContentType)
          .header('content-disposition', contentDisposition(dossier.fileName))
          .header('cache-control', 'no-store')
          .send(dossier.xml);
      } catch (error) {
        if (error instanceof OsoDossierInvalid)
          request.log.error({
            event: 'oso_dossier_invalid',
            problems: error.problems.slice(0, 10).map(loggableProblem),
          });
        throw error;
      }
    },
  );
  app.get(
    '/api/students/:studentId/transitions',
    { schema: { tags, params: StudentTransitionParams, response: { 200: StudentTransitions } } },
    async (request) => service.studentTransitions(ctx(request), request.params.studentId),
  );
  app.get(
    '/api/transition-schools',
    { schema: { tags, querystring: SchoolDirectoryQuery, response: { 200: SchoolDirectory } } },
    async (request) => service.schoolDirectory(ctx(request), request.query),
  );
};
