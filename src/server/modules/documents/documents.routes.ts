// Routes on the child's documents. The upload is the one route that takes a body other than JSON:
// the raw file as application/octet-stream, up to the configured size, parsed in a plugin of its
// own so no other route accepts raw bytes or a larger body (see docs/decisions/). The session was
// checked before the first byte is read (requestContext.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DocumentList,
  DocumentParams,
  DocumentView,
  StudentDocumentParams,
  UpdateDocumentBody,
  UploadDocumentBody,
  UploadDocumentQuery,
} from '../../../contracts/documents.ts';
import { AppError } from '../../http/errors.ts';
import { fileBodyRoutes } from '../../http/receiveFile.ts';
import { contextOf, downloadSites } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './documents.service.ts';
import { DocumentUnreadable } from './encryption.ts';
import { contentDisposition } from './fileName.ts';

export type DocumentModuleOptions = ModuleOptions & { documents: service.DocumentSettings };

export const documentRoutes: FastifyPluginAsyncZod<DocumentModuleOptions> = async (
  app,
  { database, documents },
) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['documents'];

  app.get(
    '/api/students/:id/documents',
    { schema: { tags, params: StudentDocumentParams, response: { 200: DocumentList } } },
    async (request) => service.listDocuments(ctx(request), documents, request.params.id),
  );

  app.patch(
    '/api/documents/:documentId',
    { schema: { tags, params: DocumentParams, body: UpdateDocumentBody, response: { 200: DocumentView } } },
    async (request) => service.updateDocument(ctx(request), request.params.documentId, request.body),
  );

  app.get(
    '/api/documents/:documentId/content',
    {
      // docs/SECURITY.md C9: a download starts from the documents tab, never from a link on another site.
      config: { fetchSites: downloadSites },
      schema: {
        tags,
        params: DocumentParams,
        description: 'The document as an attachment, in the type its content showed at upload.',
      },
    },
    async (request, reply) => {
      let download: Awaited<ReturnType<typeof service.downloadDocument>>;
      try {
        download = await service.downloadDocument(ctx(request), documents, request.params.documentId);
      } catch (error) {
        if (!(error instanceof DocumentUnreadable)) throw error;
        // Not the user's input: a missing key or a changed ciphertext. The operator must act.
        request.log.error(
          { documentId: request.params.documentId, problem: error.problem },
          'a stored document cannot be decrypted',
        );
        throw error.problem === 'key_missing'
          ? new AppError('unavailable', 'This document cannot be opened now: its key is not configured')
          : new AppError('internal', 'This document is damaged and cannot be opened');
      }
      return (
        reply
          .header('content-type', download.mediaType)
          .header('content-disposition', contentDisposition(download.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          // Should a browser render it anyway: no scripts, no plugins, no requests.
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(download.content)
      );
    },
  );

  await fileBodyRoutes(
    app,
    {
      types: ['application/octet-stream'],
      maxBytes: documents.maxBytes,
      refusal: 'Send the file as application/octet-stream',
    },
    (upload) => {
      upload.post(
        '/api/students/:id/documents',
        {
          bodyLimit: documents.maxBytes,
          schema: {
            tags,
            consumes: ['application/octet-stream'],
            params: StudentDocumentParams,
            querystring: UploadDocumentQuery,
            body: UploadDocumentBody,
            response: { 201: DocumentView },
          },
        },
        async (request, reply) =>
          reply.status(201).send(
            await service.uploadDocument(
              ctx(request),
              documents,
              request.params.id,
              request.query,
              // A view, not a copy: the parser's Buffer typed as the contract's bytes.
              Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength),
            ),
          ),
      );
    },
  );
};
