// OSO hand-over dossiers (docs/domain.md, "Hand-over dossiers (OSO)"): the import takes the dossier
// as the raw body, in a plugin of its own so no other route takes XML or a body this large (the one
// receiver of raw files, http/receiveFile.ts); the session was checked before the first byte is
// read (requestContext.ts, docs/decisions/0005-…). The child's file reads what was imported.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import { OsoDossierView, OsoImportBody, OsoImportQuery, OsoImportResult } from '../../../contracts/oso.ts';
import { SchoolParams } from '../../../contracts/students.ts';
import { osoMaxBytes } from '../../../domain/oso.ts';
import { fileBodyRoutes } from '../../http/receiveFile.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { DocumentSettings } from '../documents/documents.service.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import { getOsoDossier, importOsoDossier } from './dossiers.service.ts';

export type DossierModuleOptions = ModuleOptions & { documents: DocumentSettings };

const dossierTypes = ['application/xml', 'text/xml', 'application/octet-stream'];

export const dossierRoutes: FastifyPluginAsyncZod<DossierModuleOptions> = async (
  app,
  { database, documents },
) => {
  app.get(
    '/api/students/:id/oso-dossier',
    { schema: { tags: ['dossiers'], params: IdParams, response: { 200: OsoDossierView } } },
    async (request) => getOsoDossier(contextOf(request, database), request.params.id),
  );

  await fileBodyRoutes(
    app,
    { types: dossierTypes, maxBytes: osoMaxBytes, refusal: 'Send the OSO dossier as application/xml' },
    (upload) => {
      upload.post(
        '/api/schools/:schoolId/oso-import',
        {
          bodyLimit: osoMaxBytes,
          schema: {
            tags: ['dossiers'],
            consumes: dossierTypes,
            params: SchoolParams,
            querystring: OsoImportQuery,
            body: OsoImportBody,
            response: { 200: OsoImportResult },
          },
        },
        async (request) =>
          importOsoDossier(
            contextOf(request, database),
            documents.keys,
            request.params.schoolId,
            request.body,
            {
              apply: request.query.apply,
              studentId: request.query.studentId ?? null,
              createChild: request.query.createChild,
            },
          ),
      );
    },
  );
};
