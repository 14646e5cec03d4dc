// Assembles the HTTP application: security headers, cookies, the request context, every feature
// module and the OpenAPI document. Used by main.ts and by the tests (app.inject).
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { OidcClientOptions } from './auth/oidc.ts';
import type { Database } from './db/client.ts';
import type { ReadingDatabase } from './db/replica.ts';
import { errorBody, installErrorHandler } from './http/errorHandler.ts';
import { installJsonBody } from './http/jsonBody.ts';
import { type AuthLevel, installRequestContext } from './http/requestContext.ts';
import { installStrictInput } from './http/strictInput.ts';
import { serveWebApp } from './http/webApp.ts';
import type { JobQueue } from './jobs/jobQueue.ts';
import { absenceRoutes } from './modules/absence/absence.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { oidcRoutes } from './modules/auth/oidc.routes.ts';
import { breakGlassRoutes } from './modules/breakGlass/breakGlass.routes.ts';
import { capacityRoutes } from './modules/capacity/capacity.routes.ts';
import { caseTeamRoutes } from './modules/caseTeam/caseTeam.routes.ts';
import { childExportRoutes } from './modules/childExport/childExport.routes.ts';
import { consentRoutes } from './modules/consent/consent.routes.ts';
import { documentRoutes } from './modules/documents/documents.routes.ts';
import type { DocumentSettings } from './modules/documents/documents.service.ts';
import { newDocumentKey } from './modules/documents/encryption.ts';
import { dossierRoutes } from './modules/dossiers/dossiers.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { homeRoutes } from './modules/home/home.routes.ts';
import { jobRoutes } from './modules/jobs/jobs.routes.ts';
import { meetingRoutes } from './modules/meetings/meetings.routes.ts';
import type { ModuleOptions } from './modules/moduleOptions.ts';
import { monitorRoutes } from './modules/monitor/monitor.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { objectionRoutes } from './modules/objections/objections.routes.ts';
import { organisationRoutes } from './modules/organisations/organisations.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { requestRoutes } from './modules/requests/requests.routes.ts';
import { retentionRoutes } from './modules/retention/retention.routes.ts';
import { rosterRoutes } from './modules/students/roster.routes.ts';
import { studentRoutes } from './modules/students/students.routes.ts';
import { surveyRoutes } from './modules/surveys/surveys.routes.ts';
import { transitionRoutes } from './modules/transitions/transitions.routes.ts';
import { version } from './version.ts';

export type AppOptions = {
  database: Database;
  publicUrl: string;
  secureCookies: boolean;
  /** The clock; tests inject one to cross timeouts without waiting. */
  now?: () => Date;
  logLevel?: string;
  /** The built web app to serve (dist/web by default). */
  webRoot?: string;
  /** Where log lines go (standard output by default); tests read them to prove what is not logged. */
  logStream?: { write(line: string): void };
  trustProxy?: boolean;
  /** OpenID Connect client settings; never set in production (tests allow plain http). */
  oidc?: OidcClientOptions;
  /**
   * Document keys (which also seal the TOTP and OIDC client secrets) and upload size; main.ts
   * always passes them. Without (tests): a key of this app instance only, and 10 MB.
   */
  documents?: DocumentSettings;
  /** The job queue this process runs (main.ts); without it the operator's page only reads. */
  jobs?: JobQueue;
  /** The streaming replica for reading work (DATABASE_REPLICA_URL, docs/decisions/0039). */
  reading?: ReadingDatabase | null;
};

export type RouteEntry = { method: string; url: string; auth: AuthLevel };

declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteEntry[];
  }
}

export const bodyLimitBytes = 1024 * 1024;
/**
 * A route open to anyone (sign-in, activation) reads at most this much: its bodies are a few
 * fields, and a stranger should not make the server read a megabyte per request (SECURITY.md F6).
 */
export const publicBodyLimitBytes = 16 * 1024;

/**
 * The security headers, built once (@fastify/helmet rebuilt helmet's middleware on every request,
 * docs/decisions/0038): set on the raw response, before anything else, so every answer carries them.
 */
function securityHeadersFor(publicUrl: string) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: publicUrl.startsWith('https://'),
    crossOriginEmbedderPolicy: false,
  });
}

/** A URL the router cannot decode: answered before any hook runs, so it sets the headers itself. */
function refuseBadUrl(securityHeaders: ReturnType<typeof securityHeadersFor>) {
  return (_error: FastifyError, request: FastifyRequest, reply: FastifyReply): void =>
    securityHeaders(request.raw, reply.raw, () => {
      void reply
        .code(400)
        .header('cache-control', 'no-store')
        .send(errorBody('bad_request', 'The request URL is not valid'));
    });
}

function ephemeralDocuments(): DocumentSettings {
  const key = newDocumentKey('ephemeral');
  return { keys: { current: key, byId: new Map([[key.id, key.key]]) }, maxBytes: 10 * 1024 * 1024 };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const securityHeaders = securityHeadersFor(options.publicUrl);
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'silent',
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Log the path only: query strings may carry search terms such as a child's name.
      serializers: {
        req: (req) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    genReqId: () => randomUUID(),
    bodyLimit: bodyLimitBytes,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: 200 },
    // A URL the router cannot decode (or a parameter over the length limit) answers in our shape.
    frameworkErrors: refuseBadUrl(securityHeaders),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installJsonBody(app);
  installStrictInput(app);

  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined)),
  );
  await app.register(cookie);

  const publicOrigin = new URL(options.publicUrl).origin;
  installRequestContext(app, {
    database: options.database,
    now: options.now ?? (() => new Date()),
    secureCookies: options.secureCookies,
    publicOrigin,
  });
  // API answers are never cached: they carry personal data.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) {
      reply.header('cache-control', 'no-store');
    }
  });
  // The API documentation is public; everything else declares its own level. Every route is
  // recorded, so the authorization matrix test can demand a row for each.
  const routes: RouteEntry[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, auth: 'public' };
    if (route.config?.auth === 'public')
      route.bodyLimit = Math.min(route.bodyLimit ?? bodyLimitBytes, publicBodyLimitBytes);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, auth: route.config?.auth ?? 'active' });
    }
  });
  // The request id ties an answer to its access-log rows (for support and for tests).
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Passend API', version, description: 'The API of Passend, used by its web app.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-passend' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const moduleOptions: ModuleOptions = {
    database: options.database,
    secureCookies: options.secureCookies,
    publicUrl: options.publicUrl,
    reading: options.reading ?? null,
  };
  // One key ring seals the documents and the secrets the server reads back (auth/secrets.ts).
  const documents = options.documents ?? ephemeralDocuments();
  await app.register(healthRoutes, moduleOptions);
  await app.register(authRoutes, { ...moduleOptions, keys: documents.keys });
  await app.register(oidcRoutes, { ...moduleOptions, oidc: options.oidc ?? {}, keys: documents.keys });
  await app.register(organisationRoutes, moduleOptions);
  await app.register(studentRoutes, moduleOptions);
  await app.register(childExportRoutes, moduleOptions);
  await app.register(rosterRoutes, moduleOptions);
  await app.register(homeRoutes, moduleOptions);
  await app.register(documentRoutes, { ...moduleOptions, documents });
  await app.register(dossierRoutes, { ...moduleOptions, documents });
  await app.register(meetingRoutes, moduleOptions);
  await app.register(consentRoutes, moduleOptions);
  await app.register(caseTeamRoutes, moduleOptions);
  await app.register(planRoutes, moduleOptions);
  await app.register(requestRoutes, moduleOptions);
  await app.register(objectionRoutes, moduleOptions);
  await app.register(absenceRoutes, moduleOptions);
  await app.register(jobRoutes, { ...moduleOptions, jobs: options.jobs ?? null });
  await app.register(surveyRoutes, moduleOptions);
  await app.register(transitionRoutes, { ...moduleOptions, documentKeys: documents.keys });
  await app.register(capacityRoutes, moduleOptions);
  await app.register(monitorRoutes, moduleOptions);
  await app.register(notificationRoutes, moduleOptions);
  await app.register(retentionRoutes, moduleOptions);
  await app.register(breakGlassRoutes, moduleOptions);

  await serveWebApp(app, options.webRoot);

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  return app;
}
