// Decides, before any byte of the body is read, whether a request may go on (docs/SECURITY.md B4, B5, C9):
// the site it comes from (Fetch Metadata), the session cookie resolved to an actor, the route's
// authentication level and CSRF protection. Routes declare
// `config: { auth: 'public' | 'second_factor' | 'active' }`; 'active' is the default. A refusal here
// closes the connection, so an unread upload is not drained (docs/decisions/0005-…).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Context } from '../access/actor.ts';
import type { FactsRow } from '../access/factsRow.ts';
import { findSession, type SessionRow, sessionCookieName } from '../auth/sessions.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from './errors.ts';

export type AuthLevel = 'public' | 'second_factor' | 'active';

/** The values of the Sec-Fetch-Site header: who made the browser send the request. */
export type FetchSite = 'same-origin' | 'same-site' | 'cross-site' | 'none';

/** The web app's own pages, or the user typing or bookmarking the address: every API route. */
export const ownSites: readonly FetchSite[] = ['same-origin', 'none'];
/** A download (a child's data leaving Passend) starts from the web app's own pages only. */
export const downloadSites: readonly FetchSite[] = ['same-origin'];
/** Any site: only the single sign-on callback, which the provider sends and its state protects. */
export const anySite: readonly FetchSite[] = ['same-origin', 'same-site', 'cross-site', 'none'];

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
    /** The Sec-Fetch-Site values the route answers; `ownSites` unless said otherwise. */
    fetchSites?: readonly FetchSite[];
    /**
     * The route parameter naming the one child whose file the route reads: that child's policy
     * facts are loaded in the session's query (docs/decisions/0038).
     */
    child?: string;
  }
  interface FastifyRequest {
    session: (SessionRow & { tokenHash: string }) | null;
    actor: Actor | null;
    now: Date;
    /** The facts of the route's child, loaded with the session (config `child`); undefined: not asked. */
    childFacts: { studentId: string; facts: FactsRow | null } | undefined;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installRequestContext(
  app: FastifyInstance,
  options: { database: Database; now: () => Date; secureCookies: boolean; publicOrigin: string },
): void {
  const cookieName = sessionCookieName(options.secureCookies);
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('now', null as unknown as Date);
  app.decorateRequest('childFacts', undefined);

  // onRequest: the route is known, the body not yet read. Nothing below reads it.
  app.addHook('onRequest', async (request, reply) => {
    request.now = options.now();
    try {
      await admit(request);
    } catch (error) {
      // The client may still be sending a body nobody will read: do not drain it, hang up.
      if (announcesBody(request)) reply.header('connection', 'close');
      throw error;
    }
  });

  async function admit(request: FastifyRequest): Promise<void> {
    // An unknown route answers at once, before its body arrives.
    if (request.is404) {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw notFound();
      return;
    }
    // The web app's page and asset files need no session; looking it up there would also delete
    // an expired one before the app's own call can be told "session expired".
    if (!request.url.startsWith('/api/')) return;
    const config = request.routeOptions.config;
    checkFetchSite(request, config.fetchSites ?? ownSites);
    const level = config.auth ?? 'active';
    // A route on one child's file: that child's facts come with the session (one query).
    const childParam = config.child ? (request.params as Record<string, unknown>)[config.child] : undefined;
    const childId = typeof childParam === 'string' && uuidPattern.test(childParam) ? childParam : undefined;
    const lookup = await findSession(options.database.db, request.cookies[cookieName], request.now, childId);
    if (lookup.status === 'valid') {
      request.session = { ...lookup.session, tokenHash: lookup.tokenHash };
      request.actor = lookup.actor;
      if (childId !== undefined && lookup.childFacts !== undefined) {
        request.childFacts = { studentId: childId, facts: lookup.childFacts };
      }
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
  }
}

function announcesBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/**
 * docs/SECURITY.md C9: a page on another site must not make a signed-in browser read (SameSite=Lax lets
 * top-level GETs carry the cookie) or download a child's data, nor write an access-log row in the
 * user's name. Browsers send Sec-Fetch-Site on every request; without it (other clients, very old
 * browsers) the SameSite cookie and the CSRF token still hold.
 */
function checkFetchSite(request: FastifyRequest, allowed: readonly FetchSite[]): void {
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || (allowed as readonly string[]).includes(String(site))) return;
  throw site === 'none'
    ? new AppError('csrf_failed', 'Open this from within Passend')
    : new AppError('csrf_failed', 'Cross-site request refused');
}

/**
 * With a session, a state-changing request must carry the session's CSRF token in X-CSRF-Token.
 * Without one (login), a request from another origin is refused by its Origin header (its
 * Sec-Fetch-Site was checked before).
 */
function checkCsrf(request: FastifyRequest, publicOrigin: string): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== publicOrigin) {
    throw new AppError('csrf_failed', 'Cross-site request refused');
  }
  if (!request.session) return;
  const sent = request.headers['x-csrf-token'];
  const expected = Buffer.from(request.session.csrfToken);
  // Bytes, not characters: timingSafeEqual throws on buffers of unequal length, and a token with
  // non-ASCII characters is longer in bytes than in characters.
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
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
    ...(request.session ? { sessionTokenHash: request.session.tokenHash } : {}),
    ...(request.childFacts ? { preloaded: { actor: request.actor, ...request.childFacts } } : {}),
  };
}
