// Single sign-on end to end: the app (through app.inject) against a real OpenID provider started
// here on 127.0.0.1; the test plays the browser between the two. Plus the SWV's SSO settings.
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Agent,
  anOidcProvider,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import {
  type FakeLogin,
  type FakeOpenIdProvider,
  startFakeOpenIdProvider,
} from '../../../../test/support/fakeOpenIdProvider.ts';
import {
  aClock,
  documentsForTests,
  type TestApp,
  testApp,
  testPublicUrl,
} from '../../../../test/support/testApp.ts';
import { testDatabase } from '../../../../test/support/testDatabase.ts';
import { buildApp } from '../../app.ts';
import { openSecret } from '../../auth/secrets.ts';
import { currentTotp } from '../../auth/totp.ts';
import { adminEvent, appUser, oidcLogin, session, swvOidc, userIdentity } from '../../db/schema/index.ts';
import { newDocumentKey } from '../documents/encryption.ts';

const redirectUri = `${testPublicUrl}/api/auth/oidc/callback`;
const failed = '/login?sso=failed';

/** The test app, allowed to talk plain http to the fake provider (never on by default). */
async function ssoTestApp(): Promise<TestApp> {
  const database = await testDatabase();
  const clock = aClock();
  const app = await buildApp({
    database,
    publicUrl: testPublicUrl,
    secureCookies: true,
    now: () => clock.now,
    oidc: { allowInsecureRequests: true },
    documents: documentsForTests(),
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

describe('single sign-on with OpenID Connect', () => {
  let t: TestApp;
  let idp: FakeOpenIdProvider;
  let otherIdp: FakeOpenIdProvider;
  let subjects = 0;

  beforeAll(async () => {
    t = await ssoTestApp();
    idp = await startFakeOpenIdProvider({ redirectUri });
    // A second provider with the same client id, for the mix-up case.
    otherIdp = await startFakeOpenIdProvider({ redirectUri, claimsInIdToken: true });
  });
  afterAll(async () => {
    await idp?.close();
    await otherIdp?.close();
    await t?.close();
  });

  async function anSsoSwv(provider = idp, enabled = true, providerEnforcesMfa = false) {
    const swv = await aSwv(t.database.db);
    await anOidcProvider(t.database.db, swv.id, { ...provider, enabled, providerEnforcesMfa });
    return swv;
  }

  /** A school IB'er: no second factor required, so SSO alone gives an active session. */
  async function anIbIn(swvId: string): Promise<TestUser> {
    const school = await aSchool(t.database.db, swvId);
    return aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId: school.id }]);
  }

  /** A subject at the provider with the given e-mail, verified unless said otherwise. */
  function anAccountAt(provider: FakeOpenIdProvider, email: string, emailVerified = true): string {
    subjects += 1;
    const subject = `subject-${subjects}`;
    provider.accounts.set(subject, { email, emailVerified });
    return subject;
  }

  async function start(swvId: string) {
    const response = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${swvId}/start` });
    expect(response.statusCode).toBe(302);
    return String(response.headers.location);
  }

  async function callback(url: URL, cookie?: string) {
    return t.app.inject({
      method: 'GET',
      url: `${url.pathname}${url.search}`,
      ...(cookie ? { headers: { cookie } } : {}),
    });
  }

  /** Start → the provider → back at our callback; returns the callback's answer. */
  async function roundTrip(swvId: string, login: FakeLogin, provider = idp) {
    const authorizationUrl = await start(swvId);
    return callback(await provider.signIn(authorizationUrl, login));
  }

  function agentOf(response: LightMyRequestResponse): Agent {
    const cookie = response.cookies.find((c) => c.name === '__Host-passend');
    if (!cookie) throw new Error('no session cookie');
    const agent = new Agent(t);
    agent.cookie = `__Host-passend=${cookie.value}`;
    return agent;
  }

  function expectRefused(response: LightMyRequestResponse) {
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(failed);
    expect(response.cookies.find((c) => c.name === '__Host-passend')).toBeUndefined();
  }

  async function sessionsOf(userId: string) {
    return t.database.db.select().from(session).where(eq(session.userId, userId));
  }

  it('redirects to the provider with state, nonce and PKCE, and stores them once', async () => {
    const swv = await anSsoSwv();
    const location = new URL(await start(swv.id));
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(location.searchParams.get('client_id')).toBe(idp.clientId);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('scope')).toBe('openid email');
    const state = location.searchParams.get('state')!;
    const [row] = await t.database.db.select().from(oidcLogin).where(eq(oidcLogin.state, state));
    expect(row).toMatchObject({ swvId: swv.id, nonce: location.searchParams.get('nonce') });
    expect(row!.createdAt.toISOString()).toBe(t.clock.now.toISOString());
    expect(row!.codeVerifier).not.toBe(location.searchParams.get('code_challenge'));
  });

  it('signs in through the provider: a session, and /api/auth/me works', async () => {
    const swv = await anSsoSwv();
    const user = await anIbIn(swv.id);
    const subject = anAccountAt(idp, user.email);
    const response = await roundTrip(swv.id, { subject });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
    const cookie = response.cookies.find((c) => c.name === '__Host-passend')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });

    const me = await agentOf(response).get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ stage: 'active', user: { id: user.id, swvId: swv.id } });
    expect(await sessionsOf(user.id)).toEqual([expect.objectContaining({ method: 'oidc', stage: 'active' })]);
    // The round trip's secrets are gone once used.
    expect(await t.database.db.select().from(oidcLogin).where(eq(oidcLogin.swvId, swv.id))).toEqual([]);
  });

  it('links the account by verified e-mail, then finds it by the identity', async () => {
    const swv = await anSsoSwv();
    const user = await anIbIn(swv.id);
    const subject = anAccountAt(idp, user.email);
    expect((await roundTrip(swv.id, { subject })).headers.location).toBe('/');
    expect(await t.database.db.select().from(userIdentity).where(eq(userIdentity.userId, user.id))).toEqual([
      { issuer: idp.issuer, subject, userId: user.id },
    ]);

    // The provider now reports another, unverified address: the link still finds the account.
    idp.accounts.set(subject, { email: 'changed@example.test', emailVerified: false });
    const second = await roundTrip(swv.id, { subject });
    expect(second.headers.location).toBe('/');
    expect((await agentOf(second).get('/api/auth/me')).json().user.id).toBe(user.id);
  });

  it('reads the e-mail from the ID token when the provider puts it there', async () => {
    const swv = await anSsoSwv(otherIdp);
    const user = await anIbIn(swv.id);
    const subject = anAccountAt(otherIdp, user.email);
    const response = await roundTrip(swv.id, { subject }, otherIdp);
    expect(response.headers.location).toBe('/');
  });

  it('ends the session the browser had before (no fixation)', async () => {
    const swv = await anSsoSwv();
    const user = await anIbIn(swv.id);
    const before = await signIn(t, user);
    const subject = anAccountAt(idp, user.email);
    const back = await idp.signIn(await start(swv.id), { subject });
    const response = await callback(back, before.cookie!);
    expect(response.headers.location).toBe('/');
    expect((await before.get('/api/auth/me')).statusCode).toBe(401);
    expect(await sessionsOf(user.id)).toEqual([expect.objectContaining({ method: 'oidc' })]);
  });

  it('accepts an ID token re-signed by the provider with claims unchanged (the control for below)', async () => {
    const swv = await anSsoSwv();
    const user = await anIbIn(swv.id);
    const subject = anAccountAt(idp, user.email);
    idp.rewriteIdToken = (claims) => ({ ...claims });
    try {
      expect((await roundTrip(swv.id, { subject })).headers.location).toBe('/');
    } finally {
      idp.rewriteIdToken = null;
    }
  });

  describe('refuses', () => {
    it('a discovery document that names another issuer', async () => {
      const swv = await anSsoSwv();
      idp.discoveryIssuer = 'https://impostor.example.test';
      try {
        const response = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${swv.id}/start` });
        expect(response.statusCode).toBe(302);
        expect(response.headers.location).toBe(failed);
      } finally {
        idp.discoveryIssuer = null;
      }
      expect(await t.database.db.select().from(oidcLogin).where(eq(oidcLogin.swvId, swv.id))).toEqual([]);
    });

    it('an ID token from another issuer than the configured one', async () => {
      const swv = await anSsoSwv();
      const user = await anIbIn(swv.id);
      const subject = anAccountAt(idp, user.email);
      idp.rewriteIdToken = (claims) => ({ ...claims, iss: otherIdp.issuer });
      try {
        expectRefused(await roundTrip(swv.id, { subject }));
      } finally {
        idp.rewriteIdToken = null;
      }
      expect(await sessionsOf(user.id)).toEqual([]);
    });

    it('an answer from another provider than the SWV’s (mix-up)', async () => {
      const swv = await anSsoSwv(idp);
      const user = await anIbIn(swv.id);
      const subject = anAccountAt(otherIdp, user.email);
      // The browser is sent to the other provider with our request (same client id there).
      const authorizationUrl = new URL(await start(swv.id));
      const atOther = new URL(`${authorizationUrl.pathname}${authorizationUrl.search}`, otherIdp.issuer);
      const back = await otherIdp.signIn(atOther.toString(), { subject });
      expect(back.searchParams.get('iss')).toBe(otherIdp.issuer);
      expectRefused(await callback(back));
      expect(await sessionsOf(user.id)).toEqual([]);
    });

    it('an expired ID token', async () => {
      const swv = await anSsoSwv();
      const user = await anIbIn(swv.id);
      const subject = anAccountAt(idp, user.email);
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      idp.rewriteIdToken = (claims) => ({ ...claims, iat: hourAgo - 600, exp: hourAgo });
      try {
        expectRefused(await roundTrip(swv.id, { subject }));
      } finally {
        idp.rewriteIdToken = null;
      }
      expect(await sessionsOf(user.id)).toEqual([]);
    });

    it('an ID token for another client (audience)', async () => {
      const swv = await anSsoSwv();
      const user = await anIbIn(swv.id);
      const subject = anAccountAt(idp, user.email);
      idp.rewriteIdToken = (claims) => ({ ...claims, aud: 'someone-else' });
      try {
        expectRefused(await roundTrip(swv.id, { subject }));
      } finally {
        idp.rewriteIdToken = null;
      }
    });

    it('a replayed state', async () => {
      const swv = await anSsoSwv();
      const user = await anIbIn(swv.id);
      const subject = anAccountAt(idp, user.email);
      const back = await idp.signIn(await start(swv.id), { subject });
      expect((await callback(back)).headers.location).toBe('/');
      expectRefused(await callback(back));
      expect(await sessionsOf(user.id)).toHaveLength(1);
    });

    it('a state that was never issued, or none', async () => {
      expectRefused(
        await t.app.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=x&state=forged' }),
      );
      expectRefused(await t.app.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=x' }));
    });

    it('a round trip that took longer than 10 minutes', async () => {
      const swv = await anSsoSwv();
      const user = await anIbIn(swv.id);
      const subject = anAccountAt(idp, user.email);
      const back = await idp.signIn(await start(swv.id), { subject });
      t.clock.advance(10 * 60 * 1000 + 1000);
      expectRefused(await callback(back));
      expect(await sessionsOf(user.id)).toEqual([]);
    });

    it('the provider’s error answer', async () => {
      const swv = await anSsoSwv();
      const state = new URL(await start(swv.id)).searchParams.get('state')!;
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/auth/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(idp.issuer)}`,
      });
      expectRefused(response);
    });

    it('an unknown e-mail address', async () => {
      const swv = await anSsoSwv();
      const subject = anAccountAt(idp, 'nobody-here@example.test');
      expectRefused(await roundTrip(swv.id, { subject }));
      expect(
        await t.database.db.select().from(userIdentity).where(eq(userIdentity.subject, subject)),
      ).toEqual([]);
    });

    it('an e-mail address the provider has not verified', async () => {
      const swv = await anSsoSwv();
      const user = await anIbIn(swv.id);
      const subject = anAccountAt(idp, user.email, false);
      expectRefused(await roundTrip(swv.id, { subject }));
      expect(await sessionsOf(user.id)).toEqual([]);
    });

    it('a user of another SWV, by e-mail and by a linked identity', async () => {
      const swv = await anSsoSwv();
      const otherSwv = await anSsoSwv();
      const stranger = await anIbIn(otherSwv.id);
      const subject = anAccountAt(idp, stranger.email);
      expectRefused(await roundTrip(swv.id, { subject }));

      // Linked through the own SWV, the identity still does not open the other SWV.
      expect((await roundTrip(otherSwv.id, { subject })).headers.location).toBe('/');
      expectRefused(await roundTrip(swv.id, { subject }));
      expect(await sessionsOf(stranger.id)).toHaveLength(1);
    });

    it('a disabled account', async () => {
      const swv = await anSsoSwv();
      const user = await anIbIn(swv.id);
      await t.database.db.update(appUser).set({ disabledAt: t.clock.now }).where(eq(appUser.id, user.id));
      const subject = anAccountAt(idp, user.email);
      expectRefused(await roundTrip(swv.id, { subject }));
      expect(await sessionsOf(user.id)).toEqual([]);
    });

    it('a second subject for an account already linked at this provider', async () => {
      const swv = await anSsoSwv();
      const user = await anIbIn(swv.id);
      expect((await roundTrip(swv.id, { subject: anAccountAt(idp, user.email) })).headers.location).toBe('/');
      expectRefused(await roundTrip(swv.id, { subject: anAccountAt(idp, user.email) }));
    });
  });

  describe('second factor (docs/SECURITY.md B2)', () => {
    async function aConsultantIn(swvId: string, withSecondFactor: boolean) {
      return aUser(t.database.db, swvId, [{ role: 'consultant' }], { withSecondFactor });
    }

    it('asks an SWV role for our TOTP after a password-only sign-in at the provider', async () => {
      const swv = await anSsoSwv();
      const user = await aConsultantIn(swv.id, true);
      const response = await roundTrip(swv.id, { subject: anAccountAt(idp, user.email), amr: ['pwd'] });
      expect(response.headers.location).toBe('/');
      const agent = agentOf(response);
      expect((await agent.get('/api/auth/me')).json().stage).toBe('second_factor');
      expect((await agent.get('/api/swv')).statusCode).toBe(401);
    });

    it('asks an SWV role without TOTP to set it up', async () => {
      const swv = await anSsoSwv();
      const user = await aConsultantIn(swv.id, false);
      const response = await roundTrip(swv.id, { subject: anAccountAt(idp, user.email) });
      expect((await agentOf(response).get('/api/auth/me')).json().stage).toBe('totp_setup');
    });

    it('does not take a provider’s word for a multi-factor sign-in unless the SWV vouches for it', async () => {
      // Anyone can run a provider that claims `amr: ["otp"]`: by default it is no second factor.
      const swv = await anSsoSwv();
      const user = await aConsultantIn(swv.id, true);
      const response = await roundTrip(swv.id, {
        subject: anAccountAt(idp, user.email),
        amr: ['pwd', 'otp', 'mfa'],
      });
      const agent = agentOf(response);
      expect((await agent.get('/api/auth/me')).json().stage).toBe('second_factor');
      expect((await agent.get('/api/swv')).statusCode).toBe(401);
    });

    it('accepts the multi-factor sign-in (amr) of a provider the SWV says enforces it', async () => {
      const swv = await anSsoSwv(idp, true, true);
      const user = await aConsultantIn(swv.id, true);
      const response = await roundTrip(swv.id, {
        subject: anAccountAt(idp, user.email),
        amr: ['pwd', 'otp'],
      });
      const agent = agentOf(response);
      expect((await agent.get('/api/auth/me')).json().stage).toBe('active');
      expect((await agent.get('/api/swv')).statusCode).toBe(200);
    });
  });

  describe('four eyes on who can sign in (docs/SECURITY.md C8, finding 28)', () => {
    /** An SWV without SSO, a child and its consultant, and `admins` SWV administrators. */
    async function anSwvWithAdmins(admins: number) {
      const db = t.database.db;
      const swv = await aSwv(db);
      const school = await aSchool(db, swv.id);
      const child = await aStudent(db, swv.id, school.id);
      const consultant = await aUser(db, swv.id, [{ role: 'consultant' }], { withSecondFactor: true });
      await aTeam(db, swv.id, [school.id], [consultant.id]);
      const users = await Promise.all(
        Array.from({ length: admins }, () => aUser(db, swv.id, [{ role: 'swv_admin' }])),
      );
      const agents = await Promise.all(users.map((user) => signIn(t, user)));
      return { swv, child, consultant, users, agents };
    }
    /** The body of PUT /api/swv/oidc with a fresh code of `user`'s authenticator app. */
    function settingsOf(user: TestUser, changes: object = {}) {
      t.clock.advance(30_000);
      return {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        enabled: true,
        providerEnforcesMfa: true,
        secondFactorCode: currentTotp(user.totpSecret!, t.clock.now),
        ...changes,
      };
    }
    async function pendingOf(agent: Agent) {
      const changes = await agent.get('/api/sso-changes');
      expect(changes.statusCode, changes.body).toBe(200);
      return changes.json() as { id: string; issuer: string; mayDecide: boolean }[];
    }

    it('keeps one administrator alone from signing in as a consultant through their own provider', async () => {
      const { swv, child, consultant, users, agents } = await anSwvWithAdmins(1);
      const [admin] = agents;
      expect((await admin!.get(`/api/students/${child.id}`)).statusCode).toBe(403);
      const saved = await admin!.request('PUT', '/api/swv/oidc', settingsOf(users[0]!));
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ issuer: null, enabled: false, pendingChange: true });
      // Not in force: the SWV offers no SSO, so the administrator's provider signs no one in.
      expect((await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${swv.id}/start` })).statusCode).toBe(
        404,
      );
      expect(await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id))).toEqual([]);
      // The one who asked cannot approve it.
      const [change] = await pendingOf(admin!);
      expect(change).toMatchObject({ issuer: idp.issuer, mayDecide: false });
      const own = await admin!.request('POST', `/api/sso-changes/${change!.id}/approve`);
      expect(own.statusCode).toBe(403);
      expect(await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id))).toEqual([]);
      // With one administrator, the operator decides; approved, SSO works as asked.
      const operator = await signIn(t, await aUser(t.database.db, null, [{ role: 'operator' }]));
      expect((await pendingOf(operator)).map((c) => c.id)).toContain(change!.id);
      const approved = await operator.request('POST', `/api/sso-changes/${change!.id}/approve`);
      expect(approved.json()).toEqual({ id: change!.id, status: 'approved' });
      const subject = anAccountAt(idp, consultant.email);
      const back = await roundTrip(swv.id, { subject, amr: ['pwd', 'otp'] });
      expect((await agentOf(back).get('/api/auth/me')).json().user.email).toBe(consultant.email);
      const kinds = await t.database.db
        .select({ kind: adminEvent.kind, actor: adminEvent.actorUserId })
        .from(adminEvent)
        .where(eq(adminEvent.swvId, swv.id));
      expect(kinds).toEqual([
        { kind: 'sso_change_requested', actor: users[0]!.id },
        { kind: 'sso_change_approved', actor: expect.any(String) },
      ]);
    });

    it('lets a second administrator approve or refuse a new provider; the operator then may not', async () => {
      const { swv, users, agents } = await anSwvWithAdmins(2);
      const [asker, second] = agents;
      await anOidcProvider(t.database.db, swv.id, { ...otherIdp, providerEnforcesMfa: false });
      const before = (await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id)))[0];
      // A new issuer, and a new client: each waits, and the settings in force stay as they were.
      await asker!.request('PUT', '/api/swv/oidc', settingsOf(users[0]!));
      const [first] = await pendingOf(second!);
      expect(first!.mayDecide).toBe(true);
      const rejected = await second!.request('POST', `/api/sso-changes/${first!.id}/reject`);
      expect(rejected.json()).toEqual({ id: first!.id, status: 'rejected' });
      expect((await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id)))[0]).toEqual(
        before,
      );
      expect(await pendingOf(second!)).toEqual([]);

      await asker!.request('PUT', '/api/swv/oidc', settingsOf(users[0]!));
      // A newer save withdraws the one still waiting.
      await asker!.request('PUT', '/api/swv/oidc', settingsOf(users[0]!, { clientId: 'passend-2' }));
      const waiting = await pendingOf(second!);
      expect(waiting.map((c) => c.mayDecide)).toEqual([true]);
      const operator = await signIn(t, await aUser(t.database.db, null, [{ role: 'operator' }]));
      expect((await operator.request('POST', `/api/sso-changes/${waiting[0]!.id}/approve`)).statusCode).toBe(
        403,
      );
      // Another SWV's administrator does not find it.
      const elsewhere = await anSwvWithAdmins(1);
      const foreign = await elsewhere.agents[0]!.request(
        'POST',
        `/api/sso-changes/${waiting[0]!.id}/approve`,
      );
      expect(foreign.statusCode).toBe(404);
      expect((await second!.request('POST', `/api/sso-changes/${waiting[0]!.id}/approve`)).statusCode).toBe(
        200,
      );
      const [row] = await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id));
      expect(row).toMatchObject({ issuer: idp.issuer, clientId: 'passend-2', providerEnforcesMfa: true });
      // Decided once: a second decision finds nothing.
      expect((await second!.request('POST', `/api/sso-changes/${waiting[0]!.id}/reject`)).statusCode).toBe(
        404,
      );
    });

    it('applies at once what lets no one else in: off and on, a new secret, amr no longer trusted', async () => {
      const { swv, users, agents } = await anSwvWithAdmins(2);
      await anOidcProvider(t.database.db, swv.id, { ...idp, providerEnforcesMfa: true });
      const [admin] = agents;
      for (const changes of [
        { enabled: false },
        { enabled: true },
        { clientSecret: 'a-new-secret' },
        { providerEnforcesMfa: false },
      ]) {
        const saved = await admin!.request('PUT', '/api/swv/oidc', settingsOf(users[0]!, changes));
        expect(saved.statusCode, saved.body).toBe(200);
        expect(saved.json(), JSON.stringify(changes)).toMatchObject({
          pendingChange: false,
          ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
        });
      }
      expect(await pendingOf(agents[1]!)).toEqual([]);
      // Trusting the provider's second factor again waits.
      const trusting = await admin!.request('PUT', '/api/swv/oidc', settingsOf(users[0]!));
      expect(trusting.json()).toMatchObject({ providerEnforcesMfa: false, pendingChange: true });
    });
  });

  describe('the login page and the start', () => {
    it('lists the SWVs with SSO enabled, without secrets', async () => {
      const enabled = await anSsoSwv();
      const disabled = await anSsoSwv(idp, false);
      const response = await t.app.inject({ method: 'GET', url: '/api/auth/sso' });
      expect(response.statusCode).toBe(200);
      const list = response.json() as Array<{ swvId: string; name: string }>;
      expect(list).toContainEqual({ swvId: enabled.id, name: enabled.name });
      expect(list.map((entry) => entry.swvId)).not.toContain(disabled.id);
      expect(response.body).not.toContain(idp.clientSecret);
    });

    it('answers 404 for an unknown or disabled SWV, 400 for a malformed id', async () => {
      const disabled = await anSsoSwv(idp, false);
      const unconfigured = await aSwv(t.database.db);
      for (const swvId of [disabled.id, unconfigured.id, '01900000-0000-7000-8000-000000000000']) {
        const response = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${swvId}/start` });
        expect(response.statusCode).toBe(404);
        expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
      }
      const malformed = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/not-an-id/start' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.code).toBe('validation_failed');
    });

    it('throttles starts per address (429), until the window has passed', async () => {
      const swv = await anSsoSwv();
      const unknownSwv = '01900000-0000-7000-8000-000000000001';
      let status = 0;
      for (let attempt = 0; attempt <= 100 && status !== 429; attempt++) {
        status = (await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${unknownSwv}/start` }))
          .statusCode;
      }
      expect(status).toBe(429);
      const refused = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${swv.id}/start` });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('too_many_requests');
      t.clock.advance(15 * 60 * 1000 + 1000);
      expect(await start(swv.id)).toContain(idp.issuer);
    });

    it('refuses a callback for an SWV whose SSO was disabled meanwhile', async () => {
      const swv = await anSsoSwv();
      const user = await anIbIn(swv.id);
      const back = await idp.signIn(await start(swv.id), { subject: anAccountAt(idp, user.email) });
      await t.database.db.update(swvOidc).set({ enabled: false }).where(eq(swvOidc.swvId, swv.id));
      expectRefused(await callback(back));
    });
  });
});

describe('the SWV’s SSO settings', () => {
  let t: TestApp;
  const key = newDocumentKey('sso-settings');
  const keys = { current: key, byId: new Map([[key.id, key.key]]) };
  beforeAll(async () => {
    // The ordinary test app: plain http issuers are refused, as in production.
    t = await testApp({ documents: { keys, maxBytes: 1024 * 1024 } });
  });

  /** The client secret as stored: sealed under the app's key, opened here to compare. */
  function storedSecretOf(row: typeof swvOidc.$inferSelect): string {
    expect(row.clientSecretKeyId).toBe(key.id);
    expect(row.clientSecret).not.toContain(settings.clientSecret);
    return openSecret(keys, 'oidc-client', row.swvId, {
      keyId: row.clientSecretKeyId,
      sealed: row.clientSecret,
    });
  }
  afterAll(() => t?.close());

  const fields = {
    issuer: 'https://login.example.test/realms/swv',
    clientId: 'passend',
    clientSecret: 'a-very-secret-value-1234',
    enabled: true,
  };
  /** With a well-formed code that is nobody's: enough to pass the schema. */
  const settings = { ...fields, secondFactorCode: '000000' };

  async function anAdmin() {
    const swv = await aSwv(t.database.db);
    const user = await aUser(t.database.db, swv.id, [{ role: 'swv_admin' }]);
    const agent = await signIn(t, user);
    const second = await signIn(t, await aUser(t.database.db, swv.id, [{ role: 'swv_admin' }]));
    /** The body with a fresh code of the administrator's authenticator app (step-up). */
    const withCode = <Body extends object>(body: Body) => {
      t.clock.advance(30_000);
      return { ...body, secondFactorCode: currentTotp(user.totpSecret!, t.clock.now) };
    };
    /** A second administrator approves the change waiting (C8): then it is in force. */
    const approve = async () => {
      const [change] = (await second.get('/api/sso-changes')).json();
      const approved = await second.request('POST', `/api/sso-changes/${change.id}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
    };
    return { swv, user, agent, withCode, approve };
  }

  it('saves the settings and never returns the secret', async () => {
    const { swv, agent, withCode, approve } = await anAdmin();
    const none = {
      issuer: null,
      clientId: null,
      hasClientSecret: false,
      enabled: false,
      providerEnforcesMfa: false,
      pendingChange: false,
      redirectUri,
    };
    expect((await agent.get('/api/swv/oidc')).json()).toEqual(none);
    const saved = await agent.request('PUT', '/api/swv/oidc', withCode(fields));
    expect(saved.statusCode).toBe(200);
    // A new provider waits for a second administrator (C8).
    expect(saved.json()).toEqual({ ...none, pendingChange: true });
    await approve();
    const view = {
      issuer: settings.issuer,
      clientId: 'passend',
      hasClientSecret: true,
      enabled: true,
      providerEnforcesMfa: false,
      pendingChange: false,
      redirectUri,
    };
    const read = await agent.get('/api/swv/oidc');
    expect(read.json()).toEqual(view);
    const changes = await agent.get('/api/sso-changes');
    expect(saved.body + read.body + changes.body).not.toContain(settings.clientSecret);
    const [row] = await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id));
    expect(storedSecretOf(row!)).toBe(settings.clientSecret);
  });

  it('keeps the stored secret when none is sent, only for the same issuer and client', async () => {
    const { swv, agent, withCode, approve } = await anAdmin();
    await agent.request('PUT', '/api/swv/oidc', withCode(fields));
    await approve();
    const { clientSecret: _secret, ...withoutSecret } = fields;
    const disabled = await agent.request(
      'PUT',
      '/api/swv/oidc',
      withCode({ ...withoutSecret, enabled: false }),
    );
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ enabled: false, hasClientSecret: true });
    const [row] = await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id));
    expect(storedSecretOf(row!)).toBe(settings.clientSecret);

    const moved = await agent.request(
      'PUT',
      '/api/swv/oidc',
      withCode({ ...withoutSecret, issuer: 'https://elsewhere.example.test' }),
    );
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details).toEqual({ fields: { clientSecret: 'required' } });
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const { swv, agent } = await anAdmin();
    const bad = [
      { ...settings, swvId: swv.id },
      { ...settings, issuer: 'not a url' },
      { ...settings, issuer: 'ftp://login.example.test' },
      { ...settings, issuer: 'https://login.example.test/?tenant=1' },
      { ...settings, issuer: 'http://login.example.test' },
      { ...settings, clientId: '' },
      { ...settings, clientSecret: 'line\u0000break' },
      { ...settings, enabled: 'yes' },
      { ...settings, providerEnforcesMfa: 'true' },
      { ...settings, secondFactorCode: '12345' },
      fields,
      { issuer: settings.issuer, clientId: 'passend', clientSecret: 'x' },
    ];
    for (const body of bad) {
      const response = await agent.request('PUT', '/api/swv/oidc', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    expect(await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id))).toEqual([]);
  });

  it('is for the swv_admin only', async () => {
    const swv = await aSwv(t.database.db);
    const school = await aSchool(t.database.db, swv.id);
    for (const memberships of [
      [{ role: 'consultant' as const }],
      [{ role: 'policy' as const }],
      [{ role: 'school_ib' as const, schoolId: school.id }],
      [{ role: 'parent' as const }],
    ]) {
      const agent = await signIn(t, await aUser(t.database.db, swv.id, memberships));
      expect((await agent.get('/api/swv/oidc')).statusCode).toBe(403);
      expect((await agent.request('PUT', '/api/swv/oidc', settings)).statusCode).toBe(403);
    }
    const operator = await signIn(t, await aUser(t.database.db, null, [{ role: 'operator' }]));
    expect((await operator.get('/api/swv/oidc')).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/swv/oidc' });
    expect(anonymous.statusCode).toBe(401);
    expect(
      await t.database.db
        .select()
        .from(swvOidc)
        .where(and(eq(swvOidc.swvId, swv.id))),
    ).toEqual([]);
  });

  it('needs a fresh code of the administrator’s own second factor, and logs the change', async () => {
    const { swv, user, agent, withCode, approve } = await anAdmin();
    // A stolen session alone cannot point sign-in at another provider.
    const wrong = await agent.request('PUT', '/api/swv/oidc', settings);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual({ fields: { secondFactorCode: 'wrong' } });
    const body = withCode({ ...fields, providerEnforcesMfa: true });
    expect((await agent.request('PUT', '/api/swv/oidc', body)).json().pendingChange).toBe(true);
    // A code works once.
    expect((await agent.request('PUT', '/api/swv/oidc', body)).statusCode).toBe(400);
    await approve();
    // Off: at once, no second administrator needed.
    expect(
      (await agent.request('PUT', '/api/swv/oidc', withCode({ ...fields, enabled: false }))).json(),
    ).toMatchObject({ enabled: false, providerEnforcesMfa: false, pendingChange: false });
    const events = await t.database.db.select().from(adminEvent).where(eq(adminEvent.swvId, swv.id));
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'sso_change_requested',
        actorUserId: user.id,
        details: expect.objectContaining({ issuer: fields.issuer, providerEnforcesMfa: true }),
      }),
      expect.objectContaining({ kind: 'sso_change_approved' }),
      expect.objectContaining({
        kind: 'sso_settings_changed',
        actorUserId: user.id,
        details: expect.objectContaining({ enabled: false }),
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain(fields.clientSecret);

    // An administrator signed in without our TOTP (a provider vouched for) sets one up first.
    const [row] = await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id));
    await t.database.db.update(appUser).set({ totpEnabledAt: null }).where(eq(appUser.id, user.id));
    const withoutTotp = await agent.request('PUT', '/api/swv/oidc', withCode(fields));
    expect(withoutTotp.statusCode).toBe(401);
    expect(withoutTotp.json().error.code).toBe('second_factor_required');
    expect((await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swv.id)))[0]).toEqual(row);
  });

  it('needs the CSRF token to change the settings', async () => {
    const { agent } = await anAdmin();
    agent.csrfToken = null;
    expect((await agent.request('PUT', '/api/swv/oidc', settings)).statusCode).toBe(403);
  });

  it('refuses the start when the issuer is plain http and insecure requests are not allowed', async () => {
    const swv = await aSwv(t.database.db);
    await t.database.db.insert(swvOidc).values({
      swvId: swv.id,
      issuer: 'http://127.0.0.1:9',
      clientId: 'passend',
      clientSecret: 'secret',
    });
    const response = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/${swv.id}/start` });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(failed);
  });
});
