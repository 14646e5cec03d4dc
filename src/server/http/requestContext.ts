// Resolves the session cookie to an actor before every route and enforces the route's declared
// authentication level and CSRF protection (TRUST B4, B5). Routes declare
// `config: { auth: 'public' | 'second_factor' | 'active' }`; 'active' is the default.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Context } from '../access/actor.ts';
import { findSession, type SessionRow, sessionCookieName } from '../auth/sessions.ts';
import type { Database } from '../db/client.ts';
import { AppError } from './errors.ts';

export type AuthLevel = 'public' | 'second_factor' | 'active';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
  }
  interface FastifyRequest {
    session: (SessionRow & { tokenHash: string }) | null;
    actor: Actor | null;
    now: Date;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installRequestContext(
  app: FastifyInstance,
  options: { database: Database; now: () => Date; secureCookies: boolean; publicOrigin: string },
): void {
  const cookieName = sessionCookieName(options.secureCookies);
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('now', null as unknown as Date);

  app.addHook('preHandler', async (request) => {
    request.now = options.now();
    // The web app's page and asset files need no session; looking it up there would also delete
    // an expired one before the app's own call can be told "session expired".
    if (request.is404 || !request.url.startsWith('/api/')) return;
    const level = request.routeOptions.config.auth ?? 'active';
    const lookup = await findSession(options.database.db, request.cookies[cookieName], request.now);
    if (lookup.status === 'valid') {
      request.session = { ...lookup.session, tokenHash: lookup.tokenHash };
      request.actor = lookup.actor;
    }
    if (!safeMethods.has(request.method)) checkCsrf(request, options.publicOrigin);
    if (level === 'public') return;
    if (!request.session) {
      throw lookup.status === 'expired'
        ? new AppError('session_expired', 'Your session has expired; sign in again')
        : new AppError('unauthenticated', 'Sign in first');
    }
    if (level === 'active' && !request.actor) {
      throw request.session.stage === 'active'
        ? new AppError('unauthenticated', 'Sign in first')
        : new AppError('second_factor_required', 'Complete the second factor first');
    }
  });
}

/**
 * With a session, a state-changing request must carry the session's CSRF token in X-CSRF-Token.
 * Without one (login), a cross-site request is refused by its Origin / Sec-Fetch-Site headers.
 */
function checkCsrf(request: FastifyRequest, publicOrigin: string): void {
  const fetchSite = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if (fetchSite === 'cross-site' || (origin !== undefined && origin !== publicOrigin)) {
    throw new AppError('csrf_failed', 'Cross-site request refused');
  }
  if (!request.session) return;
  const sent = request.headers['x-csrf-token'];
  const expected = Buffer.from(request.session.csrfToken);
  if (
    typeof sent !== 'string' ||
    sent.length !== expected.length ||
    !timingSafeEqual(Buffer.from(sent), expected)
  ) {
    throw new AppError('csrf_failed', 'Missing or wrong CSRF token');
  }
}

/** The use-case context of an authenticated request. */
export function contextOf(request: FastifyRequest, database: Database): Context {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in first');
  return {
    database,
    actor: request.actor,
    requestId: String(request.id),
    clientAddress: request.ip,
    now: request.now,
  };
}
