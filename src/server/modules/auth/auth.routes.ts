// Sign-in routes. The session token travels only in an HttpOnly cookie; the CSRF token in the
// JSON answer, for the web app to send back in X-CSRF-Token. A second cookie, readable by the web
// app and holding no secret, says only that a session may exist, so a signed-out visitor's page
// does not ask /api/auth/me and get a 401 (docs/decisions/0011).
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivateAccountBody,
  ChangePasswordBody,
  LoginBody,
  LoginResponse,
  MeResponse,
  RecoveryCodesResponse,
  SecondFactorBody,
  SetLanguageBody,
  TotpEnableBody,
  TotpSetupResponse,
} from '../../../contracts/auth.ts';
import { absoluteTimeoutMs, endSession, idleTimeoutMs, sessionCookieName } from '../../auth/sessions.ts';
import { AppError } from '../../http/errors.ts';
import type { KeyRing } from '../documents/encryption.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import {
  activateAccount,
  changePassword,
  completeSecondFactor,
  confirmTotpSetup,
  describeSession,
  type IssuedSession,
  setOwnLanguage,
  signInWithPassword,
  startTotpSetup,
} from './auth.service.ts';

/** Sets the session cookie; password login and single sign-on (oidc.routes.ts) both use it. */
export function writeSessionCookie(reply: FastifyReply, token: string, secureCookies: boolean): void {
  const options = {
    path: '/',
    secure: secureCookies,
    sameSite: 'lax',
    maxAge: absoluteTimeoutMs / 1000,
  } as const;
  reply.setCookie(sessionCookieName(secureCookies), token, { ...options, httpOnly: true });
  reply.setCookie(sessionHintCookieName(secureCookies), '1', { ...options, httpOnly: false });
}

/** The name of the web app's "a session may exist" hint (src/web/app/session.ts reads it). */
export function sessionHintCookieName(secure: boolean): string {
  return `${sessionCookieName(secure)}-hint`;
}

function clearSessionCookies(reply: FastifyReply, secureCookies: boolean): void {
  const options = { path: '/', secure: secureCookies, sameSite: 'lax' } as const;
  reply.clearCookie(sessionCookieName(secureCookies), { ...options, httpOnly: true });
  reply.clearCookie(sessionHintCookieName(secureCookies), options);
}

export const authRoutes: FastifyPluginAsyncZod<ModuleOptions & { keys: KeyRing }> = async (
  app,
  { database, secureCookies, keys },
) => {
  function setSessionCookie(reply: FastifyReply, issued: IssuedSession) {
    writeSessionCookie(reply, issued.token, secureCookies);
    return { stage: issued.stage, csrfToken: issued.csrfToken };
  }

  function requireSession(request: { session: unknown }) {
    if (!request.session) throw new AppError('unauthenticated', 'Sign in first');
  }

  app.post(
    '/api/auth/login',
    {
      config: { auth: 'public' },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse } },
    },
    async (request, reply) => {
      // A new login replaces any session this browser had (no fixation).
      if (request.session) await endSession(database.db, request.session.tokenHash);
      const issued = await signInWithPassword(database, {
        ...request.body,
        clientAddress: request.ip,
        now: request.now,
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'account_locked')
          request.log.warn({ event: 'login_throttled' });
        throw error;
      });
      return setSessionCookie(reply, issued);
    },
  );

  app.post(
    '/api/auth/activate',
    {
      config: { auth: 'public' },
      schema: { tags: ['auth'], body: ActivateAccountBody, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await activateAccount(database, { ...request.body, now: request.now });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/second-factor',
    {
      config: { auth: 'second_factor' },
      schema: { tags: ['auth'], body: SecondFactorBody, response: { 200: LoginResponse } },
    },
    async (request, reply) => {
      requireSession(request);
      const issued = await completeSecondFactor(database, keys, request.session!, request.body, request.now);
      return setSessionCookie(reply, issued);
    },
  );

  app.post(
    '/api/auth/totp/setup',
    { config: { auth: 'second_factor' }, schema: { tags: ['auth'], response: { 200: TotpSetupResponse } } },
    async (request) => {
      requireSession(request);
      return startTotpSetup(database, keys, request.session!);
    },
  );

  app.post(
    '/api/auth/totp/enable',
    {
      config: { auth: 'second_factor' },
      schema: { tags: ['auth'], body: TotpEnableBody, response: { 200: RecoveryCodesResponse } },
    },
    async (request, reply) => {
      requireSession(request);
      const issued = await confirmTotpSetup(database, keys, request.session!, request.body.code, request.now);
      const { csrfToken } = setSessionCookie(reply, issued);
      return { recoveryCodes: issued.recoveryCodes, csrfToken };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { auth: 'second_factor' }, schema: { tags: ['auth'], response: { 200: MeResponse } } },
    async (request) => {
      requireSession(request);
      const session = request.session!;
      const { user } = await describeSession(database, session);
      const end = session.createdAt.getTime() + absoluteTimeoutMs;
      const idleEnd = Math.min(request.now.getTime() + idleTimeoutMs, end);
      return {
        stage: session.stage,
        csrfToken: session.csrfToken,
        user,
        idleExpiresAt: new Date(idleEnd).toISOString(),
        expiresAt: new Date(end).toISOString(),
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { auth: 'second_factor' }, schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      requireSession(request);
      await endSession(database.db, request.session!.tokenHash);
      clearSessionCookies(reply, secureCookies);
      return reply.status(204).send(null);
    },
  );

  // Only one's own account: the user comes from the session, never from the request.
  app.put(
    '/api/auth/language',
    { schema: { tags: ['auth'], body: SetLanguageBody, response: { 204: z.null() } } },
    async (request, reply) => {
      await setOwnLanguage(database, request.actor!.userId, request.body.language);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], body: ChangePasswordBody, response: { 204: z.null() } } },
    async (request, reply) => {
      await changePassword(database, request.actor!.userId, request.body, request.now);
      clearSessionCookies(reply, secureCookies);
      return reply.status(204).send(null);
    },
  );
};
