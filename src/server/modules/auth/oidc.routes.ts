// Single sign-on routes: the SWV's provider settings (swv_admin), the login page's list, and the
// browser's round trip to the provider. The round trip answers with redirects only: success goes
// to the web app, failure to /login?sso=failed, with the reason in the log and never in the URL.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  OidcCallbackQuery,
  OidcSettingsBody,
  OidcSettingsView,
  OidcStartParams,
  SsoChangeDecision,
  SsoChangeView,
  SsoProviderList,
} from '../../../contracts/oidc.ts';
import { failureCode, type OidcClientOptions } from '../../auth/oidc.ts';
import { AppError } from '../../http/errors.ts';
import { anySite, contextOf } from '../../http/requestContext.ts';
import type { KeyRing } from '../documents/encryption.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import { writeSessionCookie } from './auth.routes.ts';
import {
  completeOidcLogin,
  decideSsoChange,
  getOidcSettings,
  listSsoChanges,
  listSsoProviders,
  SsoRefusal,
  saveOidcSettings,
  startOidcLogin,
} from './oidc.service.ts';

export type OidcRouteOptions = ModuleOptions & { oidc?: OidcClientOptions; keys: KeyRing };

const failedLocation = '/login?sso=failed';
const redirect = { 302: z.null().describe('Redirect (Location header)') };

export const oidcRoutes: FastifyPluginAsyncZod<OidcRouteOptions> = async (app, options) => {
  const { database, secureCookies, keys } = options;
  const oidc = options.oidc ?? {};
  const redirectUri = `${options.publicUrl.replace(/\/+$/, '')}/api/auth/oidc/callback`;
  const tags = ['auth'];

  app.get('/api/swv/oidc', { schema: { tags, response: { 200: OidcSettingsView } } }, async (request) => ({
    ...(await getOidcSettings(contextOf(request, database))),
    redirectUri,
  }));
  app.put(
    '/api/swv/oidc',
    { schema: { tags, body: OidcSettingsBody, response: { 200: OidcSettingsView } } },
    async (request) => ({
      ...(await saveOidcSettings(contextOf(request, database), keys, request.body, oidc)),
      redirectUri,
    }),
  );

  // Changes that wait for a second administrator, or the operator (docs/SECURITY.md C8).
  app.get(
    '/api/sso-changes',
    { schema: { tags, response: { 200: z.array(SsoChangeView) } } },
    async (request) => listSsoChanges(contextOf(request, database)),
  );
  app.post(
    '/api/sso-changes/:id/approve',
    { schema: { tags, params: IdParams, response: { 200: SsoChangeDecision } } },
    async (request) => decideSsoChange(contextOf(request, database), request.params.id, 'approved'),
  );
  app.post(
    '/api/sso-changes/:id/reject',
    { schema: { tags, params: IdParams, response: { 200: SsoChangeDecision } } },
    async (request) => decideSsoChange(contextOf(request, database), request.params.id, 'rejected'),
  );

  app.get(
    '/api/auth/sso',
    { config: { auth: 'public' }, schema: { tags, response: { 200: SsoProviderList } } },
    async () => listSsoProviders(database),
  );

  app.get(
    '/api/auth/oidc/:swvId/start',
    { config: { auth: 'public' }, schema: { tags, params: OidcStartParams, response: redirect } },
    async (request, reply) => {
      const { swvId } = request.params;
      const location = await startOidcLogin(
        database,
        keys,
        { swvId, redirectUri, clientAddress: request.ip, now: request.now },
        oidc,
      ).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        // The provider could not be discovered (down, or its document names another issuer).
        request.log.warn({ event: 'sso_start_failed', swvId, code: failureCode(error) });
        return failedLocation;
      });
      return reply.redirect(location.toString(), 302);
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      // The provider sends the browser back from its own site: the one-use state issued at the
      // start protects this route, not the site it comes from.
      config: { auth: 'public', fetchSites: anySite },
      schema: { tags, querystring: OidcCallbackQuery, response: redirect },
    },
    async (request, reply) => {
      // The provider's parameters exactly as sent, on our registered redirect URI: openid-client
      // reads them from there and sends that URI to the token endpoint.
      const callbackUrl = new URL(redirectUri);
      const queryStart = request.url.indexOf('?');
      if (queryStart >= 0) callbackUrl.search = request.url.slice(queryStart);
      try {
        const issued = await completeOidcLogin(
          database,
          keys,
          {
            callbackUrl,
            state: request.query.state,
            now: request.now,
            previousSessionTokenHash: request.session?.tokenHash ?? null,
          },
          oidc,
        );
        writeSessionCookie(reply, issued.token, secureCookies);
        request.log.info({ event: 'sso_login', swvId: issued.swvId, stage: issued.stage });
        return reply.redirect('/', 302);
      } catch (error) {
        if (error instanceof SsoRefusal) {
          const { reason, swvId, code } = error;
          request.log.warn({ event: 'sso_failed', reason, swvId, code });
        } else {
          // Our own fault (the database, a bug): the browser still lands on the login page.
          request.log.error({ event: 'sso_failed', reason: 'internal', code: failureCode(error) });
        }
        return reply.redirect(failedLocation, 302);
      }
    },
  );
};
