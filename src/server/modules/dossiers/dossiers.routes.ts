// OSO hand-over dossiers (docs/domain.md, "Hand-over dossiers (OSO)"): the import takes the dossier
// as the raw body, in a plugin of its own so no other route takes XML or a body this large (the one
// receiver of raw files, http/receiveFile.ts); the session was checked before the first byte is
// read (requestContext.ts, docs/decisions/0005-…). The child's file reads what was imported.
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import { OsoDossierView, OsoImportBody, OsoImportQuery, OsoImportResult } from '../../../contracts/oso.ts';
import { SchoolParams } from '../../../contracts/students.ts';
import { osoMaxBytes } from '../../../domain/oso.ts';
import { AppError } from '../../http/errors.ts';
import { receiveFile } from '../../http/receiveFile.ts';
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

  await app.register(async (plugin) => {
    const upload = plugin.withTypeProvider<ZodTypeProvider>();
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser(dossierTypes, (request: FastifyRequest, payload: Readable) =>
      receiveFile(payload, request.headers['content-length'], osoMaxBytes),
    );
    upload.addContentTypeParser('*', (_request, _payload, done) =>
      done(new AppError('unsupported_media_type', 'Send the OSO dossier as application/xml'), undefined),
    );
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
  });
};
