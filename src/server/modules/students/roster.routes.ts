// The roster import route (docs/domain.md, "Rosters from the school's system"): the EDEXML file as
// the raw body, in a plugin of its own so no other route takes XML or a body this large; the
// session was checked before the first byte is read (requestContext.ts, docs/decisions/0005-…).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RosterImportBody, RosterImportQuery, RosterImportResult } from '../../../contracts/roster.ts';
import { SchoolParams } from '../../../contracts/students.ts';
import { fileBodyRoutes } from '../../http/receiveFile.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import { importRosterFile } from './roster.service.ts';

/**
 * A school's roster is well under 1 MB (about 1 kB per pupil; the largest primary schools have
 * ~1,500). 5 MB leaves room for any school and keeps a web request small; an SWV-wide file
 * (~30 MB) goes through the CLI (`passend import edexml`).
 */
export const rosterMaxBytes = 5 * 1024 * 1024;

const rosterTypes = ['application/xml', 'text/xml', 'application/octet-stream'];

export const rosterRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) =>
  fileBodyRoutes(
    app,
    { types: rosterTypes, maxBytes: rosterMaxBytes, refusal: 'Send the EDEXML file as application/xml' },
    (upload) => {
      upload.post(
        '/api/schools/:schoolId/roster-import',
        {
          bodyLimit: rosterMaxBytes,
          schema: {
            tags: ['students'],
            consumes: rosterTypes,
            params: SchoolParams,
            querystring: RosterImportQuery,
            body: RosterImportBody,
            response: { 200: RosterImportResult },
          },
        },
        async (request) =>
          importRosterFile(
            contextOf(request, database),
            request.params.schoolId,
            request.body,
            request.query.apply,
          ),
      );
    },
  );
